// @ts-check
/**
 * Mutation testing: `npm run mutate`. Each mutant is one small change to the code (a condition
 * flipped, a bound moved by one, a statement removed); a mutant survives when every test still
 * passes with it in place. The report lists the score per folder and every survivor.
 *
 * Incremental mode keeps the results in mutation/incremental.json, so that a rerun tests only
 * the mutants whose code or covering tests changed since.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'mutation/vitest.config.ts' },
  checkers: ['typescript'],
  tsconfigFile: 'tsconfig.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: 'perTest',
  incremental: true,
  incrementalFile: 'mutation/incremental.json',
  mutate: [
    'core/**/*.ts',
    'sim/checkers/*.ts',
    'sim/checking/*.ts',
    'sim/cluster/network.ts',
    'sim/cluster/disk.ts',
    'sim/cluster/lifecycle.ts',
    'scenarios/expectations.ts',
    '!**/*.test.ts',
    '!**/index.ts',
    '!core/testing.ts',
    '!sim/checkers/testing.ts',
  ],
  ignorePatterns: ['dist', 'test-output', 'raftsim-out', 'mutation/report'],
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'mutation/report/index.html' },
  jsonReporter: { fileName: 'mutation/report/mutation.json' },
  thresholds: { high: 85, low: 75, break: null },
  concurrency: 2,
  timeoutMS: 15_000,
  dryRunTimeoutMinutes: 40,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
