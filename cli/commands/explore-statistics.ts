/** `explore --stats FILE`: the file's extension picks the format (an .html file charts coverage over the runs), checked before any seed runs. */
import type { SeedStatisticsTable } from '../../scenarios/index.js';
import { renderCoverageChartHtml, statisticsFormat } from '../../reports/index.js';
import type { StatisticsFormat } from '../../reports/index.js';
import { UsageError } from '../arguments.js';
import { prepareFile, writeOutputFile } from '../write-file.js';

export interface StatisticsFile {
  readonly path: string;
  readonly format: StatisticsFormat;
}

export function prepareStatisticsFile(value: unknown): StatisticsFile | null {
  if (value === undefined) return null;
  const path = String(value);
  const format = statisticsFormat(path);
  if (format === null) throw new UsageError(`--stats ${path}: name a .csv, .json or .html file; the extension picks the format`);
  prepareFile(path, 'stats');
  return { path, format };
}

export function writeStatistics(
  file: StatisticsFile,
  table: SeedStatisticsTable,
  render: (table: SeedStatisticsTable, format: 'csv' | 'json') => string,
): void {
  writeOutputFile(file.path, file.format === 'html' ? renderCoverageChartHtml(table) : render(table, file.format));
}
