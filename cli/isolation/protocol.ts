/**
 * What the command line and a seed worker say to each other. Everything here crosses a thread by
 * structured clone, so it is plain data: no functions, no class instances.
 */
import type { ConformanceReport } from '../../conformance/index.js';
import type { ExploreOptions, ExploreResult, Scenario } from '../../scenarios/index.js';

/** Which implementation a worker loads for itself: a module given with --impl, or the reference core with a known bug or none. */
export interface ImplementationSource {
  readonly bug: string | null;
  readonly implPath: string | null;
}

/** The exploration options a worker runs its seeds with: everything but the implementation and the callbacks. */
export type PlainExploreOptions = Omit<Partial<ExploreOptions>, 'implementation' | 'progress' | 'onSeedDone' | 'shouldStop'>;

export interface WorkerData {
  readonly implementation: ImplementationSource;
  /** Shared memory the simulation writes its virtual time and event number into (sim/run-progress.ts). */
  readonly progress: SharedArrayBuffer;
}

/** One unit of work: one seed of an exploration, one scenario run (twice when its determinism is checked), or the conformance suite. */
export type WorkerJob =
  | { readonly kind: 'explore-seed'; readonly options: PlainExploreOptions; readonly seed: number; readonly offset: number }
  | { readonly kind: 'run-scenario'; readonly scenario: Scenario; readonly seed: number; readonly repeat: boolean }
  | { readonly kind: 'conformance'; readonly only: readonly string[] | null; readonly strict: boolean };

/** What a run-scenario job tells: enough to know it behaved, not the run itself (that stays in the worker). */
export interface ScenarioRunSummary {
  readonly passed: boolean;
  readonly traceHashes: readonly string[];
}

export interface WorkerResults {
  readonly 'explore-seed': ExploreResult;
  readonly 'run-scenario': ScenarioRunSummary;
  readonly conformance: ConformanceReport;
}

/** The worker's answer to a job: its result, or an error thrown by the job itself (a bug of raftsim's, or bad input). */
export type WorkerReply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };
