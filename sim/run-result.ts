import type { Violation } from './checkers/checker.js';
import type { NodeSnapshot } from './checking/observed-cluster.js';
import type { SimulationOptions } from './options.js';
import type { RunStats } from './stats.js';
import type { TraceRecorder } from './trace/trace.js';
import type { HistoryOperation } from './kv/history.js';
import type { LinearizabilityReport } from './kv/linearizability-report.js';

/** completed: the run reached its duration; event-limit: it hit its event bound first. */
export type RunOutcome = 'completed' | 'violation' | 'event-limit';

export interface RunResult {
  readonly seed: number;
  readonly outcome: RunOutcome;
  readonly traceHash: string;
  readonly events: number;
  readonly virtualMs: number;
  readonly violations: readonly Violation[];
  readonly stats: RunStats;
  readonly finalNodes: readonly NodeSnapshot[];
  readonly options: SimulationOptions;
  readonly trace: TraceRecorder;
  /** The key-value workload's operations, in order of invocation; null with the digest workload. */
  readonly history: readonly HistoryOperation[] | null;
  /** The linearizability check of `history`; null when there is none or the run stopped at a violation first. */
  readonly linearizability: LinearizabilityReport | null;
}
