/**
 * Runs numbered jobs on several isolated runners at once and hands their results over in number order,
 * whatever order they finish in: the caller sees exactly what one runner would have given it. Jobs are
 * started in order, in batches of consecutive numbers, so when the pool stops (asked to, or on an error)
 * every batch started has finished and the results handed over are those of jobs 0 to some n, with none
 * missing.
 *
 * A batch is one message to a worker and one back per job: the worker goes from one job to the next
 * without waiting for this thread, which on a machine whose cores all run workers may not be scheduled
 * at once. Batches shrink as the jobs run out (guided scheduling), so that the last ones share out
 * evenly and no worker idles long while another finishes a large batch.
 */
import { IsolatedRunner } from './isolated-runner.js';
import type { IsolationLimits, Misbehaviour } from './isolated-runner.js';
import type { ImplementationSource } from './protocol.js';

export interface OrderedPoolOptions<R> {
  readonly source: ImplementationSource;
  readonly limits: IsolationLimits;
  /** Runners at once. */
  readonly workers: number;
  /** Jobs numbered 0 to count − 1. */
  readonly count: number;
  /** The most jobs in one batch; 1 runs each job alone. */
  readonly maxBatch: number;
  /** Asked before every batch is started; true starts no more. */
  readonly shouldStop: () => boolean;
  /**
   * Runs jobs `first` to `first + size − 1` on `runner`, resolving with the results of a prefix of them:
   * all of them, unless it was asked to stop (then the pool hands over nothing beyond the last result).
   */
  readonly run: (runner: IsolatedRunner, first: number, size: number) => Promise<readonly R[]>;
  /** Called with each result, in number order. */
  readonly take: (index: number, result: R) => void;
  /** What the implementation did to a worker after job `index`, the last it ran, had ended. */
  readonly late: (index: number, misbehaviour: Misbehaviour) => void;
}

/**
 * How far past the oldest unfinished job others may start: a seed that hangs holds its results back
 * until it times out, and what the other runners finish meanwhile waits here, so this bounds it.
 */
const AHEAD_PER_WORKER = 256;

/** A batch holds at most this share of what is left to start per worker: large early, one job at the end. */
const BATCHES_PER_WORKER_LEFT = 4;

/** The size of the batch that starts at `started`: a function of the count alone, so runs split the same way. */
export function batchSize(count: number, started: number, workers: number, maxBatch: number): number {
  const left = count - started;
  return Math.max(1, Math.min(maxBatch, left, Math.floor(left / (workers * BATCHES_PER_WORKER_LEFT))));
}

/** Runs the jobs; resolves with how many were handed over (all, unless stopped). */
export async function runOrdered<R>(options: OrderedPoolOptions<R>): Promise<number> {
  const finished = new Map<number, R>();
  let started = 0;
  let handedOver = 0;
  // Where a batch that was asked to stop ended: nothing from there on starts or is handed over.
  let end = options.count;
  let failure: { readonly error: unknown } | null = null;
  let waiting: (() => void)[] = [];
  const wakeWaiting = (): void => {
    const woken = waiting;
    waiting = [];
    for (const wake of woken) wake();
  };
  const ahead = AHEAD_PER_WORKER * options.workers;
  const handOver = (): void => {
    for (let result = finished.get(handedOver); handedOver < end && finished.has(handedOver); result = finished.get(handedOver)) {
      finished.delete(handedOver);
      options.take(handedOver, result!);
      handedOver++;
    }
    wakeWaiting();
  };
  const lane = async (runner: IsolatedRunner, lastRun: { index: number }): Promise<void> => {
    // Each pass starts at least one job, so the lane's passes are bounded by the jobs.
    for (let pass = 0; pass < options.count; pass++) {
      while (failure === null && started - handedOver >= ahead) await new Promise<void>((resolve) => waiting.push(resolve));
      if (failure !== null || started >= end || options.shouldStop()) return;
      const first = started;
      const size = batchSize(options.count, first, options.workers, options.maxBatch);
      started += size;
      let results: readonly R[];
      try {
        results = await options.run(runner, first, size);
      } catch (error) {
        failure ??= { error };
        wakeWaiting();
        return;
      }
      lastRun.index = first + results.length - 1;
      results.forEach((result, offset) => finished.set(first + offset, result));
      if (results.length < size) end = Math.min(end, first + results.length);
      handOver();
    }
  };
  const lanes = Array.from({ length: Math.max(1, Math.min(options.workers, options.count)) }, () => {
    const lastRun = { index: -1 };
    const runner = new IsolatedRunner(options.source, options.limits, (misbehaviour) => options.late(lastRun.index, misbehaviour));
    return { runner, lastRun };
  });
  try {
    await Promise.all(lanes.map(({ runner, lastRun }) => lane(runner, lastRun)));
  } finally {
    await Promise.all(lanes.map(({ runner }) => runner.close()));
  }
  if (failure !== null) throw (failure as { readonly error: unknown }).error;
  return handedOver;
}
