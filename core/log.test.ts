import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RaftLog } from './log.js';
import type { LogEditor } from './rules.js';
import { REFERENCE_RULES } from './rules.js';
import { logOfTerms } from './testing.js';
import type { Entry } from './types.js';

describe('RaftLog.slice', () => {
  const commands = (entries: readonly Entry[]) => entries.map((entry) => entry.command);
  const entry = (term: number, command: string): Entry => ({ term, kind: 'command', command });

  it('hands out the same array for the range it handed out last, and a fresh one for another range', () => {
    const log = new RaftLog(logOfTerms([1, 1, 2]));
    const first = log.slice(2, 3);
    expect(log.slice(2, 3)).toBe(first);
    expect(commands(log.slice(3, 3))).toEqual(['x3@2']);
    expect(commands(log.slice(2, 3))).toEqual(['x2@1', 'x3@2']);
  });

  it('keeps handing out the last range after an append, which changes no entry in it', () => {
    const log = new RaftLog(logOfTerms([1, 1]));
    const first = log.slice(1, 2);
    log.append(entry(2, 'z'));
    expect(log.slice(1, 2)).toBe(first);
    expect(commands(log.slice(3, 3))).toEqual(['z']);
  });

  it('gives the new entries of a range after a truncation rewrote it', () => {
    const log = new RaftLog(logOfTerms([1, 1, 1]));
    expect(commands(log.slice(2, 3))).toEqual(['x2@1', 'x3@1']);
    log.truncateFrom(2);
    log.append(entry(2, 'a'));
    log.append(entry(2, 'b'));
    expect(commands(log.slice(2, 3))).toEqual(['a', 'b']);
  });

  it('gives the new first entry after a truncation rewrote it, not the range it handed out before', () => {
    const log = new RaftLog(logOfTerms([1]));
    expect(commands(log.slice(1, 1))).toEqual(['x1@1']);
    log.truncateFrom(1);
    log.append(entry(2, 'a'));
    expect(commands(log.slice(1, 1))).toEqual(['a']);
  });

  it('gives the entries by their own index after a compaction or a snapshot replaced the log', () => {
    const log = new RaftLog(logOfTerms([1, 1, 1, 2]));
    expect(commands(log.slice(4, 4))).toEqual(['x4@2']);
    log.compactThrough(2);
    expect(commands(log.slice(4, 4))).toEqual(['x4@2']);
    log.resetToSnapshot(4, 2);
    log.append(entry(3, 'after'));
    expect(commands(log.slice(5, 5))).toEqual(['after']);
    log.resetToSnapshot(3, 2);
    log.append(entry(3, 'other'));
    log.append(entry(3, 'again'));
    expect(commands(log.slice(5, 5))).toEqual(['again']);
  });

  it('ends a range after a compaction at the index asked for, not at the end of the log', () => {
    const log = new RaftLog(logOfTerms([1, 1, 1, 2, 2, 3]));
    log.compactThrough(2);
    expect(commands(log.slice(3, 4))).toEqual(['x3@1', 'x4@2']);
    expect(commands(log.slice(4, 5))).toEqual(['x4@2', 'x5@2']);
  });
});

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

/**
 * A follower's log and an AppendEntries that passed its consistency check. The follower holds the
 * leader's first `shared` entries, then a tail written by a leader of other terms (odd terms where
 * the leader's are even, so no stale entry ever matches one of the leader's by index and term, as Log
 * Matching guarantees). It may have compacted part of the shared prefix; the request starts at or
 * after the compaction and at or before the end of the shared prefix, and carries `count` entries.
 */
interface AppendCase {
  readonly leaderLog: readonly Entry[];
  readonly followerLog: readonly Entry[];
  readonly shared: number;
  readonly compactedThrough: number;
  readonly prevLogIndex: number;
  readonly count: number;
}

const nonDecreasingTerms = (first: number, maxLength: number) =>
  fc.array(fc.integer({ min: 0, max: 2 }), { maxLength }).map((steps) => {
    let term = first;
    return steps.map((step) => (term += 2 * step));
  });

const appendCases: fc.Arbitrary<AppendCase> = nonDecreasingTerms(2, 12).chain((leaderTerms) =>
  fc.integer({ min: 0, max: leaderTerms.length }).chain((shared) => {
    const firstStaleTerm = (shared === 0 ? 0 : leaderTerms[shared - 1]!) + 1;
    return fc
      .record({
        staleTerms: nonDecreasingTerms(firstStaleTerm, 8),
        compactedThrough: fc.integer({ min: 0, max: shared }),
        prevFraction: fc.double({ min: 0, max: 1, noNaN: true }),
        countFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      })
      .map(({ staleTerms, compactedThrough, prevFraction, countFraction }) => {
        const leaderLog = logOfTerms(leaderTerms, 'leader');
        const prevLogIndex = compactedThrough + Math.floor(prevFraction * (shared - compactedThrough + 0.999));
        const count = Math.floor(countFraction * (leaderLog.length - prevLogIndex + 0.999));
        const stale = logOfTerms([...leaderTerms.slice(0, shared), ...staleTerms], 'stale').slice(shared);
        return { leaderLog, followerLog: [...leaderLog.slice(0, shared), ...stale], shared, compactedThrough, prevLogIndex, count };
      });
  }),
);

/** The follower's log after the reference rule stored the request's entries in it. */
function afterStoring(appendCase: AppendCase): RaftLog {
  const log = new RaftLog(appendCase.followerLog);
  log.compactThrough(appendCase.compactedThrough);
  const editor: LogEditor = { log, truncateFrom: (index) => log.truncateFrom(index), append: (entry) => log.append(entry) };
  const entries = appendCase.leaderLog.slice(appendCase.prevLogIndex, appendCase.prevLogIndex + appendCase.count);
  REFERENCE_RULES.storeEntries(editor, appendCase.prevLogIndex, entries);
  return log;
}

describe('storing a leader’s entries in a log (Figure 2, AppendEntries rules 3 and 4)', () => {
  it('after a conflict the log is exactly its prefix before the request and the new entries: nothing of the old tail remains', () => {
    fc.assert(
      fc.property(appendCases, (appendCase) => {
        const { leaderLog, followerLog, shared, compactedThrough, prevLogIndex, count } = appendCase;
        const log = afterStoring(appendCase);
        const lastNew = prevLogIndex + count;
        const expectedPrefix = [...followerLog.slice(0, prevLogIndex), ...leaderLog.slice(prevLogIndex, lastNew)];
        for (let index = compactedThrough + 1; index <= lastNew; index++) expect(log.entryAt(index), `index ${index}`).toBe(expectedPrefix[index - 1]);
        const conflicts = followerLog.length > shared && lastNew > shared;
        if (conflicts) {
          // Rule 3: the conflicting entry and everything after it go, however long the old tail was.
          expect(log.lastIndex(), 'the last index after a conflicting request').toBe(lastNew);
          expect(log.toArray().filter((entry) => entry.command.startsWith('stale')), 'stale entries left').toEqual([]);
        } else {
          // Rule 4: entries that match are kept, and so is whatever follows them.
          expect(log.lastIndex()).toBe(Math.max(followerLog.length, lastNew));
          for (let index = lastNew + 1; index <= log.lastIndex(); index++) expect(log.entryAt(index), `index ${index}`).toBe(followerLog[index - 1]);
        }
      }),
      { seed: 7, numRuns: 500 },
    );
  });

  it('cuts a stale tail longer than the request that conflicts with it', () => {
    const appendCase: AppendCase = {
      leaderLog: logOfTerms([2, 2, 4, 4], 'leader'),
      followerLog: [...logOfTerms([2, 2], 'leader'), ...logOfTerms([2, 2, 3, 3, 3, 3], 'stale').slice(2)],
      shared: 2,
      compactedThrough: 1,
      prevLogIndex: 2,
      count: 1,
    };
    const log = afterStoring(appendCase);
    expect(log.toArray().map((entry) => entry.command)).toEqual(['leader2@2', 'leader3@4']);
  });
});

describe('RaftLog at its boundaries', () => {
  const commands = (entries: readonly Entry[]) => entries.map((entry) => entry.command);

  it('gives a single entry by its index, the first and the last included, and nothing for an index past the last', () => {
    const log = new RaftLog(logOfTerms([1, 1, 2]));
    expect([1, 2, 3].map((index) => commands(log.slice(index, index)))).toEqual([['x1@1'], ['x2@1'], ['x3@2']]);
    expect(log.slice(4, 4)).toEqual([]);
    log.compactThrough(2);
    expect(commands(log.slice(3, 3))).toEqual(['x3@2']);
    expect(log.slice(4, 4)).toEqual([]);
  });

  it('compacts only forward: compacting through an index it compacted already changes nothing', () => {
    const log = new RaftLog(logOfTerms([1, 1, 2, 2]));
    log.compactThrough(3);
    log.compactThrough(1);
    log.compactThrough(3);
    expect([log.snapshotIndex, log.snapshotTerm, log.firstIndex(), log.lastIndex()]).toEqual([3, 2, 4, 4]);
    expect(log.entryAt(4)!.command).toBe('x4@2');
  });

  it('refuses to compact through an index it does not hold, naming it and the last index', () => {
    const log = new RaftLog(logOfTerms([1, 1, 2]));
    expect(() => log.compactThrough(5)).toThrow('cannot compact through index 5, past the last index 3');
    expect(log.snapshotIndex).toBe(0);
  });

  it('finds the last index of a term at the snapshot’s own index when no entry after it has that term (§5.3 conflict hint)', () => {
    const log = new RaftLog(logOfTerms([1, 2, 2, 3, 3]));
    log.compactThrough(3);
    expect(log.lastIndexOfTerm(2)).toBe(3);
    expect(log.lastIndexOfTerm(3)).toBe(5);
    expect(log.lastIndexOfTerm(4)).toBe(0);
    expect(log.lastIndexOfTerm(1)).toBe(0);
  });

  it('finds the first index of a term back to the snapshot’s own index, no further', () => {
    const log = new RaftLog(logOfTerms([2, 2, 2, 2, 3]));
    expect(log.firstIndexOfTermEndingAt(4)).toBe(1);
    log.compactThrough(2);
    expect(log.firstIndexOfTermEndingAt(4)).toBe(2);
    expect(log.firstIndexOfTermEndingAt(5)).toBe(5);
    log.compactThrough(3);
    expect(log.firstIndexOfTermEndingAt(4)).toBe(3);
    // An index inside the snapshot holds no known term: the search stays where it is rather than go on into the snapshot.
    expect(log.firstIndexOfTermEndingAt(2)).toBe(2);
  });

  it('reads no entry at index 0 or inside the snapshot, and knows only the snapshot’s term there', () => {
    const log = new RaftLog(logOfTerms([1, 2, 3]));
    expect(log.entryAt(0)).toBeUndefined();
    log.compactThrough(2);
    expect([log.entryAt(1), log.entryAt(2), log.entryAt(4)]).toEqual([undefined, undefined, undefined]);
    expect([log.termAt(0), log.termAt(1), log.termAt(2), log.termAt(3), log.termAt(4)]).toEqual([0, undefined, 2, 3, undefined]);
  });

  it('judges up to date by the last term first, then by length (§5.4.1)', () => {
    const log = new RaftLog(logOfTerms([1, 2, 2]));
    expect(log.isUpToDate(1, 3)).toBe(true);
    expect(log.isUpToDate(9, 1)).toBe(false);
    expect(log.isUpToDate(3, 2)).toBe(true);
    expect(log.isUpToDate(2, 2)).toBe(false);
  });
});
