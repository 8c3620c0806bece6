/**
 * A scenario is data: the cluster, the network's defaults, the workload, a timeline of actions at
 * virtual times, and expectations beyond the safety checkers (which always run). Scenario files in
 * YAML or JSON, the library of named scenarios and the shrinker all produce this one shape.
 */
import type { FaultAction, KvWorkloadOptions, LeaderCrashRule, NodeSet } from '../sim/index.js';
import type { ClientSawPattern } from './client-expectation.js';
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
  | { readonly type: 'wait-for-commit'; readonly index: number; readonly withinMs: number }
  /** The steps, played `times` times in a row; random picks in them are drawn afresh each time. */
  | { readonly type: 'repeat'; readonly times: number; readonly steps: readonly ScenarioStep[] };

export interface ScenarioStep {
  /** Absolute virtual time in ms; when absent, `afterMs` after the previous step (0 if both absent). */
  readonly atMs?: number;
  /**
   * After the previous step, in ms; a range [min, max] is drawn uniformly when the step comes up, from
   * a stream of the run's seed.
   */
  readonly afterMs?: number | readonly [number, number];
  /** A name later steps and expectations can refer to. */
  readonly label?: string;
  /**
   * A name for the nodes this step acts on when it runs (the leader a wait found, the node a crash
   * took down, the node a proposal went to), which later steps can use as a node; on a propose step
   * also for the first command accepted, which expectations can use.
   */
  readonly as?: string;
  readonly action: ScenarioAction;
}

/** A command an expectation looks for: one a propose step gave, or the one a step's `as` named. */
export type CommandRef = { readonly command: string } | { readonly proposal: string };

/** An index an expectation names: a number, or the index the proposal a step's `as` named got. */
export type IndexRef = number | { readonly proposal: string };

/**
 * What a run must show beyond the safety checkers. Every time in one counts from the step labelled
 * `after` when it names one (from when that step ran), and from the start of the run otherwise.
 */
export type Expectation = ExpectationBody & { readonly after?: string };

type ExpectationBody =
  /** A leader is up within `withinMs`. */
  | { readonly type: 'leader-within'; readonly withinMs: number }
  /** The committed history reaches `index` by virtual time `byMs`. */
  | { readonly type: 'committed'; readonly index: IndexRef; readonly byMs: number }
  /** Nothing new is committed between two times. */
  | { readonly type: 'no-commit-between'; readonly fromMs: number; readonly toMs: number }
  /** No node becomes leader between two times. */
  | { readonly type: 'no-leader-change-between'; readonly fromMs: number; readonly toMs: number }
  /**
   * At least `by` servers apply the command at one and the same index within `withinMs` of the time it
   * was first appended to a log (of the `after` step, when given); at `index`, when given.
   */
  | { readonly type: 'applied'; readonly command: CommandRef; readonly by: number; readonly withinMs: number; readonly index?: IndexRef }
  /** At most `count` messages of a type (every type when absent) are sent between two times. */
  | { readonly type: 'messages-at-most'; readonly kind?: string; readonly fromMs: number; readonly toMs: number; readonly count: number }
  /** At a time, no node that is up, running and not isolated believes it leads. */
  | { readonly type: 'no-leader-at'; readonly atMs: number }
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
  | { readonly type: 'caught'; readonly checker: string }
  /**
   * Between `atLeast` and `atMost` operations of the key-value clients' history match a pattern and
   * ended inside a window (scenarios/client-expectation.ts): what an application saw.
   */
  | ({ readonly type: 'client-saw' } & ClientSawPattern);

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
  /** The heavier weather (see NetworkOptions); each absent when off. */
  readonly reorderDelayMaxMs?: number;
  readonly requestLossRate?: number;
  readonly replyLossRate?: number;
  readonly tailRate?: number;
  readonly tailDelayMaxMs?: number;
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
