/**
 * The nearest-rank percentile, as every figure raftsim reports takes it: the smallest sample with at
 * least `fraction` of the samples at or below it. No interpolation, so a percentile is always a value
 * that was measured.
 */

/** The index, in `count` samples sorted ascending, of the nearest-rank percentile at `fraction` (0 to 1). */
export function nearestRankIndex(count: number, fraction: number): number {
  return Math.min(count - 1, Math.max(0, Math.ceil(fraction * count) - 1));
}
