/** The key-value workload's settings (see kv-clients.ts), with their defaults and their bounds. */

export interface KvWorkloadOptions {
  /** Operations go to keys k1 … kN. Few keys make operations meet on the same key, where anomalies show. */
  readonly keys: number;
  /** Clients, each with one operation in flight at a time. */
  readonly clients: number;
  /** Client sessions (dissertation §6.3): the state machine applies each client command once. */
  readonly sessions: boolean;
  /** Sessions the state machine keeps; beyond it, the least recently used expires. */
  readonly sessionLimit: number;
  /** A client that has no answer this long after sending tries again, at another server. */
  readonly timeoutMs: number;
  /** Times an operation is tried again before the client gives up on it. */
  readonly retries: number;
}

export const DEFAULT_KV_WORKLOAD: KvWorkloadOptions = {
  keys: 3,
  clients: 3,
  sessions: true,
  sessionLimit: 64,
  timeoutMs: 400,
  retries: 3,
};

export const MAX_KV_KEYS = 1000;
export const MAX_KV_CLIENTS = 100;

export function kvWorkloadProblem(kv: KvWorkloadOptions): string | null {
  const whole = (name: string, value: number, min: number, max: number) =>
    Number.isSafeInteger(value) && value >= min && value <= max ? null : `workload.kv.${name} must be a whole number from ${min} to ${max}, got ${value}`;
  return (
    whole('keys', kv.keys, 1, MAX_KV_KEYS) ??
    whole('clients', kv.clients, 1, MAX_KV_CLIENTS) ??
    (typeof kv.sessions === 'boolean' ? null : `workload.kv.sessions must be true or false, got ${String(kv.sessions)}`) ??
    whole('sessionLimit', kv.sessionLimit, 1, 1_000_000) ??
    (Number.isFinite(kv.timeoutMs) && kv.timeoutMs > 0 && kv.timeoutMs <= 86_400_000 ? null : `workload.kv.timeoutMs must be above 0 and at most a day, got ${kv.timeoutMs}`) ??
    whole('retries', kv.retries, 0, 100)
  );
}
