/**
 * The key-value workload in a scenario file, under `workload:` beside the rates:
 *
 *   workload: { kind: kv, requestsPerSecond: 30, keys: 3, clients: 3, sessions: true, timeout: 400ms, retries: 3 }
 *
 * `kind: digest` (or no kind) is the digest commands, and takes none of the other fields.
 */
import { z } from 'zod';
import type { KvWorkloadOptions } from '../sim/index.js';
import { DEFAULT_KV_WORKLOAD, MAX_KV_CLIENTS, MAX_KV_KEYS } from '../sim/kv/kv-options.js';
import { formatDuration, positiveDuration } from '../sim/faults/document-fields.js';

export const kvWorkloadFields = {
  kind: z.enum(['digest', 'kv']).optional(),
  keys: z.number().int().min(1).max(MAX_KV_KEYS).optional(),
  clients: z.number().int().min(1).max(MAX_KV_CLIENTS).optional(),
  sessions: z.boolean().optional(),
  sessionLimit: z.number().int().min(1).max(1_000_000).optional(),
  timeout: positiveDuration.pipe(z.number().max(86_400_000)).optional(),
  retries: z.number().int().min(0).max(100).optional(),
};

type KvFields = { readonly [Field in keyof typeof kvWorkloadFields]?: z.output<(typeof kvWorkloadFields)[Field]> };

const KV_ONLY = ['keys', 'clients', 'sessions', 'sessionLimit', 'timeout', 'retries'] as const;

export function refuseKvFieldsWithoutKv(value: KvFields, context: z.RefinementCtx): void {
  if (value.kind === 'kv') return;
  const field = KV_ONLY.find((name) => value[name] !== undefined);
  if (field !== undefined) context.addIssue({ code: 'custom', path: [field], message: `${field} is a setting of the key-value workload: add kind: kv` });
}

export function workloadFromDocument<Rates extends { readonly requestsPerSecond: number; readonly readsPerSecond: number }>(
  value: Rates & KvFields,
): { readonly requestsPerSecond: number; readonly readsPerSecond: number; readonly kv?: KvWorkloadOptions } {
  const rates = { requestsPerSecond: value.requestsPerSecond, readsPerSecond: value.readsPerSecond };
  if (value.kind !== 'kv') return rates;
  const kv: KvWorkloadOptions = {
    keys: value.keys ?? DEFAULT_KV_WORKLOAD.keys,
    clients: value.clients ?? DEFAULT_KV_WORKLOAD.clients,
    sessions: value.sessions ?? DEFAULT_KV_WORKLOAD.sessions,
    sessionLimit: value.sessionLimit ?? DEFAULT_KV_WORKLOAD.sessionLimit,
    timeoutMs: value.timeout ?? DEFAULT_KV_WORKLOAD.timeoutMs,
    retries: value.retries ?? DEFAULT_KV_WORKLOAD.retries,
  };
  return { ...rates, kv };
}

export function kvWorkloadToDocument(kv: KvWorkloadOptions | undefined): Record<string, unknown> {
  if (kv === undefined) return {};
  return { kind: 'kv', keys: kv.keys, clients: kv.clients, sessions: kv.sessions, sessionLimit: kv.sessionLimit, timeout: formatDuration(kv.timeoutMs), retries: kv.retries };
}
