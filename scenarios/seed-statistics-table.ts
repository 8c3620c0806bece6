/**
 * Statistics over explored seeds laid out as a table (docs/stats.md describes every column): a row per
 * seed, then four summary rows (p50, p90, p99, max) with each column's percentile across the seeds, and
 * each seed's record with its raw samples for JSON. Everything is computed here; reports only write it.
 *
 * Each column means one thing in every row: the first, `summary`, says which percentile a summary row
 * holds and is empty in a seed's row; `seed`, `passed` and `failure` belong to one seed, so they are empty in the
 * summary rows (a percentile of seed numbers, or of passes, means nothing).
 */
import { checkArguments } from '../core/argument-checks.js';
import { SEED_STATISTICS_LIST } from './argument-rules.js';
import type { AggregateStatistics, SeedStatistics } from './seed-statistics.js';
import { aggregateStatistics, distribution } from './seed-statistics.js';

export type StatisticsCell = number | boolean | string | null;

/** What a seed's row can read besides the seed: how the coverage of the seeds before it had grown. */
interface SeedContext {
  /** Features this seed reached that no earlier seed of the table had. */
  readonly newCoverage: number | null;
  /** Features reached by this seed and the seeds before it. */
  readonly coverageSoFar: number;
}

/** Each column: its name and how a seed's row computes it. */
const COLUMNS: readonly (readonly [string, (seed: SeedStatistics, context: SeedContext) => StatisticsCell])[] = [
  ['seed', (seed) => seed.seed],
  ['passed', (seed) => seed.passed],
  ['failure', (seed) => seed.failure ?? null],
  ['leaderFailures', (seed) => seed.leaderFailures],
  ['electionTimeP50Ms', (seed) => distribution(seed.electionTimesMs).p50],
  ['electionTimeMaxMs', (seed) => distribution(seed.electionTimesMs).max],
  ['unresolvedFailures', (seed) => seed.unresolvedFailures],
  ['leaderRecoveries', (seed) => seed.leaderRecoveries],
  ['unavailabilityWindows', (seed) => seed.unavailabilityWindowsMs.length],
  ['unavailableMs', (seed) => round(seed.unavailabilityWindowsMs.reduce((sum, window) => sum + window, 0))],
  ['longestUnavailableMs', (seed) => distribution(seed.unavailabilityWindowsMs).max],
  ['electionTerms', (seed) => seed.electionTerms],
  ['leadersElected', (seed) => seed.leadersElected],
  ['termsPerElection', (seed) => (seed.leadersElected === 0 ? null : round(seed.electionTerms / seed.leadersElected))],
  ['splitVotes', (seed) => seed.splitVotes],
  ['failedElections', (seed) => seed.failedElections],
  ['messagesSent', (seed) => seed.messagesSent],
  ['committedEntries', (seed) => seed.committedEntries],
  ['messagesPerCommittedEntry', (seed) => (seed.committedEntries === 0 ? null : round(seed.messagesSent / seed.committedEntries))],
  ['commitLatencyP50Ms', (seed) => distribution(seed.commitLatenciesMs).p50],
  ['commitLatencyP99Ms', (seed) => distribution(seed.commitLatenciesMs).p99],
  ['commitLatencyMaxMs', (seed) => distribution(seed.commitLatenciesMs).max],
  ['coverageFeatures', (seed) => (seed.coverage === undefined ? null : seed.coverage.length)],
  ['newCoverage', (_seed, context) => context.newCoverage],
  ['coverageSoFar', (_seed, context) => context.coverageSoFar],
];

/** The columns of a seed's record (and of the JSON's seeds). */
export const SEED_STATISTICS_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

/** The table's columns: the summary label, then a seed's. */
export const SEED_STATISTICS_TABLE_COLUMNS: readonly string[] = ['summary', ...SEED_STATISTICS_COLUMNS];

/** Columns of one seed's own, which no summary row fills (a percentile of a running total means nothing either). */
const PER_SEED_ONLY: readonly string[] = ['seed', 'passed', 'failure', 'newCoverage', 'coverageSoFar'];

const SUMMARIES = ['p50', 'p90', 'p99', 'max'] as const;

export interface SeedStatisticsTable {
  /** SEED_STATISTICS_TABLE_COLUMNS: `summary`, then the columns of a seed's record. */
  readonly columns: readonly string[];
  /** One row per seed, in the columns' order (its `summary` cell null). */
  readonly rows: readonly (readonly StatisticsCell[])[];
  /** p50, p90, p99 and max across the seeds: the label in the `summary` column, null in `seed` and `passed`. */
  readonly summaries: readonly (readonly (string | number | null)[])[];
  /** Pooled over every seed's samples. */
  readonly aggregate: AggregateStatistics;
  /** Each seed's row by column name, with its election times and unavailability windows. */
  readonly records: readonly Record<string, StatisticsCell | readonly number[] | readonly string[]>[];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function seedStatisticsTable(seeds: readonly SeedStatistics[]): SeedStatisticsTable {
  checkArguments('seedStatisticsTable', ['seeds', seeds, SEED_STATISTICS_LIST]);
  // A seed that was never measured has its own columns filled and every measure empty.
  const contexts = coverageGrowth(seeds);
  const cells = seeds.map((seed, index) =>
    COLUMNS.map(([name, compute]) => (seed.measured === false && !PER_SEED_ONLY.includes(name) ? null : compute(seed, contexts[index]!))),
  );
  const summaries = SUMMARIES.map((key) => [
    key,
    ...COLUMNS.map(([name], column): number | null => {
      if (PER_SEED_ONLY.includes(name)) return null;
      const values = cells.map((row) => row[column]).filter((value): value is number => typeof value === 'number');
      return distribution(values)[key];
    }),
  ]);
  const rows = cells.map((row) => [null, ...row]);
  const records = seeds.map((seed, index) => ({
    ...Object.fromEntries(SEED_STATISTICS_COLUMNS.map((name, column) => [name, cells[index]![column]!])),
    electionTimesMs: seed.electionTimesMs.map(round),
    unavailabilityWindowsMs: seed.unavailabilityWindowsMs.map(round),
    ...(seed.coverage === undefined ? {} : { coverage: seed.coverage }),
  }));
  return { columns: SEED_STATISTICS_TABLE_COLUMNS, rows, summaries, aggregate: aggregateStatistics(seeds), records };
}

/** For each seed in order, the features it added to those of the seeds before it, and their running total. */
function coverageGrowth(seeds: readonly SeedStatistics[]): SeedContext[] {
  const reached = new Set<string>();
  return seeds.map((seed) => {
    if (seed.coverage === undefined) return { newCoverage: null, coverageSoFar: reached.size };
    const before = reached.size;
    for (const feature of seed.coverage) reached.add(feature);
    return { newCoverage: reached.size - before, coverageSoFar: reached.size };
  });
}
