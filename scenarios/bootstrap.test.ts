import { describe, expect, it } from 'vitest';
import { bootstrapMean } from './bootstrap.js';

const SAMPLE = [3, -1, 4, 1, -5, 9, 2, 6, -5, 3, 5, 8, -9, 7, 9];
const mean = SAMPLE.reduce((sum, value) => sum + value, 0) / SAMPLE.length;

describe('bootstrapMean', () => {
  it('gives the sample mean and an interval around it', () => {
    const interval = bootstrapMean(SAMPLE, { resamples: 2000, seed: 1, level: 0.95 });
    expect(interval.count).toBe(SAMPLE.length);
    expect(interval.mean).toBeCloseTo(mean, 12);
    expect(interval.low!).toBeLessThan(mean);
    expect(interval.high!).toBeGreaterThan(mean);
    // The standard error of this sample's mean is about 1.4: a 95% interval spans roughly ±2.7, not 0 nor the whole range.
    expect(interval.high! - interval.low!).toBeGreaterThan(3);
    expect(interval.high! - interval.low!).toBeLessThan(8);
  });

  it('gives the same interval for the same seed, and another for another seed', () => {
    const settings = { resamples: 500, seed: 7, level: 0.95 };
    expect(bootstrapMean(SAMPLE, settings)).toEqual(bootstrapMean(SAMPLE, settings));
    expect(bootstrapMean(SAMPLE, { ...settings, seed: 8 })).not.toEqual(bootstrapMean(SAMPLE, settings));
  });

  it('narrows as the level falls', () => {
    const wide = bootstrapMean(SAMPLE, { resamples: 2000, seed: 1, level: 0.95 });
    const narrow = bootstrapMean(SAMPLE, { resamples: 2000, seed: 1, level: 0.5 });
    expect(narrow.low!).toBeGreaterThan(wide.low!);
    expect(narrow.high!).toBeLessThan(wide.high!);
  });

  it('gives a point for values that are all equal, and nothing for no values', () => {
    expect(bootstrapMean([0, 0, 0])).toEqual({ count: 3, mean: 0, low: 0, high: 0 });
    expect(bootstrapMean([])).toEqual({ count: 0, mean: null, low: null, high: null });
  });

  it('refuses a resample count or a level it cannot use', () => {
    expect(() => bootstrapMean(SAMPLE, { resamples: 0, seed: 1, level: 0.95 })).toThrow(/resamples/);
    expect(() => bootstrapMean(SAMPLE, { resamples: 10, seed: 1, level: 1 })).toThrow(/level/);
  });
});
