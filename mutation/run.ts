/**
 * `npm run mutate [-- [--retest-timeouts] PART...]`: runs Stryker over each named part of
 * mutation/parts.json in turn (every part when none is named), then writes mutation/summary.md from the
 * parts' reports. With --retest-timeouts, the mutants of those parts that timed out before are tested
 * again. Exits 2 for an unknown part or option, 1 when a Stryker run fails or a part misses its target,
 * 0 otherwise.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { forgetTimeouts } from './forget-timeouts.js';
import { MUTATION_PARTS } from './parts.js';
import { writeSummary } from './summarize.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

const RETEST_TIMEOUTS = '--retest-timeouts';

function main(words: readonly string[]): number {
  const options = words.filter((word) => word.startsWith('-'));
  const badOption = options.find((option) => option !== RETEST_TIMEOUTS);
  if (badOption !== undefined) {
    process.stderr.write(`unknown option ${badOption}: the only option is ${RETEST_TIMEOUTS}\n`);
    return 2;
  }
  const names = words.filter((word) => !word.startsWith('-'));
  const unknown = names.filter((name) => !MUTATION_PARTS.some((part) => part.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown part ${unknown.map((name) => `"${name}"`).join(', ')}: the parts are ${MUTATION_PARTS.map((part) => part.name).join(', ')}\n`);
    return 2;
  }
  const chosen = names.length === 0 ? MUTATION_PARTS : MUTATION_PARTS.filter((part) => names.includes(part.name));
  for (const part of chosen) {
    if (options.includes(RETEST_TIMEOUTS)) {
      const forgotten = forgetTimeouts(join(ROOT, 'mutation', 'incremental', `${part.name}.json`));
      process.stdout.write(`${part.title}: ${forgotten} mutants that timed out before are tested again\n`);
    }
    process.stdout.write(`mutating ${part.title} (${part.mutate.filter((glob) => !glob.startsWith('!')).join(', ')})\n`);
    const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/@stryker-mutator/core/bin/stryker.js'), 'run'], {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, RAFTSIM_MUTATION_PART: part.name },
    });
    if (run.status !== 0) {
      process.stderr.write(`stryker failed on ${part.title} (exit ${run.status ?? run.signal})\n`);
      return 1;
    }
  }
  return writeSummary();
}

process.exitCode = main(process.argv.slice(2));
