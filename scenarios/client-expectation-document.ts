/**
 * The written form of the client-saw expectation:
 *
 *   - client-saw: { f: get, key: k1, value: 7, outcome: ok, between: [2s, 5s], at-least: 1 }
 *   - client-saw: { f: get, key: k1, value: null, outcome: ok, at-most: 0 }, after: written
 *
 * Every field but the counts is optional and narrows what matches; `at-least` defaults to 1 unless
 * `at-most` is given alone, which then bounds the count from above only (`at-most: 0`: never seen).
 * A value is text, as the history records it; a number is read as its digits; null is an absent key.
 */
import { z } from 'zod';
import { KV_FUNCTIONS } from '../sim/kv/operations.js';
import { duration, formatDuration, stripUndefined } from '../sim/faults/document-fields.js';
import type { ClientSawPattern } from './client-expectation.js';

const MAX_COUNT = 1_000_000;

export const clientSawSchema = z
  .object({
    f: z.enum(KV_FUNCTIONS as [string, ...string[]], { error: `a key-value function: ${KV_FUNCTIONS.join(', ')}` }).optional(),
    key: z.string().min(1).max(200).optional(),
    value: z.union([z.string().max(10_000), z.number().finite(), z.null()]).optional(),
    outcome: z.enum(['ok', 'fail', 'indeterminate']).optional(),
    between: z.tuple([duration, duration]).optional(),
    'at-least': z.number().int().min(0).max(MAX_COUNT).optional(),
    'at-most': z.number().int().min(0).max(MAX_COUNT).optional(),
  })
  .strict()
  .refine((value) => value['at-least'] === undefined || value['at-most'] === undefined || value['at-least'] <= value['at-most'], {
    message: 'at-least is more than at-most',
  })
  .refine((value) => value['at-least'] !== 0 || value['at-most'] !== undefined, { message: 'at-least: 0 without at-most always holds' });

type ClientSawDocument = z.output<typeof clientSawSchema>;

export function clientSawFromDocument(entry: ClientSawDocument): ClientSawPattern {
  const atLeast = entry['at-least'] ?? (entry['at-most'] === undefined ? 1 : 0);
  return stripUndefined({
    f: entry.f,
    key: entry.key,
    value: entry.value === undefined || entry.value === null ? entry.value : String(entry.value),
    outcome: entry.outcome,
    fromMs: entry.between?.[0],
    toMs: entry.between?.[1],
    atLeast,
    atMost: entry['at-most'],
  }) as ClientSawPattern;
}

export function clientSawToDocument(pattern: ClientSawPattern): Record<string, unknown> {
  const between = pattern.fromMs === undefined || pattern.toMs === undefined ? undefined : [formatDuration(pattern.fromMs), formatDuration(pattern.toMs)];
  return stripUndefined({
    f: pattern.f,
    key: pattern.key,
    value: pattern.value,
    outcome: pattern.outcome,
    between,
    'at-least': pattern.atMost !== undefined && pattern.atLeast === 0 ? undefined : pattern.atLeast,
    'at-most': pattern.atMost,
  });
}
