import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as api from '../index.js';
import * as internals from '../internals.js';
import { ROOT } from './cli-process.js';

/** The runtime names docs/api.md documents: the first cell of each table row. */
function documentedNames(): string[] {
  const text = readFileSync(join(ROOT, 'docs/api.md'), 'utf8');
  return [...text.matchAll(/^\| `([A-Za-z_]+)` \|/gm)].map((match) => match[1]!);
}

describe('the public API', () => {
  const exported = Object.keys(api).sort();

  it('exports a curated set of about sixty runtime names, no more', () => {
    expect(exported.length).toBeGreaterThan(30);
    expect(exported.length).toBeLessThanOrEqual(60);
  });

  it('documents every exported name in docs/api.md, and documents nothing that is not exported', () => {
    expect(documentedNames().sort()).toEqual(exported);
  });

  it('leaves the simulator’s parts to raftsim/internals', () => {
    for (const name of ['EventQueue', 'RandomStream', 'TraceRecorder', 'STREAM', 'MESSAGE_CODE', 'Probe', 'RunningHash']) {
      expect(exported, name).not.toContain(name);
      expect(Object.keys(internals), name).toContain(name);
    }
  });
});
