import { describe, expect, it } from 'vitest';
import { scenarioFromDocument, scenarioToDocument } from './schema.js';
import { CLUSTER_SIZE_DRAW, scenarioForSeed } from './swarm.js';

const SETTINGS = { nodeCount: null, durationMs: 10_000, faults: 'swarm' } as const;

/** The members a seed starts with: every node unless spares wait outside the configuration. */
function startingMembers(seed: number): number {
  const cluster = scenarioForSeed(seed, SETTINGS).cluster;
  return cluster.members === null ? cluster.nodes : cluster.members.length;
}

describe('the swarm', () => {
  it('draws every cluster size from 1 to 7, with 3 and 5 the most common', () => {
    const counts = new Map<number, number>();
    for (let seed = 1; seed <= 1000; seed++) counts.set(startingMembers(seed), (counts.get(startingMembers(seed)) ?? 0) + 1);
    expect([...counts.keys()].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const byFrequency = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([size]) => size);
    expect(byFrequency.slice(0, 2).sort()).toEqual([3, 5]);
    // Each rare size still gets tens of seeds in a thousand.
    for (const size of [1, 2, 6, 7]) expect(counts.get(size)).toBeGreaterThan(25);
  });

  it('keeps the size it is given', () => {
    for (let seed = 1; seed <= 50; seed++) expect(scenarioForSeed(seed, { ...SETTINGS, nodeCount: 4 }).cluster.members ?? [1, 2, 3, 4]).toHaveLength(4);
  });

  it('draws, at every size, a schedule that reads back from its scenario file unchanged', () => {
    const sizes = new Set<number>();
    for (let seed = 1; seed <= 400; seed++) {
      const scenario = scenarioForSeed(seed, SETTINGS);
      sizes.add(startingMembers(seed));
      const parsed = scenarioFromDocument(JSON.parse(JSON.stringify(scenarioToDocument(scenario))));
      expect(parsed.ok ? null : `seed ${seed}: ${parsed.problem}`).toBeNull();
    }
    expect(sizes.size).toBe(CLUSTER_SIZE_DRAW.filter((size, index) => CLUSTER_SIZE_DRAW.indexOf(size) === index).length);
  });

  it('splits no one-node cluster into groups', () => {
    const oneNode = Array.from({ length: 300 }, (_, index) => index + 1).filter((seed) => scenarioForSeed(seed, SETTINGS).cluster.nodes === 1);
    expect(oneNode.length).toBeGreaterThan(0);
    for (const seed of oneNode) {
      const actions = scenarioForSeed(seed, SETTINGS).timeline.map((step) => step.action.type);
      expect(actions).not.toContain('partition');
    }
  });
});
