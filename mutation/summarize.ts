/**
 * Reads the report `npm run mutate` leaves in mutation/report/mutation.json and writes
 * mutation/summary.md: the score of each part against its target, the score of each file, every
 * surviving mutant, and every mutant set aside as equivalent with the reason given in the code.
 * Exits 1 when a part misses its target, 2 when the report is missing or unreadable.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groupOf, MUTATION_GROUPS, scoreOf, summarize } from './score.js';
import type { MutationReport } from './score.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const REPORT = join(HERE, 'report/mutation.json');
const SUMMARY = join(HERE, 'summary.md');

function readReport(): MutationReport {
  let text: string;
  try {
    text = readFileSync(REPORT, 'utf8');
  } catch {
    throw new Error(`${relative(ROOT, REPORT)}: no mutation report; run npm run mutate first`);
  }
  try {
    const report = JSON.parse(text) as MutationReport;
    if (typeof report.files !== 'object' || report.files === null) throw new Error('no "files" object');
    return report;
  } catch (error) {
    throw new Error(`${relative(ROOT, REPORT)}: not a mutation report (${error instanceof Error ? error.message : String(error)})`);
  }
}

function main(): number {
  let report: MutationReport;
  try {
    report = readReport();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
  const summary = summarize(report);
  const temporary = `${SUMMARY}.tmp`;
  writeFileSync(temporary, summary.markdown);
  renameSync(temporary, SUMMARY);
  for (const group of MUTATION_GROUPS) {
    const files = Object.entries(report.files).filter(([path]) => groupOf(path) === group);
    const score = scoreOf(files.flatMap(([, file]) => file.mutants));
    const shown = score.valid === 0 ? 'no mutants' : `${score.percent.toFixed(1)}% (${score.detected}/${score.valid})`;
    process.stdout.write(`${group.name.padEnd(26)} ${shown.padEnd(22)} target ${group.targetPercent}%\n`);
  }
  process.stdout.write(`${relative(ROOT, SUMMARY)} written; ${summary.missed.length === 0 ? 'every target met' : `missed: ${summary.missed.join(', ')}`}\n`);
  return summary.missed.length === 0 ? 0 : 1;
}

process.exitCode = main();
