/**
 * Durations as a scenario file writes them: a number of milliseconds, or a string such as `150ms`,
 * `2s`, `1m`; at most a day of virtual time. Ranges are `[low, high]` with low ≤ high.
 */
import { z } from 'zod';

const MAX_DURATION_MS = 24 * 60 * 60 * 1000;

export const duration = z.union([
  z.number().nonnegative().max(MAX_DURATION_MS),
  z
    .string()
    .regex(/^\d+(\.\d+)?(ms|s|m)$/, 'a duration such as 150ms, 2s or 1m')
    .transform((text) => {
      const amount = Number.parseFloat(text);
      return Math.round(text.endsWith('ms') ? amount : text.endsWith('m') ? amount * 60_000 : amount * 1000);
    })
    .pipe(z.number().max(MAX_DURATION_MS)),
]);
export const positiveDuration = duration.pipe(z.number().positive());

/** A range of durations above 0 (an election timeout). */
export const range = z.tuple([positiveDuration, positiveDuration]).refine(([low, high]) => low <= high, 'a range [low, high] with low ≤ high');

/** A range of durations from 0 (a latency, which may be none). */
export const rangeFromZero = z.tuple([duration, duration]).refine(([low, high]) => low <= high, 'a range [low, high] with low ≤ high');

export function formatDuration(ms: number): string {
  if (ms !== 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms !== 0 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}
