import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RAFTSIM_VERSION } from './version.js';

describe('the version written into trace files', () => {
  it('is package.json’s', () => {
    const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(RAFTSIM_VERSION).toBe(packageJson.version);
  });
});
