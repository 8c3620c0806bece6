import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The tests a mutant is run against: those of its part (mutation/parts.json), which stryker.config.mjs
// hands over in RAFTSIM_MUTATION_TESTS. Each part's tests run raftsim in their own process; the tests
// under test/ and reports/ drive the built CLI in child processes, which never see an active mutant.
const partTests = process.env.RAFTSIM_MUTATION_TESTS;
const include = partTests === undefined ? ['core/**/*.test.ts', 'sim/**/*.test.ts'] : (JSON.parse(partTests) as string[]);

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  resolve: {
    alias: [
      { find: /^raftsim\/internals$/, replacement: fileURLToPath(new URL('../internals.ts', import.meta.url)) },
      { find: /^raftsim$/, replacement: fileURLToPath(new URL('../index.ts', import.meta.url)) },
    ],
  },
  test: {
    include,
    exclude: ['node_modules/**', 'dist/**', '.stryker-tmp/**'],
    setupFiles: ['test/fixed-seeds.ts'],
    retry: 0,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
