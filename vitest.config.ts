import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // The examples import the package by name, as another project would.
  resolve: {
    alias: [
      { find: /^raftsim\/internals$/, replacement: fileURLToPath(new URL('./internals.ts', import.meta.url)) },
      { find: /^raftsim$/, replacement: fileURLToPath(new URL('./index.ts', import.meta.url)) },
    ],
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'dist/**', '.stryker-tmp/**'],
    globalSetup: ['test/build-once.ts'],
    setupFiles: ['test/fixed-seeds.ts'],
    // Most test files wait on the command line they start, whose work runs in processes and threads of
    // its own: two files at a time keep two cores busy where vitest's default (one file per core but
    // one) would run them one by one.
    maxWorkers: Math.max(2, availableParallelism()),
    // A test that passes only on a second try is a failing test.
    retry: 0,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
