/**
 * fast-check arbitraries for fault schedules and scenarios, for property tests in this project and in
 * any project that imports raftsim. Built only from records, arrays, integers and constants, so that
 * fast-check can shrink a value it did not generate itself (a failure found by exploration).
 */
import fc from 'fast-check';
import { arrayOf, checkArguments, integer, nullable, number, optional, optionsOf, shaped, string } from '../core/argument-checks.js';
import type { FaultAction, LeaderCrashRule, TimedFault } from '../sim/index.js';
import { FAULT_KINDS, faultKind, MAX_NODES } from '../sim/index.js';
import { NODE_COUNT, SCENARIO, SEED } from './argument-rules.js';
import type { Scenario } from './scenario.js';
import { DEFAULT_CLUSTER } from './scenario.js';

export { nodeNumberArbitrary, nodeRefArbitrary } from '../sim/faults/arbitrary-fields.js';

/**
 * Every fault action that property tests draw (each kind with an arbitrary, in the registry's order), over
 * nodes 1..nodes; the kinds beyond Raft's fault model (attacks, bit rot) only with `attacks`.
 */
export function faultActionArbitrary(nodes: number, attacks = false): fc.Arbitrary<FaultAction> {
  checkArguments('faultActionArbitrary', ['nodes', nodes, NODE_COUNT]);
  const drawn = FAULT_KINDS.filter((kind) => kind.arbitrary !== undefined && (attacks || kind.beyondRaftModel !== true));
  return fc.oneof(...drawn.map((kind) => kind.arbitrary!(nodes)));
}

export function timedFaultArbitrary(nodes: number, durationMs: number): fc.Arbitrary<TimedFault> {
  return fc.record({ atMs: fc.integer({ min: 0, max: durationMs }), action: faultActionArbitrary(nodes) });
}

/** Timed faults at whole milliseconds from 0 to `durationMs`, at most `maxFaults` (40 unless given) of them. */
export function faultScheduleArbitrary(nodes: number, durationMs: number, maxFaults = 40): fc.Arbitrary<TimedFault[]> {
  checkArguments('faultScheduleArbitrary', ['nodes', nodes, NODE_COUNT], ['durationMs', durationMs, integer(0)], ['maxFaults', maxFaults, integer(0)]);
  return fc.array(timedFaultArbitrary(nodes, durationMs), { maxLength: maxFaults });
}

/**
 * The parts of a scenario the shrinker may change, in a flat shape fast-check can shrink without
 * context. Everything else (timeouts, tick, latency) stays as the original had it.
 */
export interface ScenarioCase {
  readonly nodes: number;
  readonly faultPhaseMs: number;
  readonly maxEntriesPerAppend: number;
  readonly requestsPerSecond: number;
  readonly leaderCrashes: LeaderCrashRule | null;
  readonly timeline: readonly TimedFault[];
}

export interface CaseBounds {
  readonly maxNodes: number;
  readonly maxFaultPhaseMs: number;
  readonly maxEntriesPerAppend: number;
  readonly maxRequestsPerSecond: number;
  readonly leaderCrashes: LeaderCrashRule | null;
  readonly maxFaults: number;
}

const CASE_BOUNDS = optionsOf<CaseBounds>('CaseBounds', {
  maxNodes: NODE_COUNT,
  maxFaultPhaseMs: integer(1),
  maxEntriesPerAppend: integer(1),
  maxRequestsPerSecond: integer(0),
  leaderCrashes: nullable(shaped('a LeaderCrashRule', {})),
  maxFaults: integer(0),
});

export function scenarioCaseArbitrary(bounds: CaseBounds): fc.Arbitrary<ScenarioCase> {
  checkArguments('scenarioCaseArbitrary', ['bounds', bounds, CASE_BOUNDS]);
  return fc.record({
    nodes: fc.integer({ min: 1, max: bounds.maxNodes }),
    faultPhaseMs: fc.integer({ min: 1, max: bounds.maxFaultPhaseMs }),
    maxEntriesPerAppend: fc.integer({ min: 1, max: bounds.maxEntriesPerAppend }),
    requestsPerSecond: fc.integer({ min: 0, max: bounds.maxRequestsPerSecond }),
    leaderCrashes: bounds.leaderCrashes === null ? fc.constant(null) : fc.option(fc.constant(bounds.leaderCrashes), { nil: null }),
    timeline: fc.array(timedFaultArbitrary(bounds.maxNodes, bounds.maxFaultPhaseMs), { maxLength: bounds.maxFaults }),
  });
}

/**
 * The protocol options a random scenario switches: PreVote, CheckQuorum, snapshots, ReadIndex reads and
 * spare servers for membership changes. Lease reads are left out: the schedules pause processes, and a
 * pause is a stopped clock, beyond any drift a lease can assume.
 */
export interface ProtocolCase {
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  readonly snapshotThreshold: number;
  readonly readsPerSecond: number;
  readonly spares: number;
}

export function protocolCaseArbitrary(): fc.Arbitrary<ProtocolCase> {
  return fc.record({
    preVote: fc.boolean(),
    checkQuorum: fc.boolean(),
    snapshotThreshold: fc.constantFrom(0, 5, 50),
    readsPerSecond: fc.constantFrom(0, 20),
    spares: fc.integer({ min: 0, max: 2 }),
  });
}

export interface ScenarioArbitraryOptions {
  /** The most members a scenario has (7 unless given); up to two spares come on top. */
  readonly maxNodes?: number;
  /** The fault phase, in whole milliseconds (5,000 unless given). */
  readonly durationMs?: number;
  /** Every scenario's seed; drawn unless given. */
  readonly seed?: number;
}

const SCENARIO_ARBITRARY_OPTIONS = optionsOf<ScenarioArbitraryOptions>('ScenarioArbitraryOptions', {
  maxNodes: optional(integer(3, MAX_NODES - 2)),
  durationMs: optional(integer(1)),
  seed: optional(SEED),
});

/**
 * A whole random scenario: 3 to 7 members (and up to two spares) under a random fault schedule, with
 * random protocol options, then a liveness phase.
 */
export function scenarioArbitrary(options: ScenarioArbitraryOptions = {}): fc.Arbitrary<Scenario> {
  checkArguments('scenarioArbitrary', ['options', options, SCENARIO_ARBITRARY_OPTIONS]);
  const maxNodes = options.maxNodes ?? 7;
  const durationMs = options.durationMs ?? 5_000;
  return fc
    .record({
      seed: options.seed === undefined ? fc.integer({ min: 0, max: 2 ** 31 }) : fc.constant(options.seed),
      nodes: fc.integer({ min: 3, max: maxNodes }),
      maxEntriesPerAppend: fc.constantFrom(1, 4, 64),
      requestsPerSecond: fc.constantFrom(0, 20, 50),
      protocol: protocolCaseArbitrary(),
      timeline: faultScheduleArbitrary(maxNodes + 2, durationMs, 30),
    })
    .map(({ seed, nodes, maxEntriesPerAppend, requestsPerSecond, protocol, timeline }) => {
      const base = baseScenario('random', seed);
      const withProtocol: Scenario = {
        ...base,
        cluster: {
          ...base.cluster,
          members: protocol.spares === 0 ? null : Array.from({ length: nodes }, (_, index) => index + 1),
          preVote: protocol.preVote,
          checkQuorum: protocol.checkQuorum,
          snapshotThreshold: protocol.snapshotThreshold,
        },
        workload: { ...base.workload, readsPerSecond: protocol.readsPerSecond },
      };
      return caseToScenario({ nodes: nodes + protocol.spares, faultPhaseMs: durationMs, maxEntriesPerAppend, requestsPerSecond, leaderCrashes: null, timeline }, withProtocol);
    });
}

export const LIVENESS_BOUND_MS = 5_000;

/** The scenario a case stands for, on top of a base scenario that supplies everything the case lacks. */
const SCENARIO_CASE = shaped('a ScenarioCase (from scenarioCaseArbitrary)', {
  nodes: NODE_COUNT,
  faultPhaseMs: number({ min: 0 }),
  maxEntriesPerAppend: integer(1),
  requestsPerSecond: number({ min: 0 }),
  leaderCrashes: nullable(shaped('a LeaderCrashRule', {})),
  timeline: arrayOf(shaped('a TimedFault { atMs, action }', { atMs: number({ min: 0 }), action: shaped('a FaultAction', { type: string() }) })),
});

export function caseToScenario(scenarioCase: ScenarioCase, base: Scenario): Scenario {
  checkArguments('caseToScenario', ['scenarioCase', scenarioCase, SCENARIO_CASE], ['base', base, SCENARIO]);
  const timeline = scenarioCase.timeline
    .filter((fault) => fault.atMs < scenarioCase.faultPhaseMs)
    .slice()
    .sort((a, b) => a.atMs - b.atMs)
    .flatMap((fault) => {
      const action = restrictToNodes(fault.action, scenarioCase.nodes);
      return action === null ? [] : [{ atMs: fault.atMs, action }];
    });
  const livenessMs = base.liveness === null ? 0 : base.liveness.withinMs;
  return {
    ...base,
    cluster: {
      ...base.cluster,
      nodes: scenarioCase.nodes,
      members: membersWithin(base.cluster.members, scenarioCase.nodes),
      maxEntriesPerAppend: scenarioCase.maxEntriesPerAppend,
      durationMs: scenarioCase.faultPhaseMs + livenessMs,
    },
    workload: { ...base.workload, requestsPerSecond: scenarioCase.requestsPerSecond },
    leaderCrashes: scenarioCase.leaderCrashes,
    timeline,
    liveness: base.liveness === null ? null : { atMs: scenarioCase.faultPhaseMs, withinMs: base.liveness.withinMs },
  };
}

function baseScenario(name: string, seed: number): Scenario {
  return {
    name,
    description: 'A random fault schedule, then a liveness phase.',
    seed,
    cluster: DEFAULT_CLUSTER,
    network: { latencyMs: [10, 15], lossRate: 0, duplicateRate: 0, reorderRate: 0 },
    workload: { requestsPerSecond: 20, readsPerSecond: 0 },
    leaderCrashes: null,
    timeline: [],
    expect: [],
    liveness: { atMs: DEFAULT_CLUSTER.durationMs, withinMs: LIVENESS_BOUND_MS },
  };
}

/** The starting configuration of a cluster cut to `nodes`: every node once no spare is left. */
function membersWithin(members: readonly number[] | null, nodes: number): readonly number[] | null {
  if (members === null) return null;
  const kept = members.filter((member) => member <= nodes);
  return kept.length === 0 || kept.length === nodes ? null : kept;
}

/** The action with nodes beyond `nodes` left out (as its kind says); null when nothing of it is left. */
export function restrictToNodes(action: FaultAction, nodes: number): FaultAction | null {
  const kind = faultKind(action.type);
  return kind.restrictToNodes === undefined ? action : kind.restrictToNodes(action, nodes);
}
