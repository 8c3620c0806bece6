/**
 * The paired differences of a differential run: per seed, a measure of variant b minus the same measure
 * of variant a on the same fault schedule, and over the seeds the mean difference with its bootstrap
 * interval. Pairing by seed takes the luck of the schedule out of the comparison.
 */
import type { BootstrapSettings, MeanInterval } from './bootstrap.js';
import { bootstrapMean, DEFAULT_BOOTSTRAP } from './bootstrap.js';
import type { DifferentialSeed } from './differential.js';
import type { SeedMeasureDefinition } from './seed-measures.js';
import { meanOrNull, seedMeasuresNamed } from './seed-measures.js';

/** A measure of one run, as every seed measure (seed-measures.ts) is. */
export type DifferentialMeasure = SeedMeasureDefinition;

/** What a differential run compares, in its tables' order. */
export const DIFFERENTIAL_MEASURES: readonly DifferentialMeasure[] = seedMeasuresNamed(['availabilityPercent', 'unavailableMs', 'commitLatencyMs', 'elections', 'leaderChanges', 'messagesSent']);

export interface MeasureDifference {
  readonly measure: string;
  /** Means over the seeds where both runs have the measure. */
  readonly meanA: number | null;
  readonly meanB: number | null;
  /** The mean of b − a over those seeds, with its bootstrap interval. */
  readonly difference: MeanInterval;
}

/** One row per measure: the means of a and b and the mean paired difference b − a with its interval. */
export function pairedDifferences(seeds: readonly DifferentialSeed[], bootstrap: BootstrapSettings = DEFAULT_BOOTSTRAP): MeasureDifference[] {
  return DIFFERENTIAL_MEASURES.map((measure) => {
    const pairs = seedPairs(seeds, measure);
    return {
      measure: measure.name,
      meanA: meanOrNull(pairs.map(([a]) => a)),
      meanB: meanOrNull(pairs.map(([, b]) => b)),
      difference: bootstrapMean(
        pairs.map(([a, b]) => b - a),
        bootstrap,
      ),
    };
  });
}

/** One measure of one seed's two runs; null where a run has none. */
export interface SeedMeasure {
  readonly measure: string;
  readonly a: number | null;
  readonly b: number | null;
  /** b − a; null unless both runs have the measure. */
  readonly difference: number | null;
}

/** Every measure of one seed's two runs, in the order of DIFFERENTIAL_MEASURES. */
export function seedMeasures(seed: DifferentialSeed): SeedMeasure[] {
  return DIFFERENTIAL_MEASURES.map((measure) => {
    const a = measure.of(seed.a);
    const b = measure.of(seed.b);
    return { measure: measure.name, a, b, difference: a === null || b === null ? null : b - a };
  });
}

/** The seeds on which both runs have the measure, as [a, b]. */
export function seedPairs(seeds: readonly DifferentialSeed[], measure: DifferentialMeasure): [number, number][] {
  const pairs: [number, number][] = [];
  for (const seed of seeds) {
    const a = measure.of(seed.a);
    const b = measure.of(seed.b);
    if (a !== null && b !== null) pairs.push([a, b]);
  }
  return pairs;
}
