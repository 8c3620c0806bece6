import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nondeterministic = [
  { object: 'Math', property: 'random', message: 'Draw from a seeded stream (sim/engine/random-streams.ts) instead.' },
  { object: 'Date', property: 'now', message: 'Use the virtual clock (simulation time) instead.' },
  { object: 'performance', property: 'now', message: 'Use the virtual clock (simulation time) instead.' },
  { object: 'process', property: 'hrtime', message: 'Use the virtual clock (simulation time) instead.' },
  { object: 'crypto', property: 'randomUUID', message: 'Derive identifiers from the seed instead.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '**/*.generated.js', '.stryker-tmp/**', 'mutation/report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    files: ['core/**/*.ts', 'bugs/**/*.ts', 'sim/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': ['error', ...nondeterministic],
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'Use the virtual clock (simulation time) instead.' },
        { name: 'setTimeout', message: 'Schedule an event on the simulation queue instead.' },
        { name: 'setInterval', message: 'Schedule an event on the simulation queue instead.' },
        { name: 'setImmediate', message: 'Schedule an event on the simulation queue instead.' },
      ],
    },
  },
  {
    // The explorer page runs in the browser, and bundles the cluster fold and what it imports: no Node there.
    files: ['reports/explorer/page/**/*.ts', 'sim/trace/cluster-fold.ts', 'sim/trace/election-tally.ts', 'sim/trace/links.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*'], message: 'The explorer page runs in the browser: no Node modules.' }] }],
    },
  },
  {
    files: ['reports/explorer/build-page.mjs', 'cli/build-bin.mjs'],
    languageOptions: { globals: { URL: 'readonly' } },
  },
);
