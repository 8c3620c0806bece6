// @ts-check
/**
 * Mutation testing of one part of raftsim (mutation/parts.json), named by RAFTSIM_MUTATION_PART;
 * `npm run mutate` runs every part in turn (mutation/run.ts). Each mutant is one small change to
 * the part's code; it survives when every test of the part still passes with it in place.
 *
 * Each part keeps its results in mutation/incremental/PART.json, so that a rerun tests only the
 * mutants whose code or covering tests changed since.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import process from 'node:process';
import { URL } from 'node:url';

/** @type {{ parts: { name: string; mutate: string[]; tests: string[] }[] }} */
const { parts } = JSON.parse(readFileSync(new URL('./mutation/parts.json', import.meta.url), 'utf8'));
const part = parts.find((candidate) => candidate.name === process.env.RAFTSIM_MUTATION_PART);
if (part === undefined) {
  throw new Error(`RAFTSIM_MUTATION_PART must name a part of mutation/parts.json (${parts.map(({ name }) => name).join(', ')}); run npm run mutate`);
}
// Read by mutation/vitest.config.ts in the test runner processes, which inherit the environment.
process.env.RAFTSIM_MUTATION_TESTS = JSON.stringify(part.tests);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'mutation/vitest.config.ts' },
  checkers: ['typescript'],
  // The layers the mutated files live in; a mutant that breaks their types is never run.
  tsconfigFile: 'mutation/tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: `mutation/incremental/${part.name}.json`,
  mutate: [...part.mutate, '!**/*.test.ts'],
  ignorePatterns: ['dist', 'test-output', 'raftsim-out', 'mutation/report', 'mutation/incremental'],
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: `mutation/report/${part.name}.html` },
  jsonReporter: { fileName: `mutation/report/${part.name}.json` },
  thresholds: { high: 85, low: 75, break: null },
  // Stryker gives half of this to type checkers and half to test runners, and hands the checkers' share
  // to test runners once every mutant is checked; twice the cores keeps every core running tests then.
  concurrency: Math.min(2 * availableParallelism(), 8),
  // Generous: on a shared, busy machine a slow test is not an endless loop, and a timeout counts as a kill.
  timeoutMS: 60_000,
  dryRunTimeoutMinutes: 40,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
