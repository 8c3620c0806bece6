import { describe, expect, it } from 'vitest';
import { nearestRankIndex } from './nearest-rank.js';

describe('the nearest-rank percentile', () => {
  it('is the smallest sample with at least that fraction at or below it, within the samples at both ends', () => {
    expect(nearestRankIndex(10, 0.5)).toBe(4);
    expect(nearestRankIndex(10, 0.9)).toBe(8);
    expect(nearestRankIndex(10, 0.99)).toBe(9);
    expect(nearestRankIndex(100, 0.99)).toBe(98);
    expect(nearestRankIndex(1, 0.5)).toBe(0);
    expect(nearestRankIndex(4, 0)).toBe(0);
    expect(nearestRankIndex(4, 1)).toBe(3);
  });
});
