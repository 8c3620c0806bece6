/**
 * The expectation about what clients saw (`client-saw`): how many operations of the key-value workload's
 * history match a pattern (function, key, value, outcome) and ended inside a window. It states what an
 * application observes, not what the servers did: "some client read 7 from k1", or, with `at-most: 0`,
 * "no client read an empty k1 after the write was acknowledged". The linearizability check judges the
 * history as a whole; this expectation pins one observation a scenario sets out to show.
 */
import type { HistoryOperation } from '../sim/kv/history.js';
import type { KvFunction } from '../sim/kv/operations.js';
import { formatMs } from './durations.js';

/** How an operation ended for its client: indeterminate when it gave up or the run ended first. */
export type ClientOutcome = 'ok' | 'fail' | 'indeterminate';

export interface ClientSawPattern {
  readonly f?: KvFunction;
  readonly key?: string;
  /**
   * A get's value read (null: the key was absent), a put's or append's value written, a
   * compare-and-set's value to write. Absent: any value.
   */
  readonly value?: string | null;
  readonly outcome?: ClientOutcome;
  /** The window, in ms of virtual time, in which the client saw the outcome; absent: the whole run. */
  readonly fromMs?: number;
  readonly toMs?: number;
  readonly atLeast: number;
  readonly atMost?: number;
}

/** How the operation ended for its client. */
export function clientOutcome(operation: HistoryOperation): ClientOutcome {
  const completion = operation.completion;
  if (completion === null || completion.type === 'info') return 'indeterminate';
  return completion.type;
}

/** When the client saw the outcome: its completion, or the run's end for one still in flight. */
function seenAtMs(operation: HistoryOperation, endMs: number): number {
  return operation.completion === null ? endMs : operation.completion.timeUs / 1000;
}

function valueMatches(operation: HistoryOperation, value: string | null): boolean {
  // A get that did not succeed read nothing, so no value (not even an absent key's) was seen.
  if (operation.f === 'get' && clientOutcome(operation) !== 'ok') return false;
  return valueOf(operation) === value;
}

/** The value the pattern's `value` is compared with, by function. */
function valueOf(operation: HistoryOperation): string | null {
  switch (operation.f) {
    case 'get':
      return operation.completion?.type === 'ok' ? operation.completion.value : null;
    case 'cas':
      return operation.to;
    default:
      return operation.value;
  }
}

export function matchesPattern(operation: HistoryOperation, pattern: ClientSawPattern, endMs: number, baseMs: number): boolean {
  if (pattern.f !== undefined && operation.f !== pattern.f) return false;
  if (pattern.key !== undefined && operation.key !== pattern.key) return false;
  if (pattern.outcome !== undefined && clientOutcome(operation) !== pattern.outcome) return false;
  if (pattern.value !== undefined && !valueMatches(operation, pattern.value)) return false;
  const atMs = seenAtMs(operation, endMs);
  const fromMs = baseMs + (pattern.fromMs ?? 0);
  const toMs = pattern.toMs === undefined ? Number.POSITIVE_INFINITY : baseMs + pattern.toMs;
  return atMs >= fromMs && atMs <= toMs;
}

export interface ClientSawJudgement {
  readonly passed: boolean;
  readonly detail: string;
}

/** The pattern judged on a history; null history: the run had no key-value clients. */
export function judgeClientSaw(pattern: ClientSawPattern, history: readonly HistoryOperation[] | null | undefined, endMs: number, baseMs: number): ClientSawJudgement {
  if (history === null || history === undefined) return { passed: false, detail: 'the run had no key-value clients (give the scenario workload: { kind: kv })' };
  const matching = history.filter((operation) => matchesPattern(operation, pattern, endMs, baseMs));
  const count = matching.length;
  const tooFew = count < pattern.atLeast;
  const tooMany = pattern.atMost !== undefined && count > pattern.atMost;
  const seen = `${count} matching operation${count === 1 ? '' : 's'} of ${history.length}`;
  const first = matching[0];
  const example = first === undefined ? '' : `, the first: process ${first.process} ${describeOperation(first)} at ${formatMs(seenAtMs(first, endMs))}`;
  if (tooFew) return { passed: false, detail: `${seen}, fewer than ${pattern.atLeast}` };
  if (tooMany) return { passed: false, detail: `${seen}, more than ${pattern.atMost}${example}` };
  return { passed: true, detail: `${seen}${example}` };
}

function describeOperation(operation: HistoryOperation): string {
  const outcome = clientOutcome(operation);
  switch (operation.f) {
    case 'get':
      return `get ${operation.key}${outcome === 'ok' ? ` → ${operation.completion!.value ?? 'nil'}` : ''} ${outcome}`;
    case 'cas':
      return `cas ${operation.key} ${operation.from ?? 'nil'}→${operation.to} ${outcome}`;
    default:
      return `${operation.f} ${operation.key} ${operation.value} ${outcome}`;
  }
}

export function describeClientSaw(pattern: ClientSawPattern): string {
  const what = [pattern.f ?? 'an operation', pattern.key === undefined ? null : `on ${pattern.key}`];
  if (pattern.value !== undefined) what.push(pattern.f === 'get' ? `reading ${pattern.value ?? 'nil'}` : `of value ${pattern.value ?? 'nil'}`);
  if (pattern.outcome !== undefined) what.push(`ending ${pattern.outcome}`);
  const window =
    pattern.fromMs === undefined && pattern.toMs === undefined
      ? ''
      : ` between ${formatMs(pattern.fromMs ?? 0)} and ${pattern.toMs === undefined ? 'the end' : formatMs(pattern.toMs)}`;
  const times = pattern.atMost === undefined ? `at least ${pattern.atLeast}` : pattern.atLeast === 0 ? `at most ${pattern.atMost}` : `${pattern.atLeast} to ${pattern.atMost}`;
  return `clients saw ${what.filter((part) => part !== null).join(' ')} ${times} time${pattern.atMost === 1 || (pattern.atMost === undefined && pattern.atLeast === 1) ? '' : 's'}${window}`;
}
