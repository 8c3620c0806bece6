/**
 * The protocol options, one row each: the timers, batching, PreVote, CheckQuorum, lease reads,
 * snapshots and the disk's latency. A row is everything the code knows about its option: its name (on
 * the command line as `--policy NAME=VALUE` and in a scenario file under `cluster:`), the values it
 * takes, its default, what it means, the simulation options it sets and how the swarm draws it. The
 * file schema (schema.ts), the copy into simulation options (run-scenario.ts), the policies a run
 * imposes (policies.ts), the swarm (swarm.ts), the CLI's --policy parser and the README's table are
 * all read off these rows, so a new option is one new row.
 *
 * Why here, in scenarios/: a row joins the scenario's field to the simulation options, which only the
 * scenario layer (and those after it) can see. sim/ comes first and cannot import it; the one step
 * left there, from simulation options in milliseconds to the node's options in ticks, is
 * `coreOptionsFor` in sim/options.ts, where only the two timers change units. The command-line syntax
 * (NAME=VALUE, how a duration is written) is the CLI's own: cli/policies.ts reads a row's name and kind.
 */
import type { IntegrityLevel } from '../core/integrity.js';
import { INTEGRITY_LEVELS } from '../core/integrity.js';
import type { RandomStream, SimulationOptionsInput } from '../sim/index.js';

/** The protocol options of a scenario's cluster, in the units the simulator takes (milliseconds, counts). */
export interface ProtocolOptionValues {
  /** Each election timeout is drawn uniformly from [low, high] ms (§5.2). */
  readonly electionTimeoutMs: readonly [number, number];
  readonly heartbeatMs: number;
  readonly maxEntriesPerAppend: number;
  /** PreVote (dissertation §9.6) on every node. */
  readonly preVote: boolean;
  /** CheckQuorum on every node. */
  readonly checkQuorum: boolean;
  /** Lease reads instead of ReadIndex (dissertation §6.4.1); needs checkQuorum. */
  readonly leaseReads: boolean;
  /** Unanswered AppendEntries requests with entries allowed per follower. */
  readonly maxInflightAppends: number;
  /** A node compacts its log once this many entries were applied since its last snapshot; 0 never. */
  readonly snapshotThreshold: number;
  /** Writes become durable after this latency, in ms; [0, 0] is at once. */
  readonly diskLatencyMs: readonly [number, number];
  /** Checksums, or checksums and MACs, on every message and disk record (beyond Raft's fault model). */
  readonly integrity: IntegrityLevel;
}

export type ProtocolOptionField = keyof ProtocolOptionValues;

/**
 * An option's name on the command line and in a file: its field without the unit, since a value
 * written there carries its own (`heartbeat: 50ms`, `--policy electionTimeout=150ms-300ms`).
 */
export type ProtocolOptionName<Field extends ProtocolOptionField = ProtocolOptionField> = Field extends `${infer Name}Ms` ? Name : Field;

export function optionName<Field extends ProtocolOptionField>(field: Field): ProtocolOptionName<Field> {
  return field.replace(/Ms$/, '') as ProtocolOptionName<Field>;
}

/** The values an option takes. Durations are whole milliseconds, at most a day. */
export type OptionKind =
  | { readonly type: 'switch' }
  | { readonly type: 'count'; readonly min: number; readonly max: number }
  | { readonly type: 'duration' }
  /** [low, high] with low ≤ high; durations above 0, or from 0 when `allowsZero`. */
  | { readonly type: 'duration-range'; readonly allowsZero: boolean }
  /** One of a few words. */
  | { readonly type: 'choice'; readonly values: readonly string[] };

type KindFor<Value> = Value extends boolean
  ? Extract<OptionKind, { type: 'switch' }>
  : Value extends string
    ? Extract<OptionKind, { type: 'choice' }>
  : Value extends number
    ? Extract<OptionKind, { type: 'count' | 'duration' }>
    : Extract<OptionKind, { type: 'duration-range' }>;

/** What the swarm has drawn for a seed before an option that depends on it. */
export interface SwarmDrawn {
  readonly checkQuorum?: boolean;
  readonly readsPerSecond?: number;
}

/**
 * How the swarm sets an option for a seed: one value for every seed, or a draw from one of its two
 * streams (`features` for what lies beyond Figure 2, so that adding such draws left the first
 * stream's draws meaning what they did). The order of the draws is swarm.ts's, pinned by golden seeds.
 */
export type SwarmChoice<Value> =
  | { readonly fixed: Value }
  | { readonly stream: 'configuration' | 'features'; draw(random: RandomStream, drawn: SwarmDrawn): Value };

/** One option set to one value. */
export type ProtocolOptionSetting = { readonly [Field in ProtocolOptionField]: { readonly field: Field; readonly value: ProtocolOptionValues[Field] } }[ProtocolOptionField];

/**
 * What an option needs of another when it has a given value (lease reads need CheckQuorum). A policy
 * that sets the option to that value sets the other as it needs, and a policy that sets the other
 * otherwise puts the option back to its default, which must need nothing; setting both against each
 * other is refused (policies.ts). So a policy never meets a swarm draw it cannot run with.
 */
export interface OptionNeed<Value> {
  readonly when: Value;
  readonly needs: ProtocolOptionSetting;
  /** Why, in a few words, for the refusal. */
  readonly because: string;
}

/** The part of the simulation options one protocol option sets. */
export type SimulationPart = Partial<Omit<SimulationOptionsInput, 'implementation'>>;

export interface ProtocolOption<Field extends ProtocolOptionField> {
  readonly field: Field;
  readonly kind: KindFor<ProtocolOptionValues[Field]>;
  readonly defaultValue: ProtocolOptionValues[Field];
  /** After the default in the README (`0 (never)`). */
  readonly defaultNote?: string;
  /** A written scenario names it even at its default value: the timers and batch size every reader wants to see. */
  readonly alwaysWritten: boolean;
  /**
   * What it configures: the Raft node (CoreOptions), the host that runs it, or the simulated disk. A
   * written scenario lists the cluster's `members` between the host's options and the disk's.
   */
  readonly configures: 'node' | 'host' | 'disk';
  /** A value for the README's examples, as written on the command line. */
  readonly example: string;
  readonly meaning: string;
  simulation(value: ProtocolOptionValues[Field]): SimulationPart;
  readonly swarm: SwarmChoice<ProtocolOptionValues[Field]>;
  readonly needs?: OptionNeed<ProtocolOptionValues[Field]>;
}

export type AnyProtocolOption = { [Field in ProtocolOptionField]: ProtocolOption<Field> }[ProtocolOptionField];

/** The heartbeat intervals the swarm draws from, each as often as it appears. */
export const SWARM_HEARTBEATS_MS: readonly number[] = [25, 50, 50];

export const PROTOCOL_OPTIONS: { readonly [Field in ProtocolOptionField]: ProtocolOption<Field> } = {
  electionTimeoutMs: {
    field: 'electionTimeoutMs',
    kind: { type: 'duration-range', allowsZero: false },
    defaultValue: [150, 300],
    alwaysWritten: true,
    configures: 'node',
    example: '150ms-300ms',
    meaning: 'the randomized election timeout range (§5.2)',
    simulation: ([low, high]) => ({ electionTimeoutMinMs: low, electionTimeoutMaxMs: high }),
    swarm: { fixed: [100, 200] },
  },
  heartbeatMs: {
    field: 'heartbeatMs',
    kind: { type: 'duration' },
    defaultValue: 50,
    alwaysWritten: true,
    configures: 'node',
    example: '50ms',
    meaning: 'how often a leader sends AppendEntries to every follower',
    simulation: (heartbeatMs) => ({ heartbeatMs }),
    swarm: { stream: 'configuration', draw: (random) => random.pick(SWARM_HEARTBEATS_MS) },
  },
  maxEntriesPerAppend: {
    field: 'maxEntriesPerAppend',
    kind: { type: 'count', min: 1, max: 100_000 },
    defaultValue: 64,
    alwaysWritten: true,
    configures: 'node',
    example: '4',
    meaning: 'entries per AppendEntries request',
    simulation: (maxEntriesPerAppend) => ({ maxEntriesPerAppend }),
    swarm: { stream: 'configuration', draw: (random) => random.pick([1, 1, 2, 4, 64]) },
  },
  preVote: {
    field: 'preVote',
    kind: { type: 'switch' },
    defaultValue: false,
    alwaysWritten: false,
    configures: 'node',
    example: 'true',
    meaning: 'PreVote (dissertation §9.6)',
    simulation: (preVote) => ({ preVote }),
    swarm: { stream: 'configuration', draw: (random) => random.chance(0.5) },
  },
  checkQuorum: {
    field: 'checkQuorum',
    kind: { type: 'switch' },
    defaultValue: false,
    alwaysWritten: false,
    configures: 'node',
    example: 'true',
    meaning: 'CheckQuorum and leader stickiness',
    simulation: (checkQuorum) => ({ checkQuorum }),
    swarm: { stream: 'configuration', draw: (random) => random.chance(0.5) },
  },
  leaseReads: {
    field: 'leaseReads',
    kind: { type: 'switch' },
    defaultValue: false,
    alwaysWritten: false,
    configures: 'node',
    example: 'true',
    meaning: 'reads by lease instead of ReadIndex; needs CheckQuorum',
    simulation: (leaseReads) => ({ leaseReads }),
    // A lease needs CheckQuorum's stickiness, and only a seed with reads can show what it does.
    swarm: { stream: 'features', draw: (random, drawn) => drawn.checkQuorum === true && (drawn.readsPerSecond ?? 0) > 0 && random.chance(0.5) },
    needs: { when: true, needs: { field: 'checkQuorum', value: true }, because: "a lease relies on CheckQuorum's leader stickiness" },
  },
  maxInflightAppends: {
    field: 'maxInflightAppends',
    kind: { type: 'count', min: 1, max: 10_000 },
    defaultValue: 16,
    alwaysWritten: false,
    configures: 'node',
    example: '8',
    meaning: 'unanswered AppendEntries with entries per follower',
    simulation: (maxInflightAppends) => ({ maxInflightAppends }),
    // Fewer in flight than 8, with one entry per request and a slow link, cannot keep up with the busiest client.
    swarm: { stream: 'features', draw: (random) => random.pick([8, 16, 16, 64]) },
  },
  snapshotThreshold: {
    field: 'snapshotThreshold',
    kind: { type: 'count', min: 0, max: 1_000_000 },
    defaultValue: 0,
    defaultNote: 'never',
    alwaysWritten: false,
    configures: 'host',
    example: '50',
    meaning: 'compact once this many entries were applied since the last snapshot (§7)',
    simulation: (snapshotThreshold) => ({ snapshotThreshold }),
    swarm: { stream: 'features', draw: (random) => (random.chance(0.4) ? random.pick([5, 20, 100]) : 0) },
  },
  diskLatencyMs: {
    field: 'diskLatencyMs',
    kind: { type: 'duration-range', allowsZero: true },
    defaultValue: [0, 0],
    defaultNote: 'at once',
    alwaysWritten: false,
    configures: 'disk',
    example: '1ms-5ms',
    meaning: 'a write is durable after this latency',
    simulation: ([latencyMinMs, latencyMaxMs]) => ({ disk: { latencyMinMs, latencyMaxMs } }),
    swarm: { stream: 'configuration', draw: (random) => (random.chance(0.5) ? [1, random.pick([2, 5, 10])] : [0, 0]) },
  },
  integrity: {
    field: 'integrity',
    kind: { type: 'choice', values: INTEGRITY_LEVELS },
    defaultValue: 'none',
    alwaysWritten: false,
    configures: 'node',
    example: 'checksum',
    meaning:
      'beyond Raft\'s fault model: `checksum` seals every message and disk record, dropping a corrupted message and discarding a torn record; `authenticated` adds a MAC per sender and refuses votes from outside the configuration',
    simulation: (integrity) => ({ integrity }),
    // Never drawn: a seed that drew it would run another protocol than the one it always ran.
    swarm: { fixed: 'none' },
  },
};

/** Every row, in the table's order (the order of the README and of a written scenario). */
export const PROTOCOL_OPTION_LIST: readonly AnyProtocolOption[] = Object.values(PROTOCOL_OPTIONS);

export const POLICY_NAMES: readonly ProtocolOptionName[] = PROTOCOL_OPTION_LIST.map((option) => optionName(option.field));

export const PROTOCOL_OPTION_DEFAULTS: ProtocolOptionValues = Object.fromEntries(
  PROTOCOL_OPTION_LIST.map((option) => [option.field, option.defaultValue]),
) as unknown as ProtocolOptionValues;

/** The row an option's name (as on the command line or in a file) stands for. */
export function findProtocolOption(name: string): AnyProtocolOption | undefined {
  return PROTOCOL_OPTION_LIST.find((option) => optionName(option.field) === name);
}

/** What an option takes, in words: the README's column and the CLI's refusals say it alike. */
export function describeValues(option: AnyProtocolOption): string {
  const kind: OptionKind = option.kind;
  switch (kind.type) {
    case 'switch':
      return 'true or false';
    case 'count':
      return `a whole number from ${kind.min} to ${kind.max}`;
    case 'duration':
      return 'a duration such as 10s, 500ms or 2m';
    case 'duration-range':
      return `a range such as ${option.example}${kind.allowsZero ? ' (from 0)' : ''}`;
    case 'choice':
      return kind.values.join(', ');
  }
}

/** The simulation options a cluster's protocol options stand for. */
export function protocolSimulationOptions(values: ProtocolOptionValues): SimulationPart {
  let part: SimulationPart = {};
  for (const option of PROTOCOL_OPTION_LIST) part = { ...part, ...simulationPartOf(option, values) };
  return part;
}

function simulationPartOf<Field extends ProtocolOptionField>(option: ProtocolOption<Field>, values: ProtocolOptionValues): SimulationPart {
  return option.simulation(values[option.field]);
}

/** The swarm's random streams: the first configuration draws, and those of the features beyond Figure 2. */
export interface SwarmStreams {
  readonly configuration: RandomStream;
  readonly features: RandomStream;
}

/** The swarm's value of one option for a seed, drawn from the stream its row names. */
export function drawForSwarm<Field extends ProtocolOptionField>(
  field: Field,
  streams: SwarmStreams,
  drawn: SwarmDrawn = {},
): ProtocolOptionValues[Field] {
  const choice: SwarmChoice<ProtocolOptionValues[Field]> = PROTOCOL_OPTIONS[field].swarm;
  return 'fixed' in choice ? choice.fixed : choice.draw(streams[choice.stream], drawn);
}
