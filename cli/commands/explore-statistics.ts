/** `explore --stats FILE`: the file's extension picks the format, checked before any seed runs. */
import type { SeedStatistics } from '../../scenarios/index.js';
import { statisticsFormat } from '../../reports/index.js';
import { UsageError } from '../arguments.js';
import { prepareFile, writeFileAtomically } from '../write-file.js';

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
  seeds: readonly SeedStatistics[],
  render: (seeds: readonly SeedStatistics[], format: 'csv' | 'json') => string,
): void {
  writeFileAtomically(file.path, render(seeds, file.format));
}
