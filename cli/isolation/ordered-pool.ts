/**
 * Runs numbered jobs on several isolated runners at once and hands their results over in number order,
 * whatever order they finish in: the caller sees exactly what one runner would have given it. Jobs are
 * started in order, so when the pool stops (asked to, or on an error) every job started has finished
 * and the results handed over are those of jobs 0 to some n, with none missing.
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
  /** Asked before every job is started; true starts no more. */
  readonly shouldStop: () => boolean;
  /** Runs job `index` on `runner`. */
  readonly run: (runner: IsolatedRunner, index: number) => Promise<R>;
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

/** Runs the jobs; resolves with how many were handed over (all, unless stopped). */
export async function runOrdered<R>(options: OrderedPoolOptions<R>): Promise<number> {
  const finished = new Map<number, R>();
  let started = 0;
  let handedOver = 0;
  let failure: { readonly error: unknown } | null = null;
  let waiting: (() => void)[] = [];
  const wakeWaiting = (): void => {
    const woken = waiting;
    waiting = [];
    for (const wake of woken) wake();
  };
  const ahead = AHEAD_PER_WORKER * options.workers;
  const handOver = (): void => {
    for (let result = finished.get(handedOver); finished.has(handedOver); result = finished.get(handedOver)) {
      finished.delete(handedOver);
      options.take(handedOver, result!);
      handedOver++;
    }
    wakeWaiting();
  };
  const lane = async (runner: IsolatedRunner, lastRun: { index: number }): Promise<void> => {
    // Each pass starts one job, so the lane's passes are bounded by the jobs.
    for (let pass = 0; pass < options.count; pass++) {
      while (failure === null && started - handedOver >= ahead) await new Promise<void>((resolve) => waiting.push(resolve));
      if (failure !== null || started >= options.count || options.shouldStop()) return;
      const index = started++;
      lastRun.index = index;
      try {
        finished.set(index, await options.run(runner, index));
      } catch (error) {
        failure ??= { error };
        wakeWaiting();
        return;
      }
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
