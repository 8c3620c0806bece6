/**
 * What the command line and a seed worker say to each other. Everything here crosses a thread by
 * structured clone, so it is plain data: no functions, no class instances.
 */
import type { ConformanceReport } from '../../conformance/index.js';
import type { UnreachableKind } from '../../core/index.js';
import type { ExploreOptions, Scenario, ShrinkAttempt } from '../../scenarios/index.js';
import type { PortableRunResult } from './portable-result.js';

/** A program speaking the node protocol (--impl-cmd), and how long it may take to answer (--impl-timeout). */
export interface ProgramSource {
  readonly command: string;
  readonly timeoutMs: number;
}

/**
 * Which implementation a worker loads for itself: a module given with --impl, a program given with
 * --impl-cmd, or the reference core with a known bug or none.
 */
export interface ImplementationSource {
  readonly bug: string | null;
  readonly implPath: string | null;
  readonly program: ProgramSource | null;
}

/** The reference core itself. */
export const REFERENCE_SOURCE: ImplementationSource = { bug: null, implPath: null, program: null };

/** The exploration options a worker runs its seeds with: everything but the implementation and the callbacks. */
export type PlainExploreOptions = Omit<Partial<ExploreOptions>, 'implementation' | 'progress' | 'onSeedDone' | 'shouldStop'>;

export interface WorkerData {
  readonly implementation: ImplementationSource;
  /** Shared memory the simulation writes its virtual time and event number into (sim/run-progress.ts). */
  readonly progress: SharedArrayBuffer;
  /** Shared cells of FLOW_CELLS 32-bit integers: how much streamed data the supervisor has taken, and a request to stop. */
  readonly flow: SharedArrayBuffer;
  /** The process table (bridge/process-table.ts) of the programs the worker starts, for the supervisor to end them if the worker cannot. */
  readonly processes: SharedArrayBuffer;
}

/** The batches of streamed data the supervisor has taken so far in this job. */
export const FLOW_ACKNOWLEDGED = 0;
/** 1 when the supervisor asks the job to stop at its next chance (an interrupted shrink). */
export const FLOW_STOP = 1;
export const FLOW_CELLS = 2;

/**
 * One unit of work: loading the implementation (its checks included), a batch of seeds of an exploration, one
 * scenario run (its trace streamed back, and run again when its determinism is checked), the
 * conformance suite, or the shrinking of a failing scenario.
 */
export type WorkerJob =
  | { readonly kind: 'load' }
  /** Seeds `seed` to `seed + count − 1`, at offsets from `offset` on; each seed's ExploreResult is streamed back as data. */
  | { readonly kind: 'explore-seeds'; readonly options: PlainExploreOptions; readonly seed: number; readonly offset: number; readonly count: number }
  | { readonly kind: 'run-scenario'; readonly scenario: Scenario; readonly seed: number; readonly stream: boolean; readonly repeat: boolean }
  | { readonly kind: 'conformance'; readonly only: readonly string[] | null; readonly strict: boolean }
  | { readonly kind: 'shrink'; readonly scenario: Scenario; readonly budget: number };

/** What a run-scenario job tells: the run's result without its trace (streamed as it went), and the hash of a second run when asked. */
export interface ScenarioRunSummary {
  readonly result: PortableRunResult;
  readonly againHash: string | null;
}

export interface WorkerResults {
  readonly load: { readonly name: string };
  /** The seeds run: fewer than asked when asked to stop. */
  readonly 'explore-seeds': number;
  readonly 'run-scenario': ScenarioRunSummary;
  readonly conformance: ConformanceReport;
  readonly shrink: ShrinkAttempt;
}

/**
 * A message from the worker: that it has started (before it loads the implementation), data streamed while a job runs (each batch acknowledged through
 * FLOW_ACKNOWLEDGED), then the job's answer: its result, or an error thrown by the job itself (a bug of
 * raftsim's, or bad input; `usage` when it is the user's to fix, such as a module that does not load).
 */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'data'; readonly data: unknown }
  | { readonly type: 'reply'; readonly ok: true; readonly value: unknown }
  | { readonly type: 'reply'; readonly ok: false; readonly message: string; readonly usage: boolean }
  /** The implementation's program could not be reached (it exited, broke the protocol, did not answer): the job's failure, of that kind. */
  | { readonly type: 'unreachable'; readonly kind: UnreachableKind; readonly message: string };
