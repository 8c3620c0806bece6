/** `explore --stats FILE`: the file's extension picks the format, checked before any seed runs. */
import type { SeedStatisticsTable } from '../../scenarios/index.js';
import { statisticsFormat } from '../../reports/index.js';
import { UsageError } from '../arguments.js';
import { prepareFile, writeOutputFile } from '../write-file.js';

export interface StatisticsFile {
  readonly path: string;
  readonly format: 'csv' | 'json';
}

export function prepareStatisticsFile(value: unknown): StatisticsFile | null {
  if (value === undefined) return null;
  const path = String(value);
  const format = statisticsFormat(path);
  if (format === null) throw new UsageError(`--stats ${path}: name a .csv or a .json file; the extension picks the format`);
  prepareFile(path, 'stats');
  return { path, format };
}

export function writeStatistics(
  file: StatisticsFile,
  table: SeedStatisticsTable,
  render: (table: SeedStatisticsTable, format: 'csv' | 'json') => string,
): void {
  writeOutputFile(file.path, render(table, file.format));
}
