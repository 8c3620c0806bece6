/**
 * The percentile bootstrap of a mean: resample the values with replacement many times, take each
 * resample's mean, and read the interval off their distribution (Efron and Tibshirani, An Introduction
 * to the Bootstrap, ch. 13). The resampling draws from a seeded stream, so one seed gives one interval.
 */
import { RandomStream } from '../sim/index.js';
import { nearestRankIndex } from '../sim/nearest-rank.js';

export interface MeanInterval {
  /** How many values the mean is over; 0 leaves every figure null. */
  readonly count: number;
  readonly mean: number | null;
  /** The bounds of the interval, at `level` (0.95: the 2.5th and the 97.5th percentile of the resampled means). */
  readonly low: number | null;
  readonly high: number | null;
}

export interface BootstrapSettings {
  /** Resamples drawn; 2,000 gives percentiles of a 95% interval to within a few tenths of a percent. */
  readonly resamples: number;
  /** The seed of the resampling stream. */
  readonly seed: number;
  /** The interval's coverage, between 0 and 1. */
  readonly level: number;
}

export const DEFAULT_BOOTSTRAP: BootstrapSettings = { resamples: 2000, seed: 1, level: 0.95 };

export const MAX_RESAMPLES = 100_000;

/** The mean of `values` with its percentile-bootstrap interval. */
export function bootstrapMean(values: readonly number[], settings: BootstrapSettings = DEFAULT_BOOTSTRAP): MeanInterval {
  if (!Number.isInteger(settings.resamples) || settings.resamples < 1 || settings.resamples > MAX_RESAMPLES) {
    throw new RangeError(`bootstrapMean: resamples must be a whole number from 1 to ${MAX_RESAMPLES}, not ${settings.resamples}`);
  }
  if (!(settings.level > 0 && settings.level < 1)) throw new RangeError(`bootstrapMean: level must lie strictly between 0 and 1, not ${settings.level}`);
  if (values.length === 0) return { count: 0, mean: null, low: null, high: null };
  const random = new RandomStream(settings.seed, 'bootstrap');
  const means = new Float64Array(settings.resamples);
  for (let resample = 0; resample < settings.resamples; resample++) {
    let total = 0;
    for (let draw = 0; draw < values.length; draw++) total += values[random.int(0, values.length - 1)]!;
    means[resample] = total / values.length;
  }
  means.sort();
  const tail = (1 - settings.level) / 2;
  return { count: values.length, mean: mean(values), low: means[nearestRankIndex(means.length, tail)]!, high: means[nearestRankIndex(means.length, 1 - tail)]! };
}

function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}
