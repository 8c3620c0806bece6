/**
 * The supervisor: runs jobs in a worker thread (seed-worker.ts) and turns whatever the implementation
 * under test does to that thread into a value the command reports as the seed's failure.
 *
 * worker_threads directly rather than a pool library: a job here must be watched as it runs (shared
 * progress cells, a wall-clock deadline, the worker's own exit and error events, its heap limit) and a
 * worker that misbehaved must be thrown away and never reused; pool libraries hide exactly those events
 * behind a task promise, or recycle the worker.
 */
import { totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { IsolationFailureKind } from '../../scenarios/index.js';
import { RUN_PROGRESS_CELLS, RUN_PROGRESS_EVENT, RUN_PROGRESS_VIRTUAL_US } from '../../sim/index.js';
import type { ImplementationSource, WorkerData, WorkerJob, WorkerReply, WorkerResults } from './protocol.js';

export interface IsolationLimits {
  /** Wall time a job may go without its simulation moving on to another event. */
  readonly seedTimeoutMs: number;
  /** The worker's heap limit (V8's old generation), in MiB. */
  readonly seedMemoryMb: number;
}

export const DEFAULT_SEED_TIMEOUT_MS = 60_000;

/** A quarter of the machine's memory, between 256 MiB and 4 GiB: room for any sane run, and a runaway one ends long before the machine swaps. */
export function defaultSeedMemoryMb(): number {
  return Math.max(256, Math.min(4096, Math.floor(totalmem() / (1024 * 1024) / 4)));
}

/** How the implementation misbehaved, and where its run was when it did. */
export interface Misbehaviour {
  readonly kind: IsolationFailureKind;
  readonly message: string;
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
  private readonly progressMemory = new SharedArrayBuffer(RUN_PROGRESS_CELLS * Float64Array.BYTES_PER_ELEMENT);
  private readonly progress = new Float64Array(this.progressMemory);

  constructor(
    private readonly source: ImplementationSource,
    private readonly limits: IsolationLimits,
  ) {}

  /** Runs one job; a worker that misbehaved is gone afterwards, and the next job starts a fresh one. */
  run<K extends WorkerJob['kind']>(job: Extract<WorkerJob, { kind: K }>): Promise<IsolatedOutcome<WorkerResults[K]>> {
    const worker = this.liveWorker();
    this.progress.fill(0);
    return new Promise((resolve, reject) => {
      let settled = false;
      let lastSeen = [-1, -1];
      let lastMovedAt = Date.now();
      const finish = (action: () => void): void => {
        if (settled) return;
        settled = true;
        clearInterval(watch);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        action();
      };
      const misbehaved = (kind: IsolationFailureKind, message: string): void => {
        const where = { virtualMs: this.progress[RUN_PROGRESS_VIRTUAL_US]! / 1000, event: this.progress[RUN_PROGRESS_EVENT]! };
        this.discard();
        const at = `at ${where.virtualMs} ms of virtual time, in event ${where.event}`;
        finish(() => resolve({ ok: false, misbehaviour: { kind, message: `${message} (${at})`, ...where } }));
      };
      const onMessage = (reply: WorkerReply): void => finish(() => (reply.ok ? resolve({ ok: true, value: reply.value as WorkerResults[K] }) : reject(new Error(reply.message))));
      const onError = (error: unknown): void => {
        if ((error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY') misbehaved('out-of-memory', `the implementation went over the ${this.limits.seedMemoryMb} MiB heap it was given (--seed-memory)`);
        else misbehaved('implementation-error', `the implementation threw outside any call of the simulator's (from a timer or a promise): ${firstLine(error)}`);
      };
      const onExit = (code: number): void => misbehaved('implementation-exit', `the implementation ended its thread with process.exit(${code})`);
      const watch = setInterval(() => {
        const seen = [this.progress[RUN_PROGRESS_VIRTUAL_US]!, this.progress[RUN_PROGRESS_EVENT]!];
        const now = Date.now();
        if (seen[0] !== lastSeen[0] || seen[1] !== lastSeen[1]) {
          lastSeen = seen;
          lastMovedAt = now;
        } else if (now - lastMovedAt >= this.limits.seedTimeoutMs) {
          const wall = this.limits.seedTimeoutMs / 1000;
          misbehaved('hang', `no progress for ${wall} s of wall time (--seed-timeout): the implementation seems never to return`);
        }
      }, Math.min(POLL_MS, Math.max(10, this.limits.seedTimeoutMs / 4)));
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage(job);
    });
  }

  /** Ends the worker; the runner can still be used (it starts another). */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    if (worker !== null) await worker.terminate();
  }

  private liveWorker(): Worker {
    if (this.worker !== null) return this.worker;
    const workerData: WorkerData = { implementation: this.source, progress: this.progressMemory };
    const worker = new Worker(WORKER_ENTRY, { workerData, resourceLimits: { maxOldGenerationSizeMb: this.limits.seedMemoryMb } });
    // Between jobs no one waits on the worker: an error there (a late timer of the implementation's) must
    // not go unhandled in this thread, and a worker that ended is replaced at the next job.
    worker.on('error', () => {});
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
    return worker;
  }

  /** Throws the current worker away: ended if it still runs (a hang), forgotten either way. */
  private discard(): void {
    const worker = this.worker;
    this.worker = null;
    void worker?.terminate();
  }
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
}
