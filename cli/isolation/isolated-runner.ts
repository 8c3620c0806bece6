/**
 * The supervisor: runs jobs in a worker thread (seed-worker.ts) and turns whatever the implementation
 * under test does to that thread into a value the command reports as the seed's failure.
 *
 * worker_threads directly rather than a pool library (piscina, tinypool): a job here must be watched as
 * it runs (shared progress cells, a wall-clock deadline, the worker's own exit and error events, its heap
 * limit, data it streams back while it runs), a worker that misbehaved must be thrown away and replaced
 * at once, and an error it raises while idle must be pinned on the job it last ran. Pool libraries hide
 * exactly those events behind a task promise, or recycle the worker. A worker is kept across jobs, so
 * that its start (loading the simulator and the implementation) is paid once, not per seed.
 */
import { totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { IsolationFailureKind } from '../../scenarios/index.js';
import { RUN_PROGRESS_CELLS, RUN_PROGRESS_EVENT, RUN_PROGRESS_VIRTUAL_US } from '../../sim/index.js';
import { killProcessesIn, newProcessTable } from '../../bridge/index.js';
import { UsageError } from '../arguments.js';
import { forgetAtExit, reapAtExit } from './program-reaper.js';
import { FLOW_ACKNOWLEDGED, FLOW_CELLS, FLOW_STOP } from './protocol.js';
import type { ImplementationSource, WorkerData, WorkerJob, WorkerMessage, WorkerResults } from './protocol.js';

export interface IsolationLimits {
  /** Wall time a job may go without its simulation moving on to another event. */
  readonly seedTimeoutMs: number;
  /** Each worker's heap limit (V8's old generation), in MiB. */
  readonly seedMemoryMb: number;
}

export const DEFAULT_SEED_TIMEOUT_MS = 60_000;

/**
 * Half the machine's memory shared among the workers, each between 256 MiB and 4 GiB: room for any
 * sane run, and runaway ones in every worker at once still end long before the machine swaps.
 */
export function defaultSeedMemoryMb(workers = 1): number {
  return Math.max(256, Math.min(4096, Math.floor(totalmem() / (1024 * 1024) / 2 / Math.max(1, workers))));
}

/** How the implementation misbehaved, and where its run was when it did. */
export interface Misbehaviour {
  readonly kind: IsolationFailureKind;
  /** What it did, and where its run was. */
  readonly message: string;
  /** What it did alone. */
  readonly reason: string;
  readonly virtualMs: number;
  readonly event: number;
}

export type IsolatedOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly misbehaviour: Misbehaviour };

/** How often the supervisor looks at the progress cells, at most. */
const POLL_MS = 1000;

const here = import.meta.url;
// Run from source (through tsx) the worker is TypeScript too; the worker thread inherits tsx's loader.
const WORKER_ENTRY = new URL(here.endsWith('.ts') ? './seed-worker.ts' : './seed-worker.js', here);

export class IsolatedRunner {
  private worker: Worker | null = null;
  /** Whether the current worker has started (its 'ready'), and what to do when it does. */
  private started = false;
  private onStarted: (() => void) | null = null;
  private busy = false;
  private readonly progressMemory = new SharedArrayBuffer(RUN_PROGRESS_CELLS * Float64Array.BYTES_PER_ELEMENT);
  private readonly progress = new Float64Array(this.progressMemory);
  private readonly flowMemory = new SharedArrayBuffer(FLOW_CELLS * Int32Array.BYTES_PER_ELEMENT);
  private readonly flow = new Int32Array(this.flowMemory);
  /** The programs (--impl-cmd) the worker has started: ended here when the worker cannot end them itself. */
  private readonly processes = newProcessTable();

  /**
   * `onIdleMisbehaviour`: what the implementation did to the worker between jobs (a timer of its that
   * fired after the job's answer, an exit from one): told here rather than lost, with the worker replaced.
   */
  constructor(
    private readonly source: ImplementationSource,
    private readonly limits: IsolationLimits,
    private readonly onIdleMisbehaviour: (misbehaviour: Misbehaviour) => void = () => {},
  ) {
    if (source.program !== null) reapAtExit(this.processes);
  }

  /**
   * Runs one job; a worker that misbehaved is gone afterwards, and the next job starts a fresh one.
   * `onData` gets what the job streams back while it runs (trace records, shrink progress), in order.
   */
  run<K extends WorkerJob['kind']>(job: Extract<WorkerJob, { kind: K }>, onData: (data: unknown) => void = () => {}): Promise<IsolatedOutcome<WorkerResults[K]>> {
    const worker = this.liveWorker();
    this.progress.fill(0);
    Atomics.store(this.flow, FLOW_ACKNOWLEDGED, 0);
    this.busy = true;
    return new Promise((resolve, reject) => {
      let settled = false;
      const finish = (action: () => void): void => {
        if (settled) return;
        settled = true;
        this.busy = false;
        this.onStarted = null;
        watchdog.stop();
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        action();
      };
      const misbehaved = (kind: IsolationFailureKind, message: string): void => {
        const misbehaviour = this.misbehaviour(kind, message);
        this.discard();
        finish(() => resolve({ ok: false, misbehaviour }));
      };
      const onMessage = (message: WorkerMessage): void => {
        if (message.type === 'ready') return;
        if (message.type === 'data') {
          watchdog.moved();
          this.acknowledge(() => onData(message.data));
          return;
        }
        if (message.type === 'unreachable') return misbehaved(message.kind, message.message);
        finish(() => (message.ok ? resolve({ ok: true, value: message.value as WorkerResults[K] }) : reject(message.usage ? new UsageError(message.message) : new Error(message.message))));
      };
      const onError = (error: unknown): void => misbehaved(...this.errorKind(error, ''));
      const onExit = (code: number): void => misbehaved('implementation-exit', `the implementation ended its thread with process.exit(${code})`);
      const watchdog = new Watchdog(this.progress, this.limits.seedTimeoutMs, () => {
        const wall = this.limits.seedTimeoutMs / 1000;
        misbehaved('hang', `no progress for ${wall} s of wall time (--seed-timeout): the implementation seems never to return`);
      });
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(job);
      // A worker still starting is loading raftsim's own modules: the watch begins once it has.
      if (this.started) watchdog.begin();
      else this.onStarted = () => watchdog.begin();
    });
  }

  /** Asks the job in progress to stop at its next chance (a shrink between two candidates); the next job clears it. */
  requestStop(): void {
    Atomics.store(this.flow, FLOW_STOP, 1);
  }

  /** Ends the worker; the runner can still be used (it starts another). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) await worker.terminate();
    killProcessesIn(this.processes);
    forgetAtExit(this.processes);
  }

  /** Hands data to its consumer, then lets the worker send more: what it streams waits for us rather than piling up. */
  private acknowledge(consume: () => void): void {
    try {
      consume();
    } finally {
      Atomics.add(this.flow, FLOW_ACKNOWLEDGED, 1);
      Atomics.notify(this.flow, FLOW_ACKNOWLEDGED);
    }
  }

  private misbehaviour(kind: IsolationFailureKind, message: string): Misbehaviour {
    const where = { virtualMs: this.progress[RUN_PROGRESS_VIRTUAL_US]! / 1000, event: this.progress[RUN_PROGRESS_EVENT]! };
    // A program's failure comes with lines of evidence after its first: where the run was belongs to the first.
    const [first, ...evidence] = message.split('\n');
    const located = [`${first} (at ${where.virtualMs} ms of virtual time, in event ${where.event})`, ...evidence].join('\n');
    return { kind, message: located, reason: message, ...where };
  }

  private errorKind(error: unknown, when: string): [IsolationFailureKind, string] {
    if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') return ['out-of-memory', `the implementation went over the ${this.limits.seedMemoryMb} MiB heap it was given (--seed-memory)${when}`];
    return ['implementation-error', `the implementation threw outside any call of the simulator's (from a timer or a promise)${when}: ${firstLine(error)}`];
  }

  private liveWorker(): Worker {
    Atomics.store(this.flow, FLOW_STOP, 0);
    if (this.worker !== null) return this.worker;
    const workerData: WorkerData = { implementation: this.source, progress: this.progressMemory, flow: this.flowMemory, processes: this.processes };
    const worker = new Worker(WORKER_ENTRY, { workerData, resourceLimits: { maxOldGenerationSizeMb: this.limits.seedMemoryMb } });
    this.started = false;
    this.onStarted = null;
    worker.on('message', (message: WorkerMessage) => {
      if (message.type !== 'ready' || this.worker !== worker) return;
      this.started = true;
      this.onStarted?.();
      this.onStarted = null;
    });
    // Between jobs no one waits on the worker: what happens to it then belongs to the job it last ran.
    const idle = (kind: IsolationFailureKind, message: string): void => {
      if (this.busy || this.worker !== worker) return;
      this.worker = null;
      void worker.terminate();
      killProcessesIn(this.processes);
      this.onIdleMisbehaviour(this.misbehaviour(kind, message));
    };
    worker.on('error', (error) => idle(...this.errorKind(error, ' after its job had ended')));
    worker.on('exit', (code) => idle('implementation-exit', `the implementation ended its thread with process.exit(${code}) after its job had ended`));
    this.worker = worker;
    return worker;
  }

  /** Throws the current worker away: ended if it still runs (a hang), forgotten either way. */
  private discard(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
    // A worker ended from outside cannot end its programs: whatever it started ends here.
    killProcessesIn(this.processes);
  }
}

/**
 * Watches the progress cells while a job runs and calls `hung` once they stand still for `timeoutMs`.
 * A check that comes late means this thread was held up itself (a terminal not reading its output, a
 * suspended machine): that time is not held against the worker.
 */
class Watchdog {
  private lastSeen = [-1, -1];
  private lastMovedAt = Date.now();
  private lastCheckAt = Date.now();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly progress: Float64Array,
    private readonly timeoutMs: number,
    private readonly hung: () => void,
  ) {}

  begin(): void {
    if (this.timer !== null || this.stopped) return;
    const period = Math.min(POLL_MS, Math.max(10, this.timeoutMs / 4));
    this.lastMovedAt = this.lastCheckAt = Date.now();
    this.timer = setInterval(() => this.check(period), period);
  }

  moved(): void {
    this.lastMovedAt = Date.now();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
  }

  private check(period: number): void {
    const now = Date.now();
    const late = now - this.lastCheckAt > 2 * period + 250;
    this.lastCheckAt = now;
    const seen = [this.progress[RUN_PROGRESS_VIRTUAL_US]!, this.progress[RUN_PROGRESS_EVENT]!];
    if (late || seen[0] !== this.lastSeen[0] || seen[1] !== this.lastSeen[1]) {
      this.lastSeen = seen;
      this.lastMovedAt = now;
    } else if (now - this.lastMovedAt >= this.timeoutMs) {
      this.hung();
    }
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
