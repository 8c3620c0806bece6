/**
 * Statistics over explored seeds laid out as a table (docs/stats.md describes every column): a row per
 * seed, then four summary rows (p50, p90, p99, max) with each column's percentile across the seeds, and
 * each seed's record with its raw samples for JSON. Everything is computed here; reports only write it.
 */
import type { AggregateStatistics, SeedStatistics } from './seed-statistics.js';
import { aggregateStatistics, distribution } from './seed-statistics.js';

export type StatisticsCell = number | boolean | null;

/** Each column: its name and how a seed's row computes it. */
const COLUMNS: readonly (readonly [string, (seed: SeedStatistics) => StatisticsCell])[] = [
  ['seed', (seed) => seed.seed],
  ['passed', (seed) => seed.passed],
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
];

export const SEED_STATISTICS_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

const SUMMARIES = ['p50', 'p90', 'p99', 'max'] as const;

export interface SeedStatisticsTable {
  readonly columns: readonly string[];
  /** One row per seed, in the columns' order. */
  readonly rows: readonly (readonly StatisticsCell[])[];
  /** p50, p90, p99 and max across the seeds: the label in the seed column, passed seeds counted in the passed column. */
  readonly summaries: readonly (readonly (string | number | null)[])[];
  /** Pooled over every seed's samples. */
  readonly aggregate: AggregateStatistics;
  /** Each seed's row by column name, with its election times and unavailability windows. */
  readonly records: readonly Record<string, StatisticsCell | readonly number[]>[];
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

export function seedStatisticsTable(seeds: readonly SeedStatistics[]): SeedStatisticsTable {
  const rows = seeds.map((seed) => COLUMNS.map(([, compute]) => compute(seed)));
  const summaries = SUMMARIES.map((key) =>
    COLUMNS.map(([name], column): string | number | null => {
      if (name === 'seed') return key;
      if (name === 'passed') return rows.filter((row) => row[column] === true).length;
      const values = rows.map((row) => row[column]).filter((value): value is number => typeof value === 'number');
      return distribution(values)[key];
    }),
  );
  const records = seeds.map((seed, index) => ({
    ...Object.fromEntries(SEED_STATISTICS_COLUMNS.map((name, column) => [name, rows[index]![column]!])),
    electionTimesMs: seed.electionTimesMs.map(round),
    unavailabilityWindowsMs: seed.unavailabilityWindowsMs.map(round),
  }));
  return { columns: SEED_STATISTICS_COLUMNS, rows, summaries, aggregate: aggregateStatistics(seeds), records };
}
