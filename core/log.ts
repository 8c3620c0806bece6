import type { Entry } from './types.js';

const NO_ENTRY: Entry = Object.freeze({ term: 0, kind: 'noop', command: '' });

/**
 * A node's in-memory Raft log. Indexes start at 1; index 0 is the empty prefix with term 0.
 * Entries are immutable and shared, never copied, so appending and slicing cost only the array work.
 */
export class RaftLog {
  private readonly entries: Entry[];

  constructor(entries: readonly Entry[] = []) {
    // Copied into an array that has held an object. The V8 engine stores a fresh `[]` as an array of small
    // integers and changes that storage when the first object goes in, throwing away code it optimized
    // for the old storage; an array that has held an object keeps the storage for objects, so the first
    // entry of a fresh log changes nothing (this showed in the first runs of a process).
    const copy: Entry[] = [NO_ENTRY];
    copy.pop();
    for (const entry of entries) copy.push(entry);
    this.entries = copy;
  }

  lastIndex(): number {
    return this.entries.length;
  }

  lastTerm(): number {
    const last = this.entries[this.entries.length - 1];
    return last === undefined ? 0 : last.term;
  }

  /** The term of the entry at `index`, 0 for index 0, undefined past the end. */
  termAt(index: number): number | undefined {
    if (index === 0) return 0;
    return this.entries[index - 1]?.term;
  }

  entryAt(index: number): Entry | undefined {
    return this.entries[index - 1];
  }

  /** Entries with indexes in [from, toInclusive]. */
  slice(from: number, toInclusive: number): Entry[] {
    // Entries mostly travel one at a time; an array literal is cheaper than a call to Array.prototype.slice.
    if (from === toInclusive && from >= 1 && from <= this.entries.length) return [this.entries[from - 1]!];
    return this.entries.slice(from - 1, toInclusive);
  }

  append(entry: Entry): number {
    this.entries.push(entry);
    return this.entries.length;
  }

  /** Removes the entry at `index` and every entry after it. */
  truncateFrom(index: number): void {
    if (index < 1) throw new Error(`cannot truncate the log from index ${index}`);
    this.entries.length = Math.min(this.entries.length, index - 1);
  }

  /**
   * The up-to-date rule of §5.4.1: a log whose last entry has the later term is more up to date;
   * with equal last terms the longer log is. A candidate's log must be at least as up to date.
   */
  isUpToDate(candidateLastIndex: number, candidateLastTerm: number): boolean {
    const ownTerm = this.lastTerm();
    if (candidateLastTerm !== ownTerm) return candidateLastTerm > ownTerm;
    return candidateLastIndex >= this.lastIndex();
  }

  /** The first index holding `term`, searching back from `index` (which holds that term). */
  firstIndexOfTermEndingAt(index: number): number {
    const term = this.termAt(index);
    let first = index;
    while (first > 1 && this.termAt(first - 1) === term) first--;
    return first;
  }

  /** The last index holding `term`, or 0 when the log has no entry of that term. */
  lastIndexOfTerm(term: number): number {
    for (let index = this.entries.length; index >= 1; index--) {
      const entryTerm = this.entries[index - 1]!.term;
      if (entryTerm === term) return index;
      // Terms never decrease along a log, so once below `term` it cannot appear earlier.
      if (entryTerm < term) return 0;
    }
    return 0;
  }

  toArray(): readonly Entry[] {
    return this.entries;
  }
}
