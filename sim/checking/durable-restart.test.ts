import { describe, expect, it } from 'vitest';
import type { Entry } from '../../core/types.js';
import { durableDifference } from './durable-restart.js';
import { ObservedNode } from './observed-cluster.js';

const entry = (term: number, command: string): Entry => ({ term, kind: 'command', command });

function durableNode(): ObservedNode {
  const node = new ObservedNode(3);
  node.term = 2;
  node.votedFor = 1;
  node.writeLog(1, [entry(1, 'a'), entry(2, 'b')]);
  return node;
}

describe('a restart reads back exactly what the node had made durable', () => {
  it('accepts the same term, vote and log', () => {
    expect(durableDifference(durableNode(), { hardState: { term: 2, votedFor: 1 }, log: [entry(1, 'a'), entry(2, 'b')] })).toBeNull();
    expect(durableDifference(new ObservedNode(1), null)).toBeNull();
  });

  it('reports a write that was still in flight at the crash and came back anyway', () => {
    expect(durableDifference(durableNode(), { hardState: { term: 2, votedFor: 1 }, log: [entry(1, 'a'), entry(2, 'b'), entry(2, 'c')] })).toBe(
      '3 entries where it had made 2 durable',
    );
    expect(durableDifference(durableNode(), { hardState: { term: 3, votedFor: null }, log: [entry(1, 'a'), entry(2, 'b')] })).toBe(
      'term 3, votedFor none where it had made durable term 2, votedFor 1',
    );
  });

  it('reports a completed write that was lost, or an entry that changed', () => {
    expect(durableDifference(durableNode(), { hardState: { term: 2, votedFor: 1 }, log: [entry(1, 'a')] })).toBe('1 entries where it had made 2 durable');
    expect(durableDifference(durableNode(), { hardState: { term: 2, votedFor: 1 }, log: [entry(1, 'a'), entry(1, 'x')] })).toBe(
      'an entry at index 2 of term 1 where it had made durable one of term 2',
    );
  });

  it('compares the entries after a snapshot', () => {
    const snapshot = { lastIndex: 1, lastTerm: 1, members: [1, 2, 3], data: '' };
    expect(durableDifference(durableNode(), { hardState: { term: 2, votedFor: 1 }, snapshot, log: [entry(2, 'b')] })).toBeNull();
  });
});
