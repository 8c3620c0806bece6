/**
 * Where two runs part: the first record at which two traces differ, read in order. Runs that share a
 * seed and a fault schedule but not an implementation or its options record the same events until the
 * difference first shows (a timer that fires, a message one side sends and the other does not).
 */
import type { TraceRecord } from './trace.js';

export interface TraceDivergence {
  /** The event number (the records' index) at which the traces first differ. */
  readonly index: number;
  /** Each side's record there; null on the side whose trace ended first. */
  readonly a: TraceRecord | null;
  readonly b: TraceRecord | null;
}

/** The first record at which `a` and `b` differ, or null when they are the same records. */
export function firstDivergence(a: readonly TraceRecord[], b: readonly TraceRecord[]): TraceDivergence | null {
  const shared = Math.min(a.length, b.length);
  for (let index = 0; index < shared; index++) {
    if (!sameRecord(a[index]!, b[index]!)) return { index, a: a[index]!, b: b[index]! };
  }
  if (a.length === b.length) return null;
  return { index: shared, a: a[shared] ?? null, b: b[shared] ?? null };
}

function sameRecord(a: TraceRecord, b: TraceRecord): boolean {
  if (a.kind !== b.kind || a.timeUs !== b.timeUs || a.node !== b.node || a.peer !== b.peer || a.a !== b.a || a.b !== b.b) return false;
  if (a.detail === b.detail) return true;
  // Details are plain data (messages, entries, faults): equal when they serialise alike.
  return JSON.stringify(a.detail) === JSON.stringify(b.detail);
}
