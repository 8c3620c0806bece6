import { describe, expect, it } from 'vitest';
import { predictedElectionMs, predictedSplitVoteRate, PUBLISHED_SPLIT_VOTE_RATES, splitVoteThreshold } from './split-vote-model.js';

describe('the dissertation’s split-vote model (§9.2, §9.3)', () => {
  it('splits the vote when s - ⌊n/2⌋ + 1 servers time out within l of the first', () => {
    expect(splitVoteThreshold(5, 4)).toBe(3);
    expect(splitVoteThreshold(5, 3)).toBe(2);
    expect(splitVoteThreshold(9, 5)).toBe(2);
  });

  it('gives the rates the dissertation states for fixed latency, to the precision it states them', () => {
    expect(predictedSplitVoteRate(5, 4, 0.01)).toBeCloseTo(0.0006, 4);
    expect(predictedSplitVoteRate(5, 4, 0.1)).toBeCloseTo(0.052, 3);
    expect(predictedSplitVoteRate(5, 4, 0.2)).toBeCloseTo(0.181, 3);
    // The rates it states in words ("about half", "nearly 70%") lie within five points of the formula.
    for (const published of PUBLISHED_SPLIT_VOTE_RATES.filter((rate) => rate.latencyFraction[0] === rate.latencyFraction[1])) {
      expect(Math.abs(predictedSplitVoteRate(published.nodeCount, published.available, published.latencyFraction[0]) - published.rate), published.says).toBeLessThan(0.05);
    }
  });

  it('always splits once the latency is the whole range, and then predicts no end to the election', () => {
    expect(predictedSplitVoteRate(5, 4, 1)).toBe(1);
    expect(predictedElectionMs(1, 4, 100, 100, 10)).toBeNull();
  });

  it('expects 1/(1-p) terms, each a timeout and the first server’s share of the range, less a quarter timeout for the crash', () => {
    // No split votes, four servers, 100-200 ms, 10 ms latency: 100 + 100/5 + 10 + 10 - 25.
    expect(predictedElectionMs(0, 4, 100, 100, 10)).toBeCloseTo(115, 9);
    expect(predictedElectionMs(0.5, 4, 100, 100, 10)).toBeCloseTo(2 * 130 + 10 - 25, 9);
  });
});
