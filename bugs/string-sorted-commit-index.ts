import type { LeaderView, NodeRules } from '../core/variants.js';

/**
 * Finds the index a majority holds by sorting the match indexes with JavaScript's default sort, which
 * compares them as strings: 10 sorts before 9. Up to index 9 it is right; from 10 on, with match
 * indexes [12, 10, 9], it takes 12, held by the leader alone, for the index a majority holds (§5.3).
 */
export function stringSortedCommitIndex(): Partial<NodeRules> {
  return { commitIndexAfterInput: commitByStringSort };
}

function commitByStringSort(leader: LeaderView): number {
  const matchIndexes = [leader.log.lastIndex(), ...leader.peers.map((peer) => leader.matchIndexOf(peer))];
  // The bug: no comparator, so the indexes are compared as strings.
  const descending = matchIndexes.sort().reverse();
  const index = descending[Math.floor(leader.members.length / 2)] ?? 0;
  return index > leader.commitIndex && leader.log.termAt(index) === leader.term ? index : leader.commitIndex;
}
