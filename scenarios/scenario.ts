/**
 * A scenario is data: the cluster, the network's defaults, the workload, a timeline of actions at
 * virtual times, and expectations beyond the safety checkers (which always run). Scenario files in
 * YAML or JSON, the library of named scenarios and the shrinker all produce this one shape.
 */
import type { FaultAction, KvWorkloadOptions, LeaderCrashRule, NodeSet } from '../sim/index.js';
import type { ProtocolOptionValues } from './protocol-options.js';
import { PROTOCOL_OPTION_DEFAULTS } from './protocol-options.js';

export type { LinkChange, NodeRef, NodeSet } from '../sim/index.js';

/**
 * What a timeline step does: any fault action the simulator knows (a network change may last for a
 * period), or a wait that holds the timeline until a leader is in place or an index is committed.
 */
export type ScenarioAction =
  | FaultAction
  | { readonly type: 'wait-for-leader'; readonly withinMs: number; readonly among?: NodeSet }
  | { readonly type: 'wait-for-commit'; readonly index: number; readonly withinMs: number };

export interface ScenarioStep {
  /** Absolute virtual time in ms; when absent, `afterMs` after the previous step (0 if both absent). */
  readonly atMs?: number;
  readonly afterMs?: number;
  /** A name later steps and expectations can refer to. */
  readonly label?: string;
  readonly action: ScenarioAction;
}

export type Expectation =
  /** A leader is up within `withinMs` of the step labelled `after` (or of the start). */
  | { readonly type: 'leader-within'; readonly withinMs: number; readonly after?: string }
  /** The committed history reaches `index` by virtual time `byMs`. */
  | { readonly type: 'committed'; readonly index: number; readonly byMs: number }
  /** Nothing new is committed between two times. */
  | { readonly type: 'no-commit-between'; readonly fromMs: number; readonly toMs: number }
  /** No node becomes leader between two times. */
  | { readonly type: 'no-leader-change-between'; readonly fromMs: number; readonly toMs: number }
  /** No node's term reaches `term` during the run. */
  | { readonly type: 'term-below'; readonly term: number }
  /** Some term has two or more candidates and no leader, and a later term has a leader. */
  | { readonly type: 'split-vote' }
  /** At least `count` terms end without a leader. */
  | { readonly type: 'split-votes-at-least'; readonly count: number }
  /**
   * The named checker catches a violation: for scenarios that show what breaks when an assumption does
   * not hold (a lease under clock drift). The run then passes only if that checker, and no other, fires.
   */
  | { readonly type: 'caught'; readonly checker: string };

export interface NodeSpec {
  /** Timers run at this rate from the start (1 = true speed). */
  readonly clockRate?: number;
  readonly electionTimeoutMs?: readonly [number, number];
  /** Persisted state the node starts from, as in the paper's figures: a term and the term of each entry. */
  readonly term?: number;
  readonly logTerms?: readonly number[];
}

/** The cluster: its size and run length, the protocol options (one row each in protocol-options.ts), and more. */
export interface ClusterSpec extends ProtocolOptionValues {
  readonly nodes: number;
  readonly durationMs: number;
  readonly tickMs: number;
  /**
   * The run's event bound: a run that reaches it stops there, short of its duration, and fails as
   * truncated. Absent, the simulator's default for the duration (see defaultMaxEvents).
   */
  readonly maxEvents?: number;
  /** The configuration the cluster starts with; the other nodes are spares to add. Null: every node. */
  readonly members: readonly number[] | null;
  /** Beyond Raft's fault model: what a crash does to durable writes (never drawn by the swarm). */
  readonly diskFaultOnCrash: 'none' | 'lost-fsync' | 'torn-write';
  readonly perNode: Readonly<Record<string, NodeSpec>>;
}

export interface NetworkSpec {
  readonly latencyMs: readonly [number, number];
  readonly lossRate: number;
  readonly duplicateRate: number;
  readonly reorderRate: number;
}

export interface Scenario {
  readonly name: string;
  readonly description: string;
  readonly seed: number;
  readonly cluster: ClusterSpec;
  readonly network: NetworkSpec;
  /** With `kv`, the key-value workload's clients make `requestsPerSecond` operations in place of digest commands. */
  readonly workload: { readonly requestsPerSecond: number; readonly readsPerSecond: number; readonly kv?: KvWorkloadOptions };
  /** A reactive fault: newly elected leaders may be crashed soon after their election. */
  readonly leaderCrashes: LeaderCrashRule | null;
  readonly timeline: readonly ScenarioStep[];
  readonly expect: readonly Expectation[];
  /**
   * The liveness phase: at `atMs` every fault is healed and no more are injected; by `atMs + withinMs`
   * the cluster must have one leader and the same, fully committed log on every node.
   */
  readonly liveness: { readonly atMs: number; readonly withinMs: number } | null;
  /** Checks this scenario's runs skip (see check-settings.ts); absent or empty, every check runs. */
  readonly skipCheckers?: readonly string[];
}

export const DEFAULT_CLUSTER: ClusterSpec = {
  nodes: 5,
  durationMs: 10_000,
  tickMs: 10,
  ...PROTOCOL_OPTION_DEFAULTS,
  members: null,
  diskFaultOnCrash: 'none',
  perNode: {},
};

export const DEFAULT_NETWORK_SPEC: NetworkSpec = { latencyMs: [10, 15], lossRate: 0, duplicateRate: 0, reorderRate: 0 };

/** The scenario with its run's event bound set (see ClusterSpec.maxEvents). */
export function withMaxEvents(scenario: Scenario, maxEvents: number): Scenario {
  return { ...scenario, cluster: { ...scenario.cluster, maxEvents } };
}
