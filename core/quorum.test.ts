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

  it('refuses to count a quorum of no members', () => {
    expect(() => quorumMatchIndex([])).toThrow('quorumMatchIndex needs at least one member');
  });
});
