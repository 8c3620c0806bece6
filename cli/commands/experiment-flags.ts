/**
 * What the experiments' commands (election-timing, split-votes) read alike: times in ms, ranges of
 * them, a node tick, a word from a closed set, and the provenance every output carries.
 */
import { RAFTSIM_VERSION } from '../../formats/index.js';
import type { ExperimentProvenance } from '../../reports/index.js';
import type { TimeoutRange } from '../../scenarios/index.js';
import { quoted } from '../../sim/printable.js';
import { MAX_DURATION_MS, UsageError } from '../arguments.js';
import { commandAsTyped } from '../replay-command.js';

const MILLISECONDS = /^(\d+(?:\.\d+)?)(?:ms)?$/;

function parseMs(flag: string, text: string, whole: string): number {
  const match = MILLISECONDS.exec(text.trim());
  if (match === null) throw new UsageError(`--${flag} ${quoted(whole)}: ${quoted(text)} is not a time in ms such as 150 or 150ms`);
  const ms = Number(match[1]);
  if (ms > MAX_DURATION_MS) throw new UsageError(`--${flag} ${quoted(whole)}: ${quoted(text)} is more than 24h (${MAX_DURATION_MS} ms)`);
  return ms;
}

/** The finest tick: the simulator keeps time in microseconds. */
const FINEST_TICK_MS = 0.001;

/** A node tick in ms, from 0.001 (the simulator's resolution) up. */
export function parseTick(value: unknown): number {
  const text = String(value);
  const ms = parseMs('tick', text, text);
  if (ms < FINEST_TICK_MS || Math.round(ms * 1000) / 1000 !== ms) throw new UsageError(`--tick ${quoted(text)}: a tick must be a whole number of microseconds, at least ${FINEST_TICK_MS} ms`);
  return ms;
}

/** One of a closed set of words. */
export function parseChoice<T extends string>(flag: string, value: unknown, choices: readonly T[]): T {
  const text = String(value);
  const choice = choices.find((candidate) => candidate === text);
  if (choice === undefined) throw new UsageError(`--${flag} ${quoted(text)}: must be one of ${choices.join(', ')}`);
  return choice;
}

/** What makes an experiment's output again: the command as typed, the raftsim version and the root seed. */
export function experimentProvenance(seed: number): ExperimentProvenance {
  return { command: commandAsTyped(), version: RAFTSIM_VERSION, seed };
}

/** "150-300" or "150ms-300ms"; a single time is a range with no randomness. A latency may be 0, a timeout may not. */
export function parseRange(flag: string, text: string, lowest: 'above 0' | 'from 0' = 'above 0'): TimeoutRange {
  const parts = text.trim().split('-');
  if (parts.length > 2 || parts[0] === '') throw new UsageError(`--${flag}: ${quoted(text)} is not a range low-high in ms such as 150-300`);
  const minMs = parseMs(flag, parts[0]!, text);
  const maxMs = parts.length === 2 ? parseMs(flag, parts[1]!, text) : minMs;
  if ((lowest === 'above 0' && minMs <= 0) || maxMs < minMs) {
    throw new UsageError(`--${flag}: ${quoted(text)} must be a range low-high with ${lowest === 'above 0' ? '0 < low' : '0 ≤ low'} ≤ high`);
  }
  return { minMs, maxMs };
}
