/**
 * Linearizability of a history of key-value operations (Herlihy and Wing, 1990), checked the way Wing and
 * Gong search and Lowe speeds it up ("Testing for linearizability", 2017), as Porcupine does: the history
 * is split per key (linearizability is local, so a history is linearizable when each key's is); for a
 * key, the search walks the invocations and completions in the order they happened, linearizes an
 * operation whose invocation it reaches if the key's specification allows it, and backtracks at a
 * completion whose operation is not linearized yet. It remembers each (set of linearized operations,
 * state) it has been in, and never explores one twice. The search is bounded: past `bound` steps on
 * one key it stops and says so, never passing a history it did not finish checking.
 */
import type { HistoryOperation } from './history.js';
import { constrains, stepRegister, withoutUnseenIndeterminateWrites } from './register-model.js';

export const DEFAULT_SEARCH_BOUND = 1_000_000;

export type KeyVerdict = 'linearizable' | 'not-linearizable' | 'unknown';

interface SearchEntry {
  readonly call: boolean;
  readonly slot: number;
  readonly operation: HistoryOperation;
  match: SearchEntry | null;
  previous: SearchEntry | null;
  next: SearchEntry | null;
}

/** The operations grouped by key, keys in order of their first operation. */
export function partitionByKey(operations: readonly HistoryOperation[]): Map<string, HistoryOperation[]> {
  const byKey = new Map<string, HistoryOperation[]>();
  for (const operation of operations) {
    const list = byKey.get(operation.key);
    if (list === undefined) byKey.set(operation.key, [operation]);
    else list.push(operation);
  }
  return byKey;
}

/** Whether one key's operations are linearizable, searching at most `bound` steps. */
export function checkKey(operations: readonly HistoryOperation[], bound: number = DEFAULT_SEARCH_BOUND): { verdict: KeyVerdict; steps: number } {
  const relevant = withoutUnseenIndeterminateWrites(operations.filter(constrains));
  const head = buildEntries(relevant);
  const linearized = new Uint32Array(Math.ceil(relevant.length / 32) + 1);
  const seen = new Set<string>();
  const calls: { entry: SearchEntry; state: string | null }[] = [];
  let state: string | null = null;
  let entry = head.next;
  let steps = 0;
  while (head.next !== null) {
    if (++steps > bound) return { verdict: 'unknown', steps };
    if (entry!.call) {
      const next = stepRegister(state, entry!.operation);
      if (next !== undefined) {
        flip(linearized, entry!.slot);
        const key = `${linearized.join(',')}|${next === null ? '\u0000' : next}`;
        if (!seen.has(key)) {
          seen.add(key);
          calls.push({ entry: entry!, state });
          state = next;
          lift(entry!);
          entry = head.next;
          continue;
        }
        flip(linearized, entry!.slot);
      }
      entry = entry!.next;
    } else {
      const top = calls.pop();
      if (top === undefined) return { verdict: 'not-linearizable', steps };
      state = top.state;
      flip(linearized, top.entry.slot);
      unlift(top.entry);
      entry = top.entry.next;
    }
  }
  return { verdict: 'linearizable', steps };
}

/** The calls and returns in the order they happened; an operation never completed returns after everything. */
function buildEntries(operations: readonly HistoryOperation[]): SearchEntry {
  const entries: { at: number; tie: number; entry: SearchEntry }[] = [];
  operations.forEach((operation, slot) => {
    const call: SearchEntry = { call: true, slot, operation, match: null, previous: null, next: null };
    const completion = operation.completion;
    const determinate = completion !== null && completion.type === 'ok';
    const ret: SearchEntry = { call: false, slot, operation, match: call, previous: null, next: null };
    call.match = ret;
    entries.push({ at: operation.invokeIndex, tie: slot, entry: call });
    entries.push({ at: determinate ? completion.index : Number.POSITIVE_INFINITY, tie: slot, entry: ret });
  });
  entries.sort((a, b) => a.at - b.at || a.tie - b.tie);
  const head: SearchEntry = { call: false, slot: -1, operation: null as unknown as HistoryOperation, match: null, previous: null, next: null };
  let last = head;
  for (const { entry } of entries) {
    last.next = entry;
    entry.previous = last;
    last = entry;
  }
  return head;
}

function flip(bits: Uint32Array, slot: number): void {
  bits[slot >>> 5]! ^= 1 << (slot & 31);
}

/** Takes a call and its return out of the list. */
function lift(call: SearchEntry): void {
  call.previous!.next = call.next;
  if (call.next !== null) call.next.previous = call.previous;
  const ret = call.match!;
  ret.previous!.next = ret.next;
  if (ret.next !== null) ret.next.previous = ret.previous;
}

/** Puts them back, in reverse order of lift. */
function unlift(call: SearchEntry): void {
  const ret = call.match!;
  ret.previous!.next = ret;
  if (ret.next !== null) ret.next.previous = ret;
  call.previous!.next = call;
  if (call.next !== null) call.next.previous = call;
}
