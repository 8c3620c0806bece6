/**
 * Statistics over explored seeds written as CSV or JSON (docs/stats.md describes every column): the
 * CSV has a row per seed, then the four summary rows; the JSON has the aggregate and each seed's record.
 */
import type { AggregateStatistics, SeedStatisticsTable, StatisticsCell } from '../scenarios/index.js';

function text(cell: string | StatisticsCell): string {
  return cell === null ? '' : String(cell);
}

export function seedStatisticsToCsv(table: SeedStatisticsTable): string {
  const lines = [table.columns.join(','), ...[...table.rows, ...table.summaries].map((row) => row.map(text).join(','))];
  return `${lines.join('\n')}\n`;
}

export interface SeedStatisticsJson {
  readonly aggregate: AggregateStatistics;
  readonly seeds: readonly Record<string, StatisticsCell | readonly number[] | readonly string[]>[];
}

export function seedStatisticsToJson(table: SeedStatisticsTable): SeedStatisticsJson {
  return { aggregate: table.aggregate, seeds: table.records };
}

/** The format a file name asks for, or null when its extension names none. */
export function statisticsFormat(path: string): StatisticsFormat | null {
  const lower = path.toLowerCase();
  return lower.endsWith('.csv') ? 'csv' : lower.endsWith('.json') ? 'json' : lower.endsWith('.html') ? 'html' : null;
}

/** CSV and JSON hold every column; an HTML page charts how coverage grew over the runs (coverage-chart.ts). */
export type StatisticsFormat = 'csv' | 'json' | 'html';

export function renderSeedStatistics(table: SeedStatisticsTable, format: 'csv' | 'json'): string {
  return format === 'csv' ? seedStatisticsToCsv(table) : `${JSON.stringify(seedStatisticsToJson(table), null, 2)}\n`;
}
