import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { coverageFamiliesMarkdown } from './coverage-table.js';

describe('docs/coverage.md', () => {
  it('lists every coverage family as the code defines it', () => {
    const document = readFileSync(new URL('../docs/coverage.md', import.meta.url), 'utf8');
    expect(document).toContain(`${coverageFamiliesMarkdown()}\n`);
  });
});
