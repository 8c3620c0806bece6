import { describe, expect, it } from 'vitest';
import { appendSuccess, createTestNode, drain, electLeader, logOfTerms } from '../core/testing.js';
import { findKnownBug } from './catalog.js';

describe('commit-old-term', () => {
  it('commits by counting replicas an entry of an earlier term, which the reference node does not (Figure 8)', () => {
    // Term-2 entry at index 2 sits on the leader and node 2: a majority of three, yet not committable.
    const implementation = findKnownBug('commit-old-term')!.implementation;
    const node = createTestNode({ term: 3, log: logOfTerms([1, 2]), implementation });
    electLeader(node); // term 4, no-op at index 3
    drain(node);
    node.step(appendSuccess(2, 1, 4, 2));
    expect(drain(node).at(-1)!.commitIndex).toBe(2);
  });
});
