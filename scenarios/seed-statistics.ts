/**
 * Statistics over explored seeds: one row per seed, read from the seed's trace, and an aggregate that
 * pools every seed's samples (election times, unavailability windows, commit latencies) and takes
 * percentiles over them. docs/stats.md describes every field.
 */
import { nearestRankIndex } from '../sim/nearest-rank.js';
import { checkArguments } from '../core/argument-checks.js';
import type { RunStatistics, TraceRecord } from '../sim/index.js';
import { protocolCoverage, runStatistics } from '../sim/index.js';
import { SCENARIO_RUN_RESULT, SEED_STATISTICS_LIST } from './argument-rules.js';
import type { ScenarioRunResult } from './run-scenario.js';

export interface SeedStatistics extends RunStatistics {
  readonly seed: number;
  readonly passed: boolean;
  /** The kind of the seed's failure (an ExploreFailure's `kind`: violation, liveness, nondeterminism, hang…); null or left out when it passed. */
  readonly failure?: string | null;
  /**
   * False when the seed's run never finished (its implementation hung, ran out of memory or ended its
   * thread): nothing could be measured, and every measure of its row is empty. Left out means measured.
   */
  readonly measured?: boolean;
  /**
   * The protocol coverage features the run reached (sim/coverage/protocol-coverage.ts, docs/coverage.md),
   * sorted; left out when not measured.
   */
  readonly coverage?: readonly string[];
  /** How many times the run reached each of its features; left out when not measured. */
  readonly coverageHits?: Readonly<Record<string, number>>;
}

/** The row of a seed whose run never finished, failed as `failure`: its measures empty, and left out of every aggregate. */
export function unmeasuredSeedStatistics(seed: number, failure: string): SeedStatistics {
  return {
    seed,
    passed: false,
    failure,
    measured: false,
    leaderFailures: 0,
    electionTimesMs: [],
    unresolvedFailures: 0,
    leaderRecoveries: 0,
    unavailabilityWindowsMs: [],
    electionTerms: 0,
    leadersElected: 0,
    splitVotes: 0,
    failedElections: 0,
    messagesSent: 0,
    committedEntries: 0,
    commitLatenciesMs: [],
  };
}

/** Nearest-rank percentiles of a set of samples; all null when there are none. */
export interface Distribution {
  readonly count: number;
  readonly p50: number | null;
  readonly p90: number | null;
  readonly p99: number | null;
  readonly max: number | null;
}

export interface AggregateStatistics {
  readonly seeds: number;
  readonly leaderFailures: number;
  readonly unresolvedFailures: number;
  readonly leaderRecoveries: number;
  /** Leader failure to the next leader, pooled over seeds. */
  readonly electionTimeMs: Distribution;
  readonly unavailabilityWindowMs: Distribution;
  readonly commitLatencyMs: Distribution;
  readonly electionTerms: number;
  readonly leadersElected: number;
  /** Terms in which someone stood, per leader elected; 1 when every election succeeded at once. */
  readonly termsPerElection: number | null;
  readonly splitVotes: number;
  readonly failedElections: number;
  readonly messagesSent: number;
  readonly committedEntries: number;
  /** All messages over all committed entries. */
  readonly messagesPerCommittedEntry: number | null;
  /** The same ratio per seed, as a distribution over seeds. */
  readonly messagesPerCommittedEntryBySeed: Distribution;
  /** Every protocol coverage feature some seed reached, sorted. */
  readonly coverage: readonly string[];
}

export function seedStatistics(result: ScenarioRunResult): SeedStatistics {
  checkArguments('seedStatistics', ['result', result, SCENARIO_RUN_RESULT]);
  const run = result.run;
  if (run.trace.mode !== 'full') throw new RangeError('seedStatistics: result must come from a run with a full trace (runScenario with trace: "full", the default)');
  return seedStatisticsOfRecords(result, run.trace.records());
}

/** The row of a run whose records were kept apart from it: streamed back from a worker thread as the run went. */
export function seedStatisticsOfRecords(result: ScenarioRunResult, records: readonly TraceRecord[]): SeedStatistics {
  const run = result.run;
  return {
    seed: result.seed,
    passed: result.passed,
    failure: result.failures[0]?.kind ?? null,
    ...runStatistics(records, run.options.nodeCount, Math.round(run.virtualMs * 1000)),
    coverage: protocolCoverage(records, run.options.nodeCount, run.options.initialMembers),
  };
}

export function distribution(samples: readonly number[]): Distribution {
  if (samples.length === 0) return { count: 0, p50: null, p90: null, p99: null, max: null };
  const sorted = samples.slice().sort((a, b) => a - b);
  const rank = (fraction: number) => round(sorted[nearestRankIndex(sorted.length, fraction)]!);
  return { count: sorted.length, p50: rank(0.5), p90: rank(0.9), p99: rank(0.99), max: round(sorted[sorted.length - 1]!) };
}

/** To the microsecond, the simulator's resolution; ratios to three places. */
export function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : round(numerator / denominator);
}

export function aggregateStatistics(all: readonly SeedStatistics[]): AggregateStatistics {
  checkArguments('aggregateStatistics', ['seeds', all, SEED_STATISTICS_LIST]);
  // A seed whose run never finished has nothing to pool; it still counts among the seeds.
  const seeds = all.filter((seed) => seed.measured !== false);
  const sum = (pick: (seed: SeedStatistics) => number) => seeds.reduce((total, seed) => total + pick(seed), 0);
  const pooled = (pick: (seed: SeedStatistics) => readonly number[]) => seeds.flatMap(pick);
  const electionTerms = sum((seed) => seed.electionTerms);
  const leadersElected = sum((seed) => seed.leadersElected);
  const messagesSent = sum((seed) => seed.messagesSent);
  const committedEntries = sum((seed) => seed.committedEntries);
  return {
    seeds: all.length,
    leaderFailures: sum((seed) => seed.leaderFailures),
    unresolvedFailures: sum((seed) => seed.unresolvedFailures),
    leaderRecoveries: sum((seed) => seed.leaderRecoveries),
    electionTimeMs: distribution(pooled((seed) => seed.electionTimesMs)),
    unavailabilityWindowMs: distribution(pooled((seed) => seed.unavailabilityWindowsMs)),
    commitLatencyMs: distribution(pooled((seed) => seed.commitLatenciesMs)),
    electionTerms,
    leadersElected,
    termsPerElection: ratio(electionTerms, leadersElected),
    splitVotes: sum((seed) => seed.splitVotes),
    failedElections: sum((seed) => seed.failedElections),
    messagesSent,
    committedEntries,
    messagesPerCommittedEntry: ratio(messagesSent, committedEntries),
    messagesPerCommittedEntryBySeed: distribution(
      seeds.filter((seed) => seed.committedEntries > 0).map((seed) => seed.messagesSent / seed.committedEntries),
    ),
    coverage: [...new Set(seeds.flatMap((seed) => seed.coverage ?? []))].sort(),
  };
}
