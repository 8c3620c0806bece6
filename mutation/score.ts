/**
 * Mutation scores per part of raftsim, from a report in the mutation-testing-report schema that
 * Stryker writes. A mutant counts as detected when a test failed (killed) or ran out of time with it
 * in place; it counts against the score when it survived or no test ran its code. Mutants the type
 * checker refused, and those set aside in the code as equivalent (a `Stryker disable` comment with
 * its reason), are left out, as Stryker itself does.
 */

import type { MutationPart } from './parts.js';

export type MutantStatus = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'CompileError' | 'RuntimeError' | 'Ignored' | 'Pending';

export interface ReportedMutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: MutantStatus;
  readonly statusReason?: string;
  readonly location: { readonly start: { readonly line: number; readonly column: number } };
}

export interface MutationReport {
  readonly files: Readonly<Record<string, { readonly source?: string; readonly mutants: readonly ReportedMutant[] }>>;
}

/** A part with the report of its last run, or none when it has not been run. */
export interface PartReport {
  readonly part: MutationPart;
  readonly report: MutationReport | undefined;
}

export interface Score {
  readonly detected: number;
  /** Of the detected, those only timed out: on a busy machine a slow test looks the same, so they are shown apart. */
  readonly timedOut: number;
  readonly undetected: number;
  readonly valid: number;
  readonly ignored: number;
  readonly percent: number;
}

export function scoreOf(mutants: readonly ReportedMutant[]): Score {
  const count = (...statuses: MutantStatus[]) => mutants.filter((mutant) => statuses.includes(mutant.status)).length;
  const detected = count('Killed', 'Timeout');
  const undetected = count('Survived', 'NoCoverage');
  const valid = detected + undetected;
  return { detected, timedOut: count('Timeout'), undetected, valid, ignored: count('Ignored'), percent: valid === 0 ? 100 : (100 * detected) / valid };
}

function normalized(path: string): string {
  return path.replaceAll('\\', '/').replace(/^\.\//, '');
}

function sourceLine(source: string | undefined, line: number): string {
  return (source?.split('\n')[line - 1] ?? '').trim();
}

function mutantRow(path: string, source: string | undefined, mutant: ReportedMutant, last: string): string {
  const where = `${path}:${mutant.location.start.line}:${mutant.location.start.column}`;
  const code = sourceLine(source, mutant.location.start.line).replaceAll('|', '\\|').slice(0, 100);
  return `| \`${where}\` | ${mutant.mutatorName} | \`${code}\` | ${last.replaceAll('|', '\\|').replaceAll('\n', ' ')} |`;
}

/** The Markdown summary, and the titles of the parts that missed their target or were not run. */
export function summarize(parts: readonly PartReport[]): { markdown: string; missed: string[] } {
  const files = parts
    .flatMap(({ report }) => Object.entries(report?.files ?? {}))
    .map(([path, file]) => [normalized(path), file] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const missed: string[] = [];
  const lines = ['# Mutation testing: summary', '', 'Written by `npm run mutate` from the results of its parts, kept in `mutation/incremental/PART.json`; after a run, `mutation/report/PART.html` shows every mutant in its source.', ''];
  lines.push(
    'A mutant counts as detected when a test failed with it or timed out; the timed-out ones are counted apart, since a test slowed by a busy machine also times out (`npm run mutate -- --retest-timeouts PART` tests them again).',
    '',
    '| part | score | detected | of which timed out | undetected | equivalent | target | met |',
    '|---|---:|---:|---:|---:|---:|---:|---|',
  );
  for (const { part, report } of parts) {
    if (report === undefined) {
      missed.push(part.title);
      lines.push(`| ${part.title} | not run | | | | | ${part.targetPercent}% | no |`);
      continue;
    }
    const score = scoreOf(Object.values(report.files).flatMap((file) => file.mutants));
    const met = score.percent >= part.targetPercent;
    if (!met) missed.push(part.title);
    lines.push(`| ${part.title} | ${score.percent.toFixed(1)}% | ${score.detected} | ${score.timedOut} | ${score.undetected} | ${score.ignored} | ${part.targetPercent}% | ${met ? 'yes' : 'no'} |`);
  }
  lines.push('', '## Files', '', '| file | score | detected | undetected | equivalent |', '|---|---:|---:|---:|---:|');
  for (const [path, file] of files) {
    const score = scoreOf(file.mutants);
    lines.push(`| ${path} | ${score.percent.toFixed(1)}% | ${score.detected} | ${score.undetected} | ${score.ignored} |`);
  }
  const rowsOf = (statuses: readonly MutantStatus[], last: (mutant: ReportedMutant) => string) =>
    files.flatMap(([path, file]) => file.mutants.filter((mutant) => statuses.includes(mutant.status)).map((mutant) => mutantRow(path, file.source, mutant, last(mutant))));
  const undetected = rowsOf(['Survived', 'NoCoverage'], (mutant) => `${mutant.status === 'NoCoverage' ? 'no test runs it: ' : ''}\`${mutant.replacement ?? ''}\``);
  lines.push('', `## Undetected mutants (${undetected.length})`, '');
  if (undetected.length === 0) lines.push('None.');
  else lines.push('| where | mutator | code | replaced by |', '|---|---|---|---|', ...undetected);
  const equivalent = rowsOf(['Ignored'], (mutant) => mutant.statusReason ?? '');
  lines.push('', `## Set aside as equivalent (${equivalent.length})`, '', 'Each with the reason given beside it in the code.', '');
  if (equivalent.length === 0) lines.push('None.');
  else lines.push('| where | mutator | code | why it changes nothing |', '|---|---|---|---|', ...equivalent);
  return { markdown: `${lines.join('\n')}\n`, missed };
}
