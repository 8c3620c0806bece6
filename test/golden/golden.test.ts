import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { namedScenarios } from '../../scenarios/index.js';
import { GOLDEN_CASES } from './cases.js';
import { computeGolden, GOLDEN_FILE, REWRITE_COMMAND } from './compute.js';
import type { GoldenResult } from './compute.js';

describe('golden results', () => {
  it('every pinned case gives byte for byte the result in golden.json', async () => {
    const pinned = JSON.parse(readFileSync(GOLDEN_FILE, 'utf8')) as { cases: Record<string, GoldenResult> };
    expect(Object.keys(pinned.cases), `the cases differ from golden.json; if on purpose: ${REWRITE_COMMAND}`).toEqual(GOLDEN_CASES.map((golden) => golden.name));
    const actual = await computeGolden(GOLDEN_CASES);
    const differences = GOLDEN_CASES.filter((golden) => JSON.stringify(actual[golden.name]) !== JSON.stringify(pinned.cases[golden.name])).map(
      (golden) => `${golden.name} (raftsim ${golden.args.join(' ')}): pinned ${JSON.stringify(pinned.cases[golden.name])}, got ${JSON.stringify(actual[golden.name])}`,
    );
    expect(differences, `behaviour changed; if on purpose, rewrite the file with ${REWRITE_COMMAND} and say why in the commit`).toEqual([]);
  }, 900_000);

  it('the cases cover several sizes, every policy, every known bug, an implementation file and every named scenario', () => {
    const lines = GOLDEN_CASES.map((golden) => golden.args.join(' '));
    expect(GOLDEN_CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(GOLDEN_CASES.map((golden) => golden.name)).size).toBe(GOLDEN_CASES.length);
    for (const fragment of ['--nodes 1', '--nodes 7', '--impl examples/minimal-raft.js', '--bug two-changes-at-once', '--scenario figure-8', 'experiment election-timing']) {
      expect(lines.some((line) => line.includes(fragment)), fragment).toBe(true);
    }
    for (const scenario of namedScenarios()) expect(lines, scenario.name).toContain(`run --scenario ${scenario.name} --json`);
  });
});
