/**
 * Exploration with every seed run in a worker thread (isolated-runner.ts): the same seeds, the same
 * determinism checks at the same offsets and the same result as exploreSeedBySeed in-process, for an
 * implementation that behaves; a seed whose implementation misbehaves is that seed's failure, its
 * worker is replaced, and exploration goes on with the next seed.
 */
import { exploreSeedScenario } from '../../scenarios/index.js';
import type { ExploreFailure, ExploreResult, IsolationFailureKind, SeedStatistics } from '../../scenarios/index.js';
import { IsolatedRunner } from './isolated-runner.js';
import type { IsolationLimits, Misbehaviour } from './isolated-runner.js';
import type { ImplementationSource, PlainExploreOptions } from './protocol.js';

export interface IsolatedExploreOptions {
  readonly explore: PlainExploreOptions & { readonly fromSeed: number; readonly seeds: number };
  readonly implementation: ImplementationSource;
  readonly limits: IsolationLimits;
  /** Asked before every seed; true ends the exploration there. */
  readonly shouldStop: () => boolean;
  /** Called after every seed with the seeds done and the failures so far. */
  readonly onSeedDone: (done: number, failed: number) => void;
}

export async function exploreIsolated(options: IsolatedExploreOptions): Promise<ExploreResult> {
  const { explore } = options;
  const runner = new IsolatedRunner(options.implementation, options.limits);
  const failed: ExploreFailure[] = [];
  const statistics: SeedStatistics[] | null = explore.statistics === true ? [] : null;
  let passed = 0;
  let eventLimited = 0;
  let totalEvents = 0;
  let totalVirtualMs = 0;
  let seedsRun = 0;
  try {
    for (let offset = 0; offset < explore.seeds; offset++) {
      if (options.shouldStop()) break;
      const seed = explore.fromSeed + offset;
      const outcome = await runner.run({ kind: 'explore-seed', options: explore, seed, offset });
      if (outcome.ok) {
        const one = outcome.value;
        passed += one.passed;
        failed.push(...one.failed);
        eventLimited += one.eventLimited;
        totalEvents += one.totalEvents;
        totalVirtualMs += one.totalVirtualMs;
        statistics?.push(...(one.statistics ?? []));
      } else {
        failed.push(misbehaviourFailure(seed, outcome.misbehaviour, explore));
      }
      seedsRun = offset + 1;
      options.onSeedDone(seedsRun, failed.length);
    }
  } finally {
    await runner.close();
  }
  const stoppedEarly = seedsRun < explore.seeds;
  return { fromSeed: explore.fromSeed, seeds: seedsRun, stoppedEarly, passed, failed, eventLimited, totalEvents, totalVirtualMs, statistics };
}

/** A seed's failure for what its implementation did to its worker: no violation, no trace hash (the run never finished). */
export function misbehaviourFailure(seed: number, misbehaviour: Misbehaviour, explore: PlainExploreOptions): ExploreFailure {
  return {
    seed,
    kind: misbehaviour.kind,
    checker: misbehaviour.kind,
    message: misbehaviour.message,
    atMs: misbehaviour.virtualMs,
    traceHash: '',
    violation: null,
    scenario: exploreSeedScenario(seed, explore),
  };
}

const ISOLATION_KINDS: readonly string[] = ['hang', 'out-of-memory', 'implementation-exit', 'implementation-error'] satisfies readonly IsolationFailureKind[];

/** Whether the seed failed by what its implementation did to its worker: such a seed cannot be run again in this thread. */
export function isIsolationFailure(failure: ExploreFailure): boolean {
  return ISOLATION_KINDS.includes(failure.kind);
}
