/**
 * --workload: the client workload of every run, `digest` (the digest commands, the default) or `kv`
 * (the key-value clients, whose history is checked for linearizability). A known bug that only clients
 * see brings its workload along (bugs/catalog.ts), unless the flag says otherwise. --sessions on|off
 * switches the key-value clients' sessions (dissertation §6.3), on by default.
 */
import { findKnownBug } from '../bugs/index.js';
import type { WorkloadChoice } from '../scenarios/index.js';
import { quoted } from '../sim/printable.js';
import { UsageError } from './arguments.js';

export interface WorkloadFlag {
  /** The workload imposed on the runs; null: each scenario's own. */
  readonly choice: WorkloadChoice | null;
  /** The flag as a replay line repeats it. */
  readonly flags: readonly string[];
}

export function parseWorkloadFlag(value: unknown, bug: string | null, sessions: unknown = undefined): WorkloadFlag {
  const workload = parseWorkload(value, bug);
  if (sessions === undefined || sessions === null) return workload;
  const text = String(sessions);
  if (text !== 'on' && text !== 'off') throw new UsageError(`--sessions must be on or off, got ${quoted(text)}`);
  if (workload.choice?.kind !== 'kv') throw new UsageError('--sessions is a setting of the key-value clients: add --workload kv');
  // The flag is repeated even when a bug's workload brought the clients, so that the replay line says what ran.
  const flags = workload.flags.length === 0 ? ['--workload kv'] : workload.flags;
  return { choice: { ...workload.choice, sessions: text === 'on' }, flags: [...flags, `--sessions ${text}`] };
}

function parseWorkload(value: unknown, bug: string | null): WorkloadFlag {
  const bugWorkload = bug === null ? undefined : findKnownBug(bug)?.workload;
  if (value === undefined || value === null) return { choice: bugWorkload ?? null, flags: [] };
  const text = String(value);
  if (text === 'digest') return { choice: { kind: 'digest' }, flags: ['--workload digest'] };
  if (text === 'kv') return { choice: bugWorkload ?? { kind: 'kv' }, flags: ['--workload kv'] };
  throw new UsageError(`--workload must be digest or kv, got ${quoted(text)}`);
}
