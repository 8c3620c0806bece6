/**
 * fast-check arbitraries for fault schedules and scenarios, for property tests in this project and in
 * any project that imports raftsim. Built only from records, arrays, integers and constants, so that
 * fast-check can shrink a value it did not generate itself (a failure found by exploration).
 */
import fc from 'fast-check';
import type { FaultAction, LeaderCrashRule, NodeRef, TimedFault } from '../sim/index.js';
import type { Scenario } from './scenario.js';
import { DEFAULT_CLUSTER } from './scenario.js';

export function nodeNumberArbitrary(nodes: number): fc.Arbitrary<number> {
  return fc.integer({ min: 1, max: nodes });
}

export function nodeRefArbitrary(nodes: number): fc.Arbitrary<NodeRef> {
  return fc.oneof(nodeNumberArbitrary(nodes), fc.constantFrom<NodeRef>('leader', 'follower'));
}

/** Every fault action the random schedules draw, over nodes 1..nodes. */
export function faultActionArbitrary(nodes: number): fc.Arbitrary<FaultAction> {
  const node = nodeNumberArbitrary(nodes);
  return fc.oneof(
    fc.record({ type: fc.constant('partition' as const), groups: fc.array(fc.array(node, { minLength: 1, maxLength: nodes }), { minLength: 2, maxLength: 3 }) }),
    fc.record({ type: fc.constant('isolate' as const), node: fc.oneof(node, fc.constant('leader' as const)) }),
    fc.record({ type: fc.constant('cut' as const), from: node, to: node }),
    fc.record({ type: fc.constant('heal' as const) }),
    fc.record({ type: fc.constant('crash' as const), nodes: fc.oneof(node, fc.constant('leader' as const)) }),
    fc.record({ type: fc.constant('restart' as const), nodes: fc.oneof(node, fc.constant('crashed' as const)) }),
    fc.record({ type: fc.constant('pause' as const), nodes: node }),
    fc.record({ type: fc.constant('resume' as const), nodes: fc.oneof(node, fc.constant('paused' as const)) }),
    fc.record({ type: fc.constant('network' as const), change: fc.record({ lossRate: fc.double({ min: 0, max: 1, noNaN: true }) }) }),
    fc.record({ type: fc.constant('restore-network' as const) }),
    fc.record({ type: fc.constant('transfer-leadership' as const), to: node }),
    fc.record({ type: fc.constant('add-server' as const), node: fc.constant('spare' as const) }),
    fc.record({ type: fc.constant('remove-server' as const), node, keepAtLeast: fc.constant(3) }),
  );
}

export function timedFaultArbitrary(nodes: number, durationMs: number): fc.Arbitrary<TimedFault> {
  return fc.record({ atMs: fc.integer({ min: 0, max: durationMs }), action: faultActionArbitrary(nodes) });
}

export function faultScheduleArbitrary(nodes: number, durationMs: number, maxFaults = 40): fc.Arbitrary<TimedFault[]> {
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

export function scenarioCaseArbitrary(bounds: CaseBounds): fc.Arbitrary<ScenarioCase> {
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

/**
 * A whole random scenario: 3 to 7 members (and up to two spares) under a random fault schedule, with
 * random protocol options, then a liveness phase.
 */
export function scenarioArbitrary(options: { readonly maxNodes?: number; readonly durationMs?: number; readonly seed?: number } = {}): fc.Arbitrary<Scenario> {
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
export function caseToScenario(scenarioCase: ScenarioCase, base: Scenario): Scenario {
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

/** The action with nodes beyond `nodes` left out; null when nothing of it is left. */
/** The starting configuration of a cluster cut to `nodes`: every node once no spare is left. */
function membersWithin(members: readonly number[] | null, nodes: number): readonly number[] | null {
  if (members === null) return null;
  const kept = members.filter((member) => member <= nodes);
  return kept.length === 0 || kept.length === nodes ? null : kept;
}

export function restrictToNodes(action: FaultAction, nodes: number): FaultAction | null {
  const exists = (ref: unknown): boolean => (Array.isArray(ref) ? ref.every(exists) : typeof ref !== 'number' || ref <= nodes);
  switch (action.type) {
    case 'partition': {
      const groups = action.groups
        .map((group) => (typeof group === 'string' ? group : group.filter(exists)))
        .filter((group) => typeof group === 'string' || group.length > 0);
      return groups.length === 0 ? null : { ...action, groups };
    }
    case 'isolate':
      return exists(action.node) ? action : null;
    case 'cut':
      return exists(action.from) && exists(action.to) ? action : null;
    case 'crash':
    case 'restart':
    case 'pause':
    case 'resume':
      return exists(action.nodes) ? action : null;
    case 'transfer-leadership':
      return exists(action.to) ? action : null;
    case 'add-server':
    case 'remove-server':
      return exists(action.node) ? action : null;
    default:
      return action;
  }
}
