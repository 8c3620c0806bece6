/**
 * Everything a simulation run depends on. Loose options from a caller are resolved once, here, into a
 * complete set; a run is a function of these and nothing else.
 */
import type { ArgumentRule } from '../core/argument-checks.js';
import { checkArguments, onlyFields, optional } from '../core/argument-checks.js';
import type { RaftImplementation } from '../core/contract.js';
import { RAFT_IMPLEMENTATION } from '../core/contract-shape.js';
import type { CoreOptions } from '../core/options.js';
import { INTEGRITY_LEVELS } from '../core/integrity.js';
import type { IntegrityLevel } from '../core/integrity.js';
import type { NodeId, PersistentState } from '../core/types.js';
import { SIMULATION_CHECK_NAMES } from './checking/check-names.js';
import type { DiskFaultOnCrash } from './cluster/disk.js';
import type { TimedFault } from './faults/actions.js';
import type { TraceMode } from './trace/trace.js';
import type { KvWorkloadOptions } from './kv/kv-options.js';
import { DEFAULT_KV_WORKLOAD, kvWorkloadProblem } from './kv/kv-options.js';

export interface NetworkOptions {
  /** One-way latency of a message is drawn uniformly from [min, max] milliseconds. */
  readonly latencyMinMs: number;
  readonly latencyMaxMs: number;
  /** Probability that a message is lost. */
  readonly lossRate: number;
  /** Probability that a message is delivered twice. */
  readonly duplicateRate: number;
  /**
   * Probability that a message is held back long enough to arrive after later ones. Otherwise each
   * link delivers in the order of sending, as a TCP connection does.
   */
  readonly reorderRate: number;
  /**
   * How long a held-back message waits beyond its latency, at most: drawn uniformly from [latencyMaxMs,
   * reorderDelayMaxMs]. 0: up to three times latencyMaxMs plus 1 ms. Long waits let a message arrive
   * after many sent later.
   */
  readonly reorderDelayMaxMs: number;
  /** Probability that a request (a message type ending in Request) is lost, beyond lossRate. */
  readonly requestLossRate: number;
  /** Probability that a reply (a message type ending in Response) is lost, beyond lossRate. */
  readonly replyLossRate: number;
  /**
   * Probability that a message takes a long extra delay, drawn log-uniformly from [latencyMaxMs,
   * tailDelayMaxMs]: most are short, a few very long, the long tail of a real network. A link still
   * delivers in order, so a message held up holds up those behind it.
   */
  readonly tailRate: number;
  readonly tailDelayMaxMs: number;
}

export interface DiskOptions {
  /** A write becomes durable after a latency drawn uniformly from [min, max] milliseconds; 0 is at once. */
  readonly latencyMinMs: number;
  readonly latencyMaxMs: number;
  /**
   * Beyond Raft's fault model, for showing what it does not survive: `lost-fsync` loses the last
   * durable write in a crash, `torn-write` the last log record. Never drawn in correctness exploration.
   */
  readonly faultOnCrash: DiskFaultOnCrash;
}

export interface WorkloadOptions {
  /** Client commands proposed per virtual second; 0 for none. */
  readonly requestsPerSecond: number;
  /** Client reads per virtual second, each answered through the leader's read protocol; 0 for none. */
  readonly readsPerSecond: number;
  /**
   * The key-value workload in place of the digest commands: `requestsPerSecond` operations of clients
   * on a key-value state machine, whose history is checked for linearizability. Null: digest commands.
   */
  readonly kv: KvWorkloadOptions | null;
}

/**
 * A fault that reacts to the run rather than to the clock: each newly elected leader may be crashed
 * soon after its election and restarted later. The moments right after an election are where Raft's
 * subtle cases live (the paper's Figure 8), and a clock-driven schedule rarely lands inside them.
 */
export interface LeaderCrashRule {
  /** Chance that a newly elected leader is crashed. */
  readonly probability: number;
  /** The crash comes this long after the election, drawn uniformly. */
  readonly afterMinMs: number;
  readonly afterMaxMs: number;
  /** The node stays down this long, drawn uniformly. */
  readonly downMinMs: number;
  readonly downMaxMs: number;
}

/** What one node does differently from the rest of the cluster. */
export interface NodeOverrides {
  /** The node's timers run at this rate (1.3 = 30% fast). */
  readonly clockRate?: number;
  readonly electionTimeoutMinMs?: number;
  readonly electionTimeoutMaxMs?: number;
  /** The state the node finds on its disk when the run starts. */
  readonly persisted?: PersistentState;
}

export interface SimulationOptions {
  readonly seed: number;
  readonly nodeCount: number;
  /** The run ends at this virtual time. */
  readonly durationMs: number;
  /**
   * The run ends, reporting the bound, after this many events: a guard against a run that never gets
   * through its virtual time. Left out, defaultMaxEvents(durationMs).
   */
  readonly maxEvents: number;
  /** Virtual milliseconds per node tick. */
  readonly tickMs: number;
  readonly electionTimeoutMinMs: number;
  readonly electionTimeoutMaxMs: number;
  readonly heartbeatMs: number;
  readonly maxEntriesPerAppend: number;
  /** Unanswered AppendEntries requests with entries allowed per follower. */
  readonly maxInflightAppends: number;
  /** PreVote (dissertation §9.6). */
  readonly preVote: boolean;
  /** CheckQuorum: leaders without a majority step down; followers ignore vote requests under a live leader. */
  readonly checkQuorum: boolean;
  /** Lease reads instead of ReadIndex (dissertation §6.4.1); needs checkQuorum. */
  readonly leaseReads: boolean;
  /** The clock drift lease reads assume (see CoreOptions.leaseClockDrift). */
  readonly leaseClockDrift: number;
  /**
   * A node compacts its log once its state machine has applied this many entries past its last
   * snapshot (§7); 0 never compacts.
   */
  readonly snapshotThreshold: number;
  /**
   * Beyond Raft's fault model: `checksum` seals every message and disk record with a checksum,
   * `authenticated` adds a MAC per sender and refuses votes from outside the configuration (see
   * core/integrity.ts). `none`: neither, as Raft assumes.
   */
  readonly integrity: IntegrityLevel;
  /**
   * The configuration the cluster starts with; the other nodes are spare servers that membership
   * changes may add. Null: every node is a member.
   */
  readonly initialMembers: readonly NodeId[] | null;
  readonly network: NetworkOptions;
  readonly disk: DiskOptions;
  readonly workload: WorkloadOptions;
  readonly faults: readonly TimedFault[];
  readonly leaderCrashes: LeaderCrashRule | null;
  /** Per-node differences, by node number. */
  readonly nodeOverrides: Readonly<Record<NodeId, NodeOverrides>>;
  /**
   * The Raft implementation under test. Always the caller's choice: the simulator is a harness for any
   * implementation of the contract and favours none, not even the reference node.
   */
  readonly implementation: RaftImplementation;
  readonly trace: TraceMode;
  /** Stop at the event where the first violation is seen (what follows a broken invariant is noise). */
  readonly stopOnViolation: boolean;
  /** Checks not run (see SIMULATION_CHECK_NAMES): their reports are neither raised nor stop the run. */
  readonly skipCheckers: readonly string[];
}

export type SimulationOptionsInput = Partial<Omit<SimulationOptions, 'network' | 'workload' | 'disk' | 'implementation'>> & {
  readonly implementation: RaftImplementation;
  readonly network?: Partial<NetworkOptions>;
  readonly disk?: Partial<DiskOptions>;
  readonly workload?: Partial<Omit<WorkloadOptions, 'kv'>> & { readonly kv?: Partial<KvWorkloadOptions> | null };
};

export const DEFAULT_NETWORK: NetworkOptions = {
  latencyMinMs: 10,
  latencyMaxMs: 15,
  lossRate: 0,
  duplicateRate: 0,
  reorderRate: 0,
  reorderDelayMaxMs: 0,
  requestLossRate: 0,
  replyLossRate: 0,
  tailRate: 0,
  tailDelayMaxMs: 0,
};

/** Every option but the implementation, which has no default. */
export const DEFAULT_SIMULATION_OPTIONS: Omit<SimulationOptions, 'implementation'> = {
  seed: 1,
  nodeCount: 5,
  durationMs: 10_000,
  // For the default duration; a run of another length that sets none gets defaultMaxEvents(durationMs).
  maxEvents: 5_000_000,
  tickMs: 10,
  electionTimeoutMinMs: 100,
  electionTimeoutMaxMs: 200,
  heartbeatMs: 50,
  maxEntriesPerAppend: 64,
  maxInflightAppends: 16,
  preVote: false,
  checkQuorum: false,
  leaseReads: false,
  leaseClockDrift: 0.3,
  snapshotThreshold: 0,
  integrity: 'none',
  initialMembers: null,
  network: DEFAULT_NETWORK,
  disk: { latencyMinMs: 0, latencyMaxMs: 0, faultOnCrash: 'none' },
  workload: { requestsPerSecond: 20, readsPerSecond: 0, kv: null },
  faults: [],
  leaderCrashes: null,
  nodeOverrides: {},
  trace: 'full',
  stopOnViolation: true,
  skipCheckers: [],
};

export const MAX_NODES = 15;

/**
 * The default event bound's budget per second of virtual time. Busy swarm runs measured 400 to 1,500
 * events per virtual second (seven nodes, 50 requests a second, faults), clusters of 13 to 15 nodes up
 * to 3,900; the budget leaves more than twice that, so a run of any length the command line accepts
 * (a day of virtual time) ends at its duration, not at its bound, unless something is wrong.
 */
export const EVENTS_PER_VIRTUAL_SECOND = 10_000;
/** The default bound is never below this, so that short runs keep the same guard. */
export const MIN_DEFAULT_MAX_EVENTS = 5_000_000;

/** The event bound of a run of this length that sets none: 10,000 events per virtual second, at least 5,000,000. */
export function defaultMaxEvents(durationMs: number): number {
  return Math.max(MIN_DEFAULT_MAX_EVENTS, Math.ceil((durationMs / 1000) * EVENTS_PER_VIRTUAL_SECOND));
}

const partOf = (name: string, defaults: object): ArgumentRule => optional(onlyFields(`${name} (partial)`, Object.keys(defaults)));

/** Loose options: no fields but the options' own (in network, disk and workload likewise); their values are checked once resolved. */
const SIMULATION_OPTIONS_INPUT: ArgumentRule = onlyFields('an object of simulation options, with `implementation` at least', Object.keys(DEFAULT_SIMULATION_OPTIONS).concat('implementation'), {
  implementation: RAFT_IMPLEMENTATION,
  network: partOf('NetworkOptions', DEFAULT_NETWORK),
  disk: partOf('DiskOptions', DEFAULT_SIMULATION_OPTIONS.disk),
  workload: partOf('WorkloadOptions', DEFAULT_SIMULATION_OPTIONS.workload),
});

export type Resolved<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: string };

export function resolveSimulationOptions(input: SimulationOptionsInput): Resolved<SimulationOptions> {
  const durationMs = input.durationMs ?? DEFAULT_SIMULATION_OPTIONS.durationMs;
  const options: SimulationOptions = {
    ...DEFAULT_SIMULATION_OPTIONS,
    ...stripUndefined(input),
    // A bound that fits the run's length, unless one is given (a non-finite duration is refused below).
    maxEvents: input.maxEvents ?? (Number.isFinite(durationMs) ? defaultMaxEvents(durationMs) : MIN_DEFAULT_MAX_EVENTS),
    implementation: input.implementation,
    network: { ...DEFAULT_NETWORK, ...stripUndefined(input.network ?? {}) },
    disk: { ...DEFAULT_SIMULATION_OPTIONS.disk, ...stripUndefined(input.disk ?? {}) },
    workload: resolveWorkload(input.workload ?? {}),
  };
  const problem = simulationOptionsProblem(options);
  return problem === null ? { ok: true, value: options } : { ok: false, problem };
}

/**
 * Completes loose options with the defaults (DEFAULT_SIMULATION_OPTIONS; `implementation` has none and
 * must be given), or throws for callers that built the options themselves and treat a mistake as a bug:
 * a TypeError for a field that is no option or an option object that is none, a RangeError naming the
 * first value that cannot run.
 */
export function simulationOptions(input: SimulationOptionsInput): SimulationOptions {
  checkArguments('simulationOptions', ['input', input, SIMULATION_OPTIONS_INPUT]);
  const resolved = resolveSimulationOptions(input);
  if (!resolved.ok) throw new RangeError(`simulationOptions: invalid simulation options: ${resolved.problem}`);
  return resolved.value;
}

export function simulationOptionsProblem(options: SimulationOptions): string | null {
  const wholeAtLeast = (name: string, value: number, minimum: number) =>
    Number.isSafeInteger(value) && value >= minimum ? null : `${name} must be a whole number ≥ ${minimum}, got ${value}`;
  const positive = (name: string, value: number) =>
    Number.isFinite(value) && value > 0 ? null : `${name} must be a positive number, got ${value}`;
  const network = options.network;
  return (
    (typeof options.implementation?.create === 'function' ? null : 'implementation must be given: an object with a create(config) method (see docs/contract.md)') ??
    wholeAtLeast('seed', options.seed, 0) ??
    wholeAtLeast('nodeCount', options.nodeCount, 1) ??
    (options.nodeCount > MAX_NODES ? `nodeCount must be at most ${MAX_NODES}, got ${options.nodeCount}` : null) ??
    positive('durationMs', options.durationMs) ??
    wholeAtLeast('maxEvents', options.maxEvents, 1) ??
    positive('tickMs', options.tickMs) ??
    positive('electionTimeoutMinMs', options.electionTimeoutMinMs) ??
    positive('electionTimeoutMaxMs', options.electionTimeoutMaxMs) ??
    (options.electionTimeoutMaxMs < options.electionTimeoutMinMs ? 'electionTimeoutMaxMs is below electionTimeoutMinMs' : null) ??
    (options.electionTimeoutMinMs < options.tickMs ? 'electionTimeoutMinMs must be at least one tick (tickMs)' : null) ??
    positive('heartbeatMs', options.heartbeatMs) ??
    (options.heartbeatMs < options.tickMs ? 'heartbeatMs must be at least one tick (tickMs)' : null) ??
    wholeAtLeast('maxEntriesPerAppend', options.maxEntriesPerAppend, 1) ??
    wholeAtLeast('maxInflightAppends', options.maxInflightAppends, 1) ??
    wholeAtLeast('snapshotThreshold', options.snapshotThreshold, 0) ??
    (Number.isFinite(options.leaseClockDrift) && options.leaseClockDrift >= 0 && options.leaseClockDrift < 1
      ? null
      : `leaseClockDrift must be at least 0 and below 1, got ${options.leaseClockDrift}`) ??
    (options.leaseReads && !options.checkQuorum ? 'leaseReads needs checkQuorum, whose leader stickiness the lease relies on' : null) ??
    (INTEGRITY_LEVELS.includes(options.integrity) ? null : `integrity must be ${INTEGRITY_LEVELS.join(', ')}, got ${String(options.integrity)}`) ??
    initialMembersProblem(options) ??
    (Number.isFinite(network.latencyMinMs) && network.latencyMinMs >= 0 ? null : `network.latencyMinMs must be ≥ 0, got ${network.latencyMinMs}`) ??
    (network.latencyMaxMs >= network.latencyMinMs ? null : 'network.latencyMaxMs is below network.latencyMinMs') ??
    rate('network.lossRate', network.lossRate) ??
    rate('network.duplicateRate', network.duplicateRate) ??
    rate('network.reorderRate', network.reorderRate) ??
    heavyWeatherProblem(network) ??
    (options.disk.latencyMinMs >= 0 && options.disk.latencyMaxMs >= options.disk.latencyMinMs ? null : 'disk latency must be a range [min, max] of times ≥ 0') ??
    (['none', 'lost-fsync', 'torn-write'].includes(options.disk.faultOnCrash) ? null : `disk.faultOnCrash must be none, lost-fsync or torn-write, got ${options.disk.faultOnCrash}`) ??
    (Number.isFinite(options.workload.requestsPerSecond) && options.workload.requestsPerSecond >= 0 && options.workload.requestsPerSecond <= 100_000
      ? null
      : `workload.requestsPerSecond must be between 0 and 100000, got ${options.workload.requestsPerSecond}`) ??
    (Number.isFinite(options.workload.readsPerSecond) && options.workload.readsPerSecond >= 0 && options.workload.readsPerSecond <= 100_000
      ? null
      : `workload.readsPerSecond must be between 0 and 100000, got ${options.workload.readsPerSecond}`) ??
    (options.workload.kv === null || options.workload.kv === undefined ? null : kvWorkloadProblem(options.workload.kv)) ??
    (options.leaderCrashes === null ? null : leaderCrashRuleProblem(options.leaderCrashes)) ??
    nodeOverridesProblem(options) ??
    skipCheckersProblem(options.skipCheckers)
  );
}

function rate(name: string, value: number): string | null {
  return Number.isFinite(value) && value >= 0 && value <= 1 ? null : `${name} must be between 0 and 1, got ${value}`;
}

/** The settings beyond loss, duplication and reordering: each rate a probability, each delay above the latency. */
function heavyWeatherProblem(network: NetworkOptions): string | null {
  const atLeastLatency = (name: string, value: number) =>
    Number.isFinite(value) && (value === 0 || value >= network.latencyMaxMs) ? null : `network.${name} must be 0 or at least network.latencyMaxMs (${network.latencyMaxMs}), got ${value}`;
  return (
    rate('network.requestLossRate', network.requestLossRate) ??
    rate('network.replyLossRate', network.replyLossRate) ??
    rate('network.tailRate', network.tailRate) ??
    atLeastLatency('reorderDelayMaxMs', network.reorderDelayMaxMs) ??
    atLeastLatency('tailDelayMaxMs', network.tailDelayMaxMs) ??
    (network.tailRate > 0 && network.tailDelayMaxMs === 0 ? 'network.tailRate needs network.tailDelayMaxMs, the longest delay of the tail' : null)
  );
}

function resolveWorkload(input: NonNullable<SimulationOptionsInput['workload']>): WorkloadOptions {
  const { kv, ...rest } = input;
  return {
    ...DEFAULT_SIMULATION_OPTIONS.workload,
    ...stripUndefined(rest),
    kv: kv === undefined || kv === null ? null : { ...DEFAULT_KV_WORKLOAD, ...stripUndefined(kv) },
  };
}

function initialMembersProblem(options: SimulationOptions): string | null {
  const members = options.initialMembers;
  if (members === null) return null;
  if (members.length === 0) return 'initialMembers must name at least one node';
  for (const member of members) {
    if (!Number.isInteger(member) || member < 1 || member > options.nodeCount) return `initialMembers: there is no node ${member} in a cluster of ${options.nodeCount}`;
  }
  if (new Set(members).size !== members.length) return 'initialMembers names a node twice';
  return null;
}

function nodeOverridesProblem(options: SimulationOptions): string | null {
  for (const [key, overrides] of Object.entries(options.nodeOverrides)) {
    const node = Number(key);
    if (!Number.isInteger(node) || node < 1 || node > options.nodeCount) return `nodeOverrides: there is no node ${key} in a cluster of ${options.nodeCount}`;
    if (overrides.clockRate !== undefined && !(overrides.clockRate > 0 && overrides.clockRate <= 10)) {
      return `nodeOverrides.${key}.clockRate must be above 0 and at most 10, got ${overrides.clockRate}`;
    }
    const min = overrides.electionTimeoutMinMs ?? options.electionTimeoutMinMs;
    const max = overrides.electionTimeoutMaxMs ?? options.electionTimeoutMaxMs;
    if (!(min >= options.tickMs && max >= min)) return `nodeOverrides.${key}: the election timeout must be a range of at least one tick`;
    if (overrides.persisted?.snapshot != null) return `nodeOverrides.${key}.persisted: a starting state with a snapshot is not supported; give the whole log`;
  }
  return null;
}

function leaderCrashRuleProblem(rule: LeaderCrashRule): string | null {
  if (!(rule.probability >= 0 && rule.probability <= 1)) return `leaderCrashes.probability must be between 0 and 1, got ${rule.probability}`;
  if (!(rule.afterMinMs >= 0 && rule.afterMaxMs >= rule.afterMinMs)) return 'leaderCrashes.afterMinMs/afterMaxMs must form a range of times ≥ 0';
  if (!(rule.downMinMs >= 0 && rule.downMaxMs >= rule.downMinMs)) return 'leaderCrashes.downMinMs/downMaxMs must form a range of times ≥ 0';
  return null;
}

/** A node's options in ticks, rounded to whole ticks. */
export function coreOptionsFor(options: SimulationOptions, node: NodeId = 0): CoreOptions {
  const ticks = (ms: number) => Math.max(1, Math.round(ms / options.tickMs));
  const overrides = options.nodeOverrides[node];
  return {
    electionTimeoutMinTicks: ticks(overrides?.electionTimeoutMinMs ?? options.electionTimeoutMinMs),
    electionTimeoutMaxTicks: ticks(overrides?.electionTimeoutMaxMs ?? options.electionTimeoutMaxMs),
    heartbeatTicks: ticks(options.heartbeatMs),
    maxEntriesPerAppend: options.maxEntriesPerAppend,
    maxInflightAppends: options.maxInflightAppends,
    preVote: options.preVote,
    checkQuorum: options.checkQuorum,
    leaseReads: options.leaseReads,
    leaseClockDrift: options.leaseClockDrift,
    // Left out when off, so that the options every other implementation sees stay as they were.
    ...(options.integrity === 'none' ? {} : { integrity: options.integrity }),
  };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

function skipCheckersProblem(names: readonly string[]): string | null {
  const unknown = names.find((name) => !SIMULATION_CHECK_NAMES.includes(name));
  return unknown === undefined ? null : `skipCheckers: "${unknown}" is not a check (${SIMULATION_CHECK_NAMES.join(', ')})`;
}
