/**
 * Parsing and checking of command-line values. Each parser throws a UsageError naming the flag and what
 * it expected; the CLI turns that into one line on stderr and exit code 2.
 */
import { findKnownBug, KNOWN_BUGS } from '../bugs/index.js';
import type { RaftImplementation } from '../core/index.js';
import { referenceImplementation } from '../core/index.js';
import { MAX_NODES } from '../sim/index.js';
import { printable, quoted } from '../sim/printable.js';

export class UsageError extends Error {}

/**
 * For a flag that takes one value (main.ts): a value starting with a minus ("-5s", "-3") is then read
 * as the flag's value and refused for what it is, not split by yargs into flags of its own; and the
 * flag given bare is refused at once.
 */
export const ONE_VALUE = { nargs: 1, requiresArg: true } as const;

const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/;
const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
/** The longest virtual time a flag takes, said in the units it is written in. */
export const MAX_DURATION_MS = 24 * 60 * 60 * 1000;
const MAX_DURATION_TEXT = '24h';

/**
 * "10s", "500ms", "2m", "1h", or a bare number of seconds, from 1 ms to 24 h. A value that starts with a
 * minus reaches here whole only when the flag takes one value (`nargs: 1` in main.ts) or is written
 * `--flag=-5s`; otherwise yargs reads it as flags of its own.
 */
export function parseDuration(flag: string, value: unknown): number {
  const text = String(value).trim();
  if (text.startsWith('-') && DURATION.test(text.slice(1))) throw new UsageError(`--${flag} must be a positive duration, got ${quoted(text)}`);
  const match = DURATION.exec(text);
  if (match === null) throw new UsageError(`--${flag} must be a duration such as 10s, 500ms, 2m or 1h, got ${quoted(text)}`);
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] ?? 's']!);
  if (ms <= 0) throw new UsageError(`--${flag} must be a positive duration of at least 1ms, got ${quoted(text)}`);
  if (ms > MAX_DURATION_MS) throw new UsageError(`--${flag} must be at most ${MAX_DURATION_TEXT} of virtual time, got ${quoted(text)}`);
  return ms;
}

/**
 * A whole number from `minimum` to `maximum`. Beyond 2^53 − 1 (Number.MAX_SAFE_INTEGER) a number has
 * no exact value: 9007199254740993 would be read as 9007199254740992, so such a seed is refused as
 * what it is rather than run as another.
 */
export function parseWholeNumber(flag: string, value: unknown, minimum: number, maximum = Number.MAX_SAFE_INTEGER): number {
  const text = String(value).trim();
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${flag} must be a whole number, got ${quoted(text)}`);
  const number = Number(text);
  if (maximum === Number.MAX_SAFE_INTEGER && number > 0 && !Number.isSafeInteger(number)) {
    throw new UsageError(`--${flag} ${printable(text)} is not a safe integer: it must be at most ${Number.MAX_SAFE_INTEGER}`);
  }
  if (!Number.isSafeInteger(number) || number < minimum || number > maximum) {
    const range = maximum === Number.MAX_SAFE_INTEGER ? `at least ${minimum}` : `from ${minimum} to ${maximum}`;
    throw new UsageError(`--${flag} must be a whole number ${range}, got ${printable(text)}`);
  }
  return number;
}

/** `count` seeds from `fromSeed` on; refused when the last would pass the largest safe integer. */
export function requireSeedsFit(fromSeed: number, count: number): void {
  const last = BigInt(fromSeed) + BigInt(count) - BigInt(1);
  if (last <= BigInt(Number.MAX_SAFE_INTEGER)) return;
  throw new UsageError(
    `--from ${fromSeed} with --seeds ${count} would run seeds up to ${last}, past ${Number.MAX_SAFE_INTEGER}, the largest safe integer: lower --from or --seeds`,
  );
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
    throw new UsageError(`--bug must name a known bug (${KNOWN_BUGS.map((entry) => entry.name).join(', ')}), got ${quoted(name)}`);
  }
  return { implementation: known.implementation, bug: known.name };
}

export function parseDiskFaults(value: unknown): 'none' | 'lost-fsync' | 'torn-write' {
  if (value === undefined) return 'none';
  const text = String(value);
  if (text !== 'none' && text !== 'lost-fsync' && text !== 'torn-write') throw new UsageError(`--disk-faults must be none, lost-fsync or torn-write, got ${quoted(text)}`);
  return text;
}

export function parseFaultMode(value: unknown): 'swarm' | 'none' {
  const text = String(value);
  if (text !== 'swarm' && text !== 'none') throw new UsageError(`--faults must be "swarm" or "none", got ${quoted(text)}`);
  return text;
}
