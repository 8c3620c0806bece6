import { describe, expect, it } from 'vitest';
import { findKnownBug } from '../bugs/index.js';
import type { SharedRunOptions } from './differential.js';
import { differentialRun, differentialSeed } from './differential.js';
import { exploreSeedScenario } from './explore.js';
import { applyPolicies } from './policies.js';
import { DIFFERENTIAL_MEASURES, pairedDifferences } from './paired-differences.js';

const shared: SharedRunOptions = { fromSeed: 1, seeds: 3, nodeCount: 3, durationMs: 2000, faults: 'swarm', scenario: null, policies: {} };

describe('differentialRun', () => {
  it('finds no divergence and zero differences when both sides are the same variant', () => {
    const seeds = differentialRun({ shared, a: { label: 'a', policies: { preVote: true } }, b: { label: 'b', policies: { preVote: true } } });
    expect(seeds.map((seed) => seed.seed)).toEqual([1, 2, 3]);
    for (const seed of seeds) {
      expect(seed.divergence).toBeNull();
      expect(seed.b.traceHash).toBe(seed.a.traceHash);
    }
    for (const row of pairedDifferences(seeds, { resamples: 200, seed: 1, level: 0.95 })) {
      expect(row.meanB).toBe(row.meanA);
      expect(row.difference).toMatchObject({ mean: 0, low: 0, high: 0 });
    }
  });

  it('finds the first divergence after the start when a policy changes behaviour', () => {
    const seed = differentialSeed(1, { shared, a: { label: 'a', policies: { preVote: false } }, b: { label: 'b', policies: { preVote: true } } });
    expect(seed.divergence).not.toBeNull();
    expect(seed.divergence!.index).toBeGreaterThan(0);
    expect(seed.divergence!.a).not.toEqual(seed.divergence!.b);
    expect(seed.a.traceHash).not.toBe(seed.b.traceHash);
  });

  it('gives both variants one fault schedule, drawn before their options', () => {
    const base = exploreSeedScenario(4, shared);
    const withPreVote = applyPolicies(base, { preVote: true, checkQuorum: true });
    const without = applyPolicies(base, { preVote: false, checkQuorum: false });
    expect(base.timeline.length).toBeGreaterThan(0);
    expect(withPreVote.timeline).toBe(without.timeline);
    expect(withPreVote.workload).toEqual(without.workload);
    expect([withPreVote.cluster.preVote, without.cluster.preVote]).toEqual([true, false]);
  });

  it('refuses variants whose options would change the schedule itself', () => {
    const scenario = { ...exploreSeedScenario(1, shared), timeline: [{ atMs: 100, action: { type: 'pause', node: 1 } }, { atMs: 200, action: { type: 'resume', node: 1 } }] };
    const options = { shared: { ...shared, scenario } as SharedRunOptions, a: { label: 'a', policies: {} }, b: { label: 'b', policies: { checkQuorum: true, leaseReads: true } } };
    expect(() => differentialSeed(1, options)).toThrow(/two different fault schedules/);
  });

  it('keeps each side’s failures apart: a bug on one side fails only that side', () => {
    const bug = findKnownBug('double-vote')!;
    const seed = differentialSeed(1, { shared: { ...shared, nodeCount: null, durationMs: 10_000 }, a: { label: 'a', policies: {} }, b: { label: 'b', implementation: bug.implementation, policies: {} } });
    expect(seed.a.failures).toEqual([]);
    expect(seed.b.failures.map((failure) => failure.checker)).toContain('election-safety');
  });

  it('measures every seed the same way for both sides', () => {
    const seeds = differentialRun({ shared: { ...shared, seeds: 1 }, a: { label: 'a', policies: {} }, b: { label: 'b', policies: {} } });
    for (const measure of DIFFERENTIAL_MEASURES) expect(measure.of(seeds[0]!.a)).toBe(measure.of(seeds[0]!.b));
  });
});
