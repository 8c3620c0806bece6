import { describe, expect, it } from 'vitest';
import { createAllCheckers } from '../../sim/index.js';
import { DEFAULT_SPLIT_VOTES_OPTIONS, runSplitVotes, splitVotesProblem } from './split-votes.js';

const small = { ...DEFAULT_SPLIT_VOTES_OPTIONS, trials: 30, tickMs: 0.5, checkers: createAllCheckers };

describe('the split-vote experiment (dissertation §9.2–9.3)', () => {
  const result = runSplitVotes({ ...small, latencies: [{ minMs: 1, maxMs: 1 }, { minMs: 20, maxMs: 20 }] });
  const [quick, slow, quickTwoDown, slowTwoDown] = result.cases;

  it('runs a case per number of failures and latency, with the model’s prediction and the dissertation’s figure beside it', () => {
    expect(result.cases.map((outcome) => [outcome.failures, outcome.latency.minMs, outcome.available])).toEqual([
      [1, 1, 4],
      [1, 20, 4],
      [2, 1, 3],
      [2, 20, 3],
    ]);
    expect(slow!.latencyFraction).toEqual([0.2, 0.2]);
    expect(slow!.predictedSplitVoteRate).toBeCloseTo(0.1808, 4);
    expect(slow!.published?.rate).toBe(0.181);
    expect(quickTwoDown!.published).toBeNull();
    expect(result.violations).toEqual([]);
  });

  it('splits more with more latency and with more servers down, as the model says', () => {
    expect(quick!.splitVoteRate).toBeLessThan(0.1);
    expect(slowTwoDown!.splitVoteRate).toBeGreaterThan(slow!.splitVoteRate);
    expect(slowTwoDown!.splitVoteRate).toBeGreaterThan(0.2);
    expect(slowTwoDown!.meanElectionTerms).toBeGreaterThan(quick!.meanElectionTerms);
    for (const outcome of result.cases) expect(outcome.capped).toBe(0);
  });

  it('is a function of its seed, case by case', () => {
    const again = runSplitVotes({ ...small, failures: [2], latencies: [{ minMs: 20, maxMs: 20 }] });
    expect(again.cases[0]).toEqual(slowTwoDown);
  });

  it('gives no formula for a latency that varies, but the dissertation’s simulated figure where it has one', () => {
    const varied = runSplitVotes({ ...small, trials: 4, failures: [1], latencies: [{ minMs: 10, maxMs: 20 }] }).cases[0]!;
    expect(varied.predictedSplitVoteRate).toBeNull();
    expect(varied.published?.rate).toBe(0.16);
  });

  it('refuses cases it cannot run, naming the option first', () => {
    expect(splitVotesProblem({ ...small, failures: [3] })).toMatch(/^failures .* 1 \(the leader\) to 2/);
    expect(splitVotesProblem({ ...small, range: { minMs: 150, maxMs: 150 } })).toMatch(/^range .*randomness/);
    expect(splitVotesProblem({ ...small, latencies: [{ minMs: 5, maxMs: 2 }] })).toMatch(/^latency/);
    expect(splitVotesProblem({ ...small, nodeCount: 2 })).toMatch(/^nodes/);
  });
});
