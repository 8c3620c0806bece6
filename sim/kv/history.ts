/**
 * A history of client operations as Jepsen, Knossos and Porcupine record one: each operation's
 * invocation, and its completion, `ok` (it happened, with what it returned), `fail` (it did not happen)
 * or `info` (indeterminate: it may have happened or not, at any time after its invocation). Events are
 * numbered in the order they happened (`index`), which orders events of the same virtual instant too.
 * docs/history-format.md describes the files.
 */
import type { KvFunction } from './operations.js';

export type CompletionType = 'ok' | 'fail' | 'info';

export interface Completion {
  readonly type: CompletionType;
  readonly index: number;
  readonly timeUs: number;
  /** What a get returned (null: the key was absent); null for the other functions. */
  readonly value: string | null;
}

export interface HistoryOperation {
  /** Operations are numbered from 0 in the order of their invocations. */
  readonly id: number;
  readonly process: number;
  readonly f: KvFunction;
  readonly key: string;
  /** The value put or appended; null for get and cas. */
  readonly value: string | null;
  /** Compare-and-set: the value expected (null: absent) and the value written. */
  readonly from: string | null;
  readonly to: string | null;
  readonly invokeIndex: number;
  readonly invokeUs: number;
  /** Null while the operation is in flight; one still in flight when the history ends is indeterminate. */
  completion: Completion | null;
}

/** One line of a history file: an invocation or a completion. */
export interface HistoryEvent {
  readonly index: number;
  readonly type: 'invoke' | CompletionType;
  readonly process: number;
  readonly f: KvFunction;
  readonly key: string;
  /** put/append: the value; get: null at invocation, the value read at completion; cas: [from, to]. */
  readonly value: string | null | readonly [string | null, string];
  readonly timeUs: number;
}

/** Records a run's operations as they are invoked and completed. */
export class HistoryRecorder {
  readonly operations: HistoryOperation[] = [];
  private nextIndex = 0;

  invoke(process: number, request: { f: KvFunction; key: string; value: string | null; from?: string | null; to?: string }, timeUs: number): HistoryOperation {
    const operation: HistoryOperation = {
      id: this.operations.length,
      process,
      f: request.f,
      key: request.key,
      value: request.value,
      from: request.f === 'cas' ? (request.from ?? null) : null,
      to: request.f === 'cas' ? (request.to ?? null) : null,
      invokeIndex: this.nextIndex++,
      invokeUs: timeUs,
      completion: null,
    };
    this.operations.push(operation);
    return operation;
  }

  complete(operation: HistoryOperation, type: CompletionType, value: string | null, timeUs: number): void {
    if (operation.completion !== null) throw new Error(`operation ${operation.id} completed twice`);
    operation.completion = { type, index: this.nextIndex++, timeUs, value: operation.f === 'get' && type === 'ok' ? value : null };
  }
}

/** The operations as a list of events in the order they happened. */
export function historyEvents(operations: readonly HistoryOperation[]): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  for (const operation of operations) {
    const argument = operation.f === 'cas' ? ([operation.from, operation.to ?? ''] as const) : operation.value;
    const base = { process: operation.process, f: operation.f, key: operation.key };
    events.push({ index: operation.invokeIndex, type: 'invoke', ...base, value: argument, timeUs: operation.invokeUs });
    const completion = operation.completion;
    if (completion === null) continue;
    const value = operation.f === 'get' ? completion.value : argument;
    events.push({ index: completion.index, type: completion.type, ...base, value, timeUs: completion.timeUs });
  }
  return events.sort((a, b) => a.index - b.index);
}

/** Why a list of events is no history: the event at `position` (0-based) and what is wrong with it. */
export interface HistoryProblem {
  readonly position: number;
  readonly problem: string;
}

/**
 * Pairs each invocation with the next completion of the same process, as Jepsen does. A process has at
 * most one operation in flight; one left in flight at the end is indeterminate.
 */
export function operationsFromEvents(events: readonly HistoryEvent[]): { ok: true; operations: HistoryOperation[] } | { ok: false; error: HistoryProblem } {
  const operations: HistoryOperation[] = [];
  const inFlight = new Map<number, HistoryOperation>();
  for (let position = 0; position < events.length; position++) {
    const event = events[position]!;
    const open = inFlight.get(event.process);
    if (event.type === 'invoke') {
      if (open !== undefined) return { ok: false, error: { position, problem: `process ${event.process} invokes an operation while operation ${describe(open)} is in flight` } };
      const cas = event.f === 'cas' ? casArgument(event.value) : null;
      if (event.f === 'cas' && cas === null) return { ok: false, error: { position, problem: 'a cas needs a value [from, to]' } };
      if ((event.f === 'put' || event.f === 'append') && typeof event.value !== 'string') return { ok: false, error: { position, problem: `a ${event.f} needs a value` } };
      const operation: HistoryOperation = {
        id: operations.length,
        process: event.process,
        f: event.f,
        key: event.key,
        value: event.f === 'put' || event.f === 'append' ? (event.value as string) : null,
        from: cas?.[0] ?? null,
        to: cas?.[1] ?? null,
        invokeIndex: position,
        invokeUs: event.timeUs,
        completion: null,
      };
      operations.push(operation);
      inFlight.set(event.process, operation);
      continue;
    }
    if (open === undefined) return { ok: false, error: { position, problem: `process ${event.process} completes an operation it never invoked` } };
    if (open.f !== event.f || open.key !== event.key) return { ok: false, error: { position, problem: `process ${event.process} completes ${event.f} ${event.key}, but invoked ${describe(open)}` } };
    const value = open.f === 'get' && event.type === 'ok' ? (typeof event.value === 'string' ? event.value : null) : null;
    open.completion = { type: event.type, index: position, timeUs: event.timeUs, value };
    inFlight.delete(event.process);
  }
  return { ok: true, operations };
}

function casArgument(value: HistoryEvent['value']): readonly [string | null, string] | null {
  if (!Array.isArray(value) || value.length !== 2) return null;
  const [from, to] = value as readonly unknown[];
  if ((from !== null && typeof from !== 'string') || typeof to !== 'string') return null;
  return [from, to];
}

export function describe(operation: HistoryOperation): string {
  const argument = operation.f === 'cas' ? ` ${operation.from ?? 'nil'}→${operation.to}` : operation.value === null ? '' : ` ${operation.value}`;
  return `${operation.f} ${operation.key}${argument}`;
}
