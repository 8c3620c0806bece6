/**
 * Statistics over explored seeds as CSV or JSON (docs/stats.md describes every column). The CSV has a
 * row per seed, then four rows (p50, p90, p99, max) with each column's percentile across the seeds;
 * the JSON has the seeds' rows and the aggregate, whose distributions pool every seed's samples.
 */
import type { AggregateStatistics, SeedStatistics } from '../scenarios/index.js';
import { aggregateStatistics, distribution } from '../scenarios/index.js';

type Cell = number | boolean | null;

/** Each column: its name and how a seed's row computes it. */
const COLUMNS: readonly (readonly [string, (seed: SeedStatistics) => Cell])[] = [
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

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function text(cell: Cell): string {
  return cell === null ? '' : String(cell);
}

export function seedStatisticsToCsv(seeds: readonly SeedStatistics[]): string {
  const rows = seeds.map((seed) => COLUMNS.map(([, compute]) => compute(seed)));
  const lines = [SEED_STATISTICS_COLUMNS.join(','), ...rows.map((row) => row.map(text).join(','))];
  const percentiles = [
    ['p50', 'p50'],
    ['p90', 'p90'],
    ['p99', 'p99'],
    ['max', 'max'],
  ] as const;
  for (const [label, key] of percentiles) {
    const cells = COLUMNS.map(([name], column) => {
      if (name === 'seed') return label;
      if (name === 'passed') return String(rows.filter((row) => row[column] === true).length);
      const values = rows.map((row) => row[column]).filter((value): value is number => typeof value === 'number');
      return text(distribution(values)[key]);
    });
    lines.push(cells.join(','));
  }
  return `${lines.join('\n')}\n`;
}

export interface SeedStatisticsJson {
  readonly aggregate: AggregateStatistics;
  readonly seeds: readonly Record<string, Cell | readonly number[]>[];
}

export function seedStatisticsToJson(seeds: readonly SeedStatistics[]): SeedStatisticsJson {
  return {
    aggregate: aggregateStatistics(seeds),
    seeds: seeds.map((seed) => ({
      ...Object.fromEntries(COLUMNS.map(([name, compute]) => [name, compute(seed)])),
      electionTimesMs: seed.electionTimesMs.map(round),
      unavailabilityWindowsMs: seed.unavailabilityWindowsMs.map(round),
    })),
  };
}

/** The format a file name asks for, or null when its extension names none. */
export function statisticsFormat(path: string): 'csv' | 'json' | null {
  const lower = path.toLowerCase();
  return lower.endsWith('.csv') ? 'csv' : lower.endsWith('.json') ? 'json' : null;
}

export function renderSeedStatistics(seeds: readonly SeedStatistics[], format: 'csv' | 'json'): string {
  return format === 'csv' ? seedStatisticsToCsv(seeds) : `${JSON.stringify(seedStatisticsToJson(seeds), null, 2)}\n`;
}
