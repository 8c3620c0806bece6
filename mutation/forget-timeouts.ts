/**
 * `npm run mutate -- --retest-timeouts`: a mutant that timed out counts as detected, but on a busy
 * machine a test merely slowed down times out too. Removing timed-out mutants from a part's
 * incremental file makes Stryker test them again, on their own merits, while every other result is
 * reused.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { MutationReport } from './score.js';

/** The report without its timed-out mutants, and how many there were. */
export function withoutTimeouts(report: MutationReport): { readonly report: MutationReport; readonly forgotten: number } {
  let forgotten = 0;
  const files = Object.fromEntries(
    Object.entries(report.files).map(([path, file]) => {
      const kept = file.mutants.filter((mutant) => mutant.status !== 'Timeout');
      forgotten += file.mutants.length - kept.length;
      return [path, { ...file, mutants: kept }];
    }),
  );
  return { report: { ...report, files }, forgotten };
}

/** Rewrites the incremental file at `path` without its timed-out mutants; 0 when there is no file. */
export function forgetTimeouts(path: string): number {
  if (!existsSync(path)) return 0;
  const { report, forgotten } = withoutTimeouts(JSON.parse(readFileSync(path, 'utf8')) as MutationReport);
  if (forgotten === 0) return 0;
  // Whole or not at all: a half-written file would cost every result of the part.
  const temporary = `${path}.partial`;
  writeFileSync(temporary, JSON.stringify(report));
  renameSync(temporary, path);
  return forgotten;
}
