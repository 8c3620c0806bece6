import { describe, expect, it } from 'vitest';
import { RaftLog } from './log.js';
import { logOfTerms } from './testing.js';

describe('RaftLog after compaction', () => {
  it('keeps the last index and term of the compacted prefix and reads entries by their own index', () => {
    const log = new RaftLog(logOfTerms([1, 1, 2, 2, 3]));
    log.compactThrough(3);
    expect(log.snapshotIndex).toBe(3);
    expect(log.snapshotTerm).toBe(2);
    expect(log.firstIndex()).toBe(4);
    expect(log.lastIndex()).toBe(5);
    expect(log.termAt(3)).toBe(2);
    expect(log.termAt(2)).toBeUndefined();
    expect(log.termAt(0)).toBe(0);
    expect(log.entryAt(4)!.command).toBe('x4@2');
    expect(log.slice(4, 5).map((entry) => entry.command)).toEqual(['x4@2', 'x5@3']);
    expect(log.append({ term: 3, kind: 'command', command: 'y' })).toBe(6);
  });

  it('counts every index before the snapshot as compacted, index 0 included, and the snapshot index as not', () => {
    const log = new RaftLog(logOfTerms([1, 1, 1]));
    log.compactThrough(2);
    expect(log.isCompacted(0)).toBe(true);
    expect(log.isCompacted(1)).toBe(true);
    expect(log.isCompacted(2)).toBe(false);
    expect(new RaftLog(logOfTerms([1])).isCompacted(0)).toBe(false);
  });

  it('refuses to truncate into the snapshot, and searches terms no further back than it', () => {
    const log = new RaftLog(logOfTerms([1, 2, 2, 2, 3]));
    log.compactThrough(2);
    expect(() => log.truncateFrom(2)).toThrow(/inside the snapshot/);
    expect(log.firstIndexOfTermEndingAt(4)).toBe(2);
    expect(log.lastIndexOfTerm(2)).toBe(4);
    expect(log.lastIndexOfTerm(1)).toBe(0);
    log.truncateFrom(3);
    expect(log.lastIndex()).toBe(2);
    expect(log.lastTerm()).toBe(2);
  });

  it('is replaced whole by a snapshot, and starts from one when restored', () => {
    const log = new RaftLog(logOfTerms([1, 1, 2]));
    log.resetToSnapshot(7, 4);
    expect(log.lastIndex()).toBe(7);
    expect(log.lastTerm()).toBe(4);
    expect(log.isUpToDate(7, 4)).toBe(true);
    expect(log.isUpToDate(8, 3)).toBe(false);
    const restored = new RaftLog(logOfTerms([5, 5]), 7, 4);
    expect(restored.lastIndex()).toBe(9);
    expect(restored.termAt(8)).toBe(5);
    expect(restored.termAt(7)).toBe(4);
  });
});
