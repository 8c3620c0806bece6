import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The tests a mutant is run against: those that run raftsim in their own process and ask precise
// questions of the mutated parts (the core's and the checkers' unit tests, the simulator's, the
// catalog of known bugs, the conformance suite, the scenario expectations). The tests under test/
// and reports/ drive the built CLI in child processes, which never see an active mutant; the long
// scenario tests (shrinking, the swarm, legal variants, the named library, the 250-seed property)
// run the same code at length, and would make each surviving mutant cost minutes.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: {
    alias: [
      { find: /^raftsim\/internals$/, replacement: fileURLToPath(new URL('../internals.ts', import.meta.url)) },
      { find: /^raftsim$/, replacement: fileURLToPath(new URL('../index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: [
      'core/**/*.test.ts',
      'sim/**/*.test.ts',
      'bugs/**/*.test.ts',
      'conformance/**/*.test.ts',
      'scenarios/expectations.test.ts',
      'scenarios/run-scenario.test.ts',
      'scenarios/membership-hosting.test.ts',
      'scenarios/check-settings.test.ts',
    ],
    exclude: ['node_modules/**', 'dist/**', '.stryker-tmp/**'],
    setupFiles: ['test/fixed-seeds.ts'],
    retry: 0,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
