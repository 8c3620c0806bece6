/**
 * Ranges of durations as a scenario file writes them: `[low, high]` with low ≤ high, each a duration
 * in the written form that fault kinds share (sim/faults/document-fields.ts).
 */
import { z } from 'zod';
import { duration, positiveDuration } from '../sim/faults/document-fields.js';

/** A range of durations above 0 (an election timeout). */
export const range = z.tuple([positiveDuration, positiveDuration]).refine(([low, high]) => low <= high, 'a range [low, high] with low ≤ high');

/** A range of durations from 0 (a latency, which may be none). */
export const rangeFromZero = z.tuple([duration, duration]).refine(([low, high]) => low <= high, 'a range [low, high] with low ≤ high');

/** A virtual time or span for a sentence: whole milliseconds below a second, seconds to the ms above. */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(3)}s` : `${Math.round(ms)}ms`;
}
