import type { Entry } from './types.js';

// Stryker disable next-line StringLiteral: NO_ENTRY only primes an array's storage and is taken out at once; no log ever holds it
const NO_ENTRY: Entry = Object.freeze({ term: 0, kind: 'noop', command: '' });
const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

/**
 * A node's in-memory Raft log. Indexes start at 1; index 0 is the empty prefix with term 0. After a
 * compaction (§7) the entries up to `snapshotIndex` are gone and only their last index and term are
 * known: termAt gives that term at snapshotIndex and undefined below it.
 * Entries are immutable and shared, never copied, so appending and slicing cost only the array work.
 */
export class RaftLog {
  private readonly entries: Entry[];
  private offset = 0;
  private offsetTerm = 0;
  /** The range and the array of the last slice handed out (see slice); slicedTo -1 for none. */
  private slicedFrom = 0;
  // Stryker disable next-line UnaryOperator: with slicedFrom 0, no range slice may be asked for (its `from` is past the snapshot, so at least 1) matches the first, whatever slicedTo is
  private slicedTo = -1;
  private sliced: readonly Entry[] = NO_ENTRIES;

  constructor(entries: readonly Entry[] = [], snapshotIndex = 0, snapshotTerm = 0) {
    // Copied into an array that has held an object. The V8 engine stores a fresh `[]` as an array of small
    // integers and changes that storage when the first object goes in, throwing away code it optimized
    // for the old storage; an array that has held an object keeps the storage for objects, so the first
    // entry of a fresh log changes nothing (this showed in the first runs of a process).
    // Stryker disable next-line ArrayDeclaration: the array's storage is all this changes; the entries held are the same
    const copy: Entry[] = [NO_ENTRY];
    copy.pop();
    for (const entry of entries) copy.push(entry);
    this.entries = copy;
    this.offset = snapshotIndex;
    this.offsetTerm = snapshotTerm;
  }

  /** The last index the log was compacted through; 0 when it never was. */
  get snapshotIndex(): number {
    return this.offset;
  }

  get snapshotTerm(): number {
    return this.offsetTerm;
  }

  /** The first index still held as an entry. */
  firstIndex(): number {
    return this.offset + 1;
  }

  lastIndex(): number {
    return this.offset + this.entries.length;
  }

  lastTerm(): number {
    const last = this.entries[this.entries.length - 1];
    return last === undefined ? this.offsetTerm : last.term;
  }

  /** The term of the entry at `index`: 0 for index 0, the snapshot's term at its index, undefined past the end or inside the snapshot. */
  termAt(index: number): number | undefined {
    if (index > this.offset) return this.entries[index - this.offset - 1]?.term;
    if (index === this.offset) return this.offsetTerm;
    return index === 0 ? 0 : undefined;
  }

  /**
   * Whether the entries after `index` can no longer be read from the log because the log was compacted
   * past `index` (the entry at the snapshot's own index still has a known term, so it is not).
   */
  isCompacted(index: number): boolean {
    return index < this.offset;
  }

  entryAt(index: number): Entry | undefined {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: an index at or below the offset reads the array at a negative position, which is undefined too; the test keeps the lookup off the array's slow path
    return index > this.offset ? this.entries[index - this.offset - 1] : undefined;
  }

  /**
   * Entries with indexes in [from, toInclusive]; `from` must be past the snapshot. The array is shared
   * and must not be changed: asked for the range it handed out last, the log hands out the same array
   * again while no entry in it can have changed (only a truncation or a compaction changes entries at
   * indexes the log holds). A leader asks for the same new entries for every follower and for its own
   * log write, and one array serves them all.
   */
  slice(from: number, toInclusive: number): readonly Entry[] {
    if (from === this.slicedFrom && toInclusive === this.slicedTo) return this.sliced;
    const start = from - this.offset;
    // Entries mostly travel one at a time; an array literal is cheaper than a call to Array.prototype.slice.
    const entries =
      // Stryker disable next-line ConditionalExpression: `false` only skips the fast path, whose one entry the general path gives too
      from === toInclusive &&
      // Stryker disable next-line ConditionalExpression,EqualityOperator: `from` is past the snapshot, so start ≥ 1 always holds; `start > 1` only sends the first entry down the general path, to the same result
      start >= 1 &&
      start <= this.entries.length
        ? [this.entries[start - 1]!]
        : this.entries.slice(start - 1, toInclusive - this.offset);
    this.slicedFrom = from;
    this.slicedTo = toInclusive;
    this.sliced = entries;
    return entries;
  }

  /** Forgets the last slice: entries at indexes it covered may change. */
  private forgetSlice(): void {
    this.slicedTo = -1;
    this.sliced = NO_ENTRIES;
  }

  append(entry: Entry): number {
    this.entries.push(entry);
    return this.lastIndex();
  }

  /** Removes the entry at `index` and every entry after it. */
  truncateFrom(index: number): void {
    if (index <= this.offset) throw new Error(`cannot truncate the log from index ${index}, inside the snapshot through ${this.offset}`);
    this.forgetSlice();
    this.entries.length = Math.min(this.entries.length, index - this.offset - 1);
  }

  /** Drops the entries through `index` (which the log holds), keeping their last index and term. */
  compactThrough(index: number): void {
    // Stryker disable next-line EqualityOperator: compacting through the snapshot index itself drops nothing and keeps its index and term; it only forgets the slice handed out last, which costs a copy, not a result
    if (index <= this.offset) return;
    const term = this.termAt(index);
    if (term === undefined) throw new Error(`cannot compact through index ${index}, past the last index ${this.lastIndex()}`);
    this.forgetSlice();
    this.entries.splice(0, index - this.offset);
    this.offset = index;
    this.offsetTerm = term;
  }

  /** Replaces the whole log by a snapshot's last index and term (§7: the snapshot supersedes it all). */
  resetToSnapshot(index: number, term: number): void {
    this.forgetSlice();
    this.entries.length = 0;
    this.offset = index;
    this.offsetTerm = term;
  }

  /**
   * The up-to-date rule of §5.4.1: a log whose last entry has the later term is more up to date;
   * with equal last terms the longer log is. A candidate's log must be at least as up to date.
   */
  isUpToDate(candidateLastIndex: number, candidateLastTerm: number): boolean {
    const ownTerm = this.lastTerm();
    if (candidateLastTerm > ownTerm) return true;
    if (candidateLastTerm < ownTerm) return false;
    return candidateLastIndex >= this.lastIndex();
  }

  /** The first index holding `term`, searching back from `index` (which holds that term), no further than the snapshot. */
  firstIndexOfTermEndingAt(index: number): number {
    const term = this.termAt(index);
    let first = index;
    // Stryker disable next-line EqualityOperator: `>=` only looks one index further back, inside the snapshot or at index 0, where no entry's term is known (undefined, or 0), so the search stops at the same index
    while (first > Math.max(1, this.offset) && this.termAt(first - 1) === term) first--;
    return first;
  }

  /** The last index holding `term`, or 0 when the log (snapshot included) has no entry of that term. */
  lastIndexOfTerm(term: number): number {
    for (let index = this.lastIndex(); index >= this.offset; index--) {
      const entryTerm = this.termAt(index)!;
      // Terms never decrease along a log, so once below `term` it cannot appear earlier.
      if (entryTerm <= term) return entryTerm === term ? index : 0;
    }
    return 0;
  }

  /** The entries after the snapshot, the first at index snapshotIndex + 1. */
  toArray(): readonly Entry[] {
    return this.entries;
  }
}
