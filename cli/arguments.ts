/**
 * Parsing and checking of command-line values. Each parser throws a UsageError naming the flag and what
 * it expected; the CLI turns that into one line on stderr and exit code 2.
 */
import { findKnownBug, KNOWN_BUGS } from '../bugs/index.js';
import type { RaftImplementation } from '../core/index.js';
import { referenceImplementation } from '../core/index.js';
import { MAX_NODES } from '../sim/index.js';

export class UsageError extends Error {}

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m)?$/;
export const MAX_DURATION_MS = 24 * 60 * 60 * 1000;

/** "10s", "500ms", "2m", or a bare number of seconds. */
export function parseDuration(flag: string, value: unknown): number {
  const text = String(value).trim();
  if (text.startsWith('-') && DURATION.test(text.slice(1))) throw new UsageError(`--${flag} must be a positive duration, got "${text}"`);
  const match = DURATION.exec(text);
  if (match === null) throw new UsageError(`--${flag} must be a duration such as 10s, 500ms or 2m, got "${text}"`);
  const amount = Number(match[1]);
  const unit = match[2] ?? 's';
  const ms = Math.round(unit === 'ms' ? amount : unit === 's' ? amount * 1000 : amount * 60_000);
  if (ms <= 0) throw new UsageError(`--${flag} must be longer than 0, got "${text}"`);
  if (ms > MAX_DURATION_MS) throw new UsageError(`--${flag} must be at most 24h of virtual time, got "${text}"`);
  return ms;
}

export function parseWholeNumber(flag: string, value: unknown, minimum: number, maximum = Number.MAX_SAFE_INTEGER): number {
  const text = String(value).trim();
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${flag} must be a whole number, got "${text}"`);
  const number = Number(text);
  if (!Number.isSafeInteger(number) || number < minimum || number > maximum) {
    const range = maximum === Number.MAX_SAFE_INTEGER ? `at least ${minimum}` : `from ${minimum} to ${maximum}`;
    throw new UsageError(`--${flag} must be a whole number ${range}, got ${text}`);
  }
  return number;
}

/** --max-events: a whole number of events, at least 1; absent, null (the default for the run's length). */
export function parseMaxEvents(value: unknown): number | null {
  return value === undefined ? null : parseWholeNumber('max-events', value, 1);
}

export function parseNodeCount(value: unknown): number {
  return parseWholeNumber('nodes', value, 1, MAX_NODES);
}

export function parseSeed(flag: string, value: unknown): number {
  return parseWholeNumber(flag, value, 0);
}

export interface ImplementationChoice {
  readonly implementation: RaftImplementation;
  readonly bug: string | null;
}

export function chooseImplementation(bug: unknown): ImplementationChoice {
  if (bug === undefined || bug === null) return { implementation: referenceImplementation, bug: null };
  const name = String(bug);
  const known = findKnownBug(name);
  if (known === undefined) {
    throw new UsageError(`--bug must name a known bug (${KNOWN_BUGS.map((entry) => entry.name).join(', ')}), got "${name}"`);
  }
  return { implementation: known.implementation, bug: known.name };
}

export function parseDiskFaults(value: unknown): 'none' | 'lost-fsync' | 'torn-write' {
  if (value === undefined) return 'none';
  const text = String(value);
  if (text !== 'none' && text !== 'lost-fsync' && text !== 'torn-write') throw new UsageError(`--disk-faults must be none, lost-fsync or torn-write, got "${text}"`);
  return text;
}

export function parseFaultMode(value: unknown): 'swarm' | 'none' {
  const text = String(value);
  if (text !== 'swarm' && text !== 'none') throw new UsageError(`--faults must be "swarm" or "none", got "${text}"`);
  return text;
}
