/**
 * Exploration with every seed run in a worker thread (isolated-runner.ts), on several at once
 * (ordered-pool.ts): the same seeds, the same determinism checks at the same offsets and the same result
 * as exploreSeedBySeed in-process, for an implementation that behaves, whatever the number of workers.
 * A seed whose implementation misbehaves is that seed's failure, its worker is replaced, and exploration
 * goes on with the next seed.
 */
import { exploreSeedScenario, unmeasuredSeedStatistics } from '../../scenarios/index.js';
import type { ExploreFailure, ExploreResult, IsolationFailureKind, SeedStatistics } from '../../scenarios/index.js';
import type { IsolatedRunner, IsolationLimits, Misbehaviour } from './isolated-runner.js';
import { runOrdered } from './ordered-pool.js';
import type { ImplementationSource, PlainExploreOptions } from './protocol.js';

export interface IsolatedExploreOptions {
  readonly explore: PlainExploreOptions & { readonly fromSeed: number; readonly seeds: number };
  readonly implementation: ImplementationSource;
  readonly limits: IsolationLimits;
  /** Seeds run at once, each in a worker of its own. */
  readonly workers: number;
  /** Asked before every seed starts; true starts no more, and the seeds under way finish. */
  readonly shouldStop: () => boolean;
  /** Called as seeds are done, in seed order, with the seeds done and the failures so far. */
  readonly onSeedDone: (done: number, failed: number) => void;
}

type SeedOutcome = { readonly ok: true; readonly value: ExploreResult } | { readonly ok: false; readonly misbehaviour: Misbehaviour };

export async function exploreIsolated(options: IsolatedExploreOptions): Promise<ExploreResult> {
  const { explore } = options;
  const total = new ExploreTotals(explore);
  const late: { readonly seed: number; readonly misbehaviour: Misbehaviour }[] = [];
  const seedsRun = await runOrdered<SeedOutcome>({
    source: options.implementation,
    limits: options.limits,
    workers: options.workers,
    count: explore.seeds,
    maxBatch: MAX_SEEDS_PER_BATCH,
    shouldStop: options.shouldStop,
    run: (runner, first, size) => runSeeds(runner, explore, first, size, options.shouldStop),
    take: (offset, outcome) => {
      total.add(explore.fromSeed + offset, outcome);
      options.onSeedDone(offset + 1, total.failed.length);
    },
    // Before any seed, a worker has nothing to pin it on; the next seed starts a fresh one and meets the same.
    late: (offset, misbehaviour) => offset >= 0 && late.push({ seed: explore.fromSeed + offset, misbehaviour }),
  });
  for (const { seed, misbehaviour } of late) total.failLate(seed, misbehaviour);
  return total.result(seedsRun);
}

/**
 * Seeds at most in one message to a worker. A seed of the default exploration takes a few milliseconds,
 * and the worker's answer no more than the seeds' results; a larger batch saves little more.
 */
const MAX_SEEDS_PER_BATCH = 16;

/**
 * Runs seeds at offsets `first` to `first + size − 1` on one runner, each seed's result streamed back as
 * it ends. A seed whose implementation misbehaves ends the worker; that seed fails, and the seeds after
 * it in the batch run on a fresh worker. Asked to stop, the worker ends the batch after its current seed.
 */
async function runSeeds(runner: IsolatedRunner, explore: IsolatedExploreOptions['explore'], first: number, size: number, shouldStop: () => boolean): Promise<SeedOutcome[]> {
  const outcomes: SeedOutcome[] = [];
  // Each pass ends at least one seed (done, failed, or the last before a stop), so size passes suffice.
  for (let pass = 0; pass < size && outcomes.length < size; pass++) {
    const offset = first + outcomes.length;
    const job = { kind: 'explore-seeds', options: explore, seed: explore.fromSeed + offset, offset, count: size - outcomes.length } as const;
    const before = outcomes.length;
    const outcome = await runner.run(job, (data) => {
      outcomes.push({ ok: true, value: data as ExploreResult });
      if (shouldStop()) runner.requestStop();
    });
    if (!outcome.ok) outcomes.push({ ok: false, misbehaviour: outcome.misbehaviour });
    else if (outcomes.length - before < job.count) break;
  }
  return outcomes;
}

/** The exploration's result, seed by seed, in seed order. */
class ExploreTotals {
  readonly failed: ExploreFailure[] = [];
  private readonly statistics: SeedStatistics[] | null;
  private passed = 0;
  private eventLimited = 0;
  private totalEvents = 0;
  // Summed in whole microseconds, so that the total does not depend on how seeds are grouped (workers, shards).
  private totalVirtualUs = 0;

  constructor(private readonly explore: IsolatedExploreOptions['explore']) {
    this.statistics = explore.statistics === true ? [] : null;
  }

  add(seed: number, outcome: SeedOutcome): void {
    if (!outcome.ok) {
      this.failed.push(misbehaviourFailure(seed, outcome.misbehaviour, this.explore));
      this.statistics?.push(unmeasuredSeedStatistics(seed, outcome.misbehaviour.kind));
      return;
    }
    const one = outcome.value;
    this.passed += one.passed;
    this.failed.push(...one.failed);
    this.eventLimited += one.eventLimited;
    this.totalEvents += one.totalEvents;
    this.totalVirtualUs += Math.round(one.totalVirtualMs * 1000);
    this.statistics?.push(...(one.statistics ?? []));
  }

  /**
   * A seed that passed, whose implementation then misbehaved once its run had ended (a timer that went
   * off later): it fails after all. A seed that had failed keeps its first failure.
   */
  failLate(seed: number, misbehaviour: Misbehaviour): void {
    if (this.failed.some((failure) => failure.seed === seed)) return;
    this.passed--;
    const at = this.failed.findIndex((failure) => failure.seed > seed);
    this.failed.splice(at < 0 ? this.failed.length : at, 0, misbehaviourFailure(seed, misbehaviour, this.explore));
    const row = this.statistics?.findIndex((statistics) => statistics.seed === seed) ?? -1;
    if (row >= 0) this.statistics![row] = { ...this.statistics![row]!, passed: false, failure: misbehaviour.kind };
  }

  result(seedsRun: number): ExploreResult {
    const { fromSeed, seeds } = this.explore;
    const { passed, failed, eventLimited, totalEvents, statistics } = this;
    return { fromSeed, seeds: seedsRun, stoppedEarly: seedsRun < seeds, passed, failed, eventLimited, totalEvents, totalVirtualMs: this.totalVirtualUs / 1000, statistics };
  }
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

const ISOLATION_KINDS: readonly string[] = ['hang', 'out-of-memory', 'implementation-exit', 'implementation-error', 'protocol-error'] satisfies readonly IsolationFailureKind[];

/** Whether the seed failed by what its implementation did to its worker: such a seed has no finished run to write or shrink. */
export function isIsolationFailure(failure: ExploreFailure): boolean {
  return ISOLATION_KINDS.includes(failure.kind);
}
