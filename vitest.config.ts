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
    exclude: ['node_modules/**', 'dist/**'],
    globalSetup: ['test/build-once.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
