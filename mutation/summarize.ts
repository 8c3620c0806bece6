/**
 * Writes mutation/summary.md from the results each part's last run left in
 * mutation/incremental/PART.json (Stryker's full report, kept for incremental reruns):
 * the score of each part against its target, the score of each file, every surviving mutant, and
 * every mutant set aside as equivalent with the reason given in the code.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MUTATION_PARTS } from './parts.js';
import { scoreOf, summarize } from './score.js';
import type { MutationReport, PartReport } from './score.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const SUMMARY = join(HERE, 'summary.md');

function readReport(path: string): MutationReport | undefined {
  if (!existsSync(path)) return undefined;
  const report = JSON.parse(readFileSync(path, 'utf8')) as MutationReport;
  if (typeof report.files !== 'object' || report.files === null) throw new Error(`${relative(ROOT, path)} is not a mutation report: it has no "files" object`);
  return report;
}

/** Writes the summary and prints one line per part; 0 when every part met its target, else 1. */
export function writeSummary(): number {
  const parts: PartReport[] = MUTATION_PARTS.map((part) => ({ part, report: readReport(join(HERE, 'incremental', `${part.name}.json`)) }));
  const { markdown, missed } = summarize(parts);
  const temporary = `${SUMMARY}.partial`;
  writeFileSync(temporary, markdown);
  renameSync(temporary, SUMMARY);
  const width = Math.max(...parts.map(({ part }) => part.title.length)) + 2;
  for (const { part, report } of parts) {
    const score = report === undefined ? undefined : scoreOf(Object.values(report.files).flatMap((file) => file.mutants));
    const shown = score === undefined ? 'not run' : `${score.percent.toFixed(1)}% (${score.detected} of ${score.valid} detected)`;
    process.stdout.write(`${part.title.padEnd(width)} ${shown.padEnd(30)} target ${part.targetPercent}%\n`);
  }
  process.stdout.write(`${relative(ROOT, SUMMARY)} written; ${missed.length === 0 ? 'every target met' : `below target or not run: ${missed.join(', ')}`}\n`);
  return missed.length === 0 ? 0 : 1;
}

// Run on its own (`npx tsx mutation/summarize.ts`), it summarises the parts' last results without running them.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = writeSummary();
