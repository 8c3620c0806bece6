/**
 * The vocabulary of scenario files that fault kinds share: durations (numbers of milliseconds, or
 * strings such as `150ms`, `2s`, `1m`), rates, and nodes by number, by role or as sets. Each field is
 * a zod schema that validates and converts the written form; formatDuration writes a duration back.
 */
import { z } from 'zod';
import { MAX_NODES } from '../options.js';
import type { RememberedName } from './actions.js';
import { isRememberedName } from './actions.js';

const MAX_DURATION_MS = 24 * 60 * 60 * 1000;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** The limit in the units a duration is written in, as the command line says it too. */
const AT_MOST_A_DAY = 'at most 24h (86400000 ms)';

export const duration = z.union([
  z.number().nonnegative().max(MAX_DURATION_MS, AT_MOST_A_DAY),
  z
    .string()
    .regex(/^\d+(\.\d+)?(ms|s|m|h)$/, 'a duration such as 150ms, 2s, 1m or 1h')
    // To the microsecond, the simulator's unit, as formatDuration writes it: a playground action at 812.345ms stays there.
    .transform((text) => Math.round(Number.parseFloat(text) * UNIT_MS[/[a-z]+$/.exec(text)![0]]! * 1000) / 1000)
    .pipe(z.number().max(MAX_DURATION_MS, AT_MOST_A_DAY)),
]);
export const positiveDuration = duration.pipe(z.number().positive());
export const rate = z.number().min(0).max(1);
export const nodeNumber = z.number().int().min(1).max(MAX_NODES);
/** A name an earlier step's `as` gave (checked against the timeline by the scenario's schema). */
export const rememberedName = z
  .string()
  .refine(isRememberedName, 'a remembered name: lower-case letters, digits and dashes, and no role or set word')
  .transform((name) => name as RememberedName);
export const nodeRef = z.union([nodeNumber, z.enum(['leader', 'follower', 'any-node']), rememberedName]);
export const nodeSet = z.union([z.array(nodeRef).min(1), z.enum(['all', 'followers', 'leader-peers', 'rest', 'any-minority', 'any-majority', 'none'])]);
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
