import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './cli-process.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('README', () => {
  it('opens with the two-command quick start, and CI runs exactly its test command', () => {
    const quickStart = readme.slice(readme.indexOf('## Quick start'));
    expect(quickStart).toMatch(/npm ci && npx raftsim explore/);
    expect(quickStart).toMatch(/npm ci && npm test/);
    expect(readFileSync(join(ROOT, '.ci/run'), 'utf8')).toMatch(/^npm ci && npm test$/m);
  });

  it('carries the library example exactly as the suite runs it', () => {
    const example = readFileSync(join(ROOT, 'examples/ci-property.test.ts'), 'utf8');
    expect(readme).toContain('```ts\n' + example + '```');
  });
});
