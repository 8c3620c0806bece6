import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { majority, quorumMatchIndex } from './quorum.js';

describe('quorum arithmetic', () => {
  it('makes a majority of more than half the members', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(majority)).toEqual([1, 2, 2, 3, 3, 4, 4]);
  });

  it('finds the highest index a majority holds, whatever order the members are listed in', () => {
    expect(quorumMatchIndex([5, 1, 3])).toBe(3);
    expect(quorumMatchIndex([1, 5, 3, 4])).toBe(3);
    expect(quorumMatchIndex([7])).toBe(7);
    expect(quorumMatchIndex([9, 2, 2, 9, 9], 4)).toBe(2);
  });

  it('gives what sorting the indexes in descending order gives at position quorum - 1', () => {
    const bySorting = (indexes: readonly number[], quorum: number) => indexes.slice().sort((a, b) => b - a)[quorum - 1];
    fc.assert(
      fc.property(fc.array(fc.nat(6), { maxLength: 9 }), fc.integer({ min: -1, max: 10 }), (indexes, quorum) => {
        const sorted = bySorting(indexes, quorum);
        if (sorted === undefined) expect(() => quorumMatchIndex(indexes, quorum)).toThrow('quorumMatchIndex needs at least one member');
        else expect(quorumMatchIndex(indexes, quorum)).toBe(sorted);
      }),
    );
  });

  it('refuses to count a quorum of no members', () => {
    expect(() => quorumMatchIndex([])).toThrow('quorumMatchIndex needs at least one member');
  });
});
