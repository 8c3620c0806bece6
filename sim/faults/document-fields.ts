/**
 * The vocabulary of scenario files that fault kinds share: durations (numbers of milliseconds, or
 * strings such as `150ms`, `2s`, `1m`), rates, and nodes by number, by role or as sets. Each field is
 * a zod schema that validates and converts the written form; formatDuration writes a duration back.
 */
import { z } from 'zod';
import { MAX_NODES } from '../options.js';

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
export const rate = z.number().min(0).max(1);
export const nodeNumber = z.number().int().min(1).max(MAX_NODES);
export const nodeRef = z.union([nodeNumber, z.enum(['leader', 'follower'])]);
export const nodeSet = z.union([z.array(nodeRef).min(1), z.enum(['all', 'followers', 'rest', 'any-minority', 'any-majority', 'none'])]);
export const nodeRefOrSet = z.union([nodeRef, nodeSet]);

export function formatDuration(ms: number): string {
  if (ms !== 0 && ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms !== 0 && ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

/** The object without its undefined fields, so that a written form holds only what was given. */
export function stripUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as T;
}
