import { describe, expect, it } from 'vitest';
import { runScenario, scenarioForSeed } from '../scenarios/index.js';
import { FIRST_CATCHING_SEED } from '../test/known-bug-seeds.js';
import { KNOWN_BUGS } from './catalog.js';

describe('the bug catalog', () => {
  it('has at least twelve bugs, each named once, with a paragraph, the checkers and conformance tests that catch it', () => {
    expect(KNOWN_BUGS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(KNOWN_BUGS.map((bug) => bug.name)).size).toBe(KNOWN_BUGS.length);
    for (const bug of KNOWN_BUGS) {
      expect(bug.explanation.length, bug.name).toBeGreaterThan(100);
      expect(bug.breaks.length, bug.name).toBeGreaterThan(0);
      expect(bug.conformance.length, bug.name).toBeGreaterThan(0);
      expect(bug.implementation.name).toBe(bug.name);
    }
  });

  it.each(KNOWN_BUGS.map((bug) => bug.name))('%s is caught on its known seed, by a check the catalog names', (name) => {
    const bug = KNOWN_BUGS.find((known) => known.name === name)!;
    const known = FIRST_CATCHING_SEED[name]!;
    expect(known.seed).toBeLessThanOrEqual(2000);
    const scenario = scenarioForSeed(known.seed, { nodeCount: null, durationMs: 10_000, faults: 'swarm' });
    const failure = runScenario(scenario, { implementation: bug.implementation, trace: 'hash' }).failures[0];
    expect(failure?.checker).toBe(known.checker);
    expect(bug.breaks).toContain(known.checker);
    // The same seed holds every check with the reference core: the failure is the bug's.
    expect(runScenario(scenario, { trace: 'hash' }).failures).toEqual([]);
  });
});
