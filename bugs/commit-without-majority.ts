import type { LeaderView, NodeRules } from '../core/variants.js';

/**
 * Takes half of the cluster for a majority (⌊n/2⌋ instead of ⌊n/2⌋ + 1) when counting replicas for
 * a commit (§5.3). In a cluster of three the leader alone commits; in a cluster of five, two nodes do:
 * an entry can be committed on a minority that the next leader does not include.
 */
export function commitWithoutMajority(): Partial<NodeRules> {
  return { commitIndexAfterInput: commitOnHalf };
}

function commitOnHalf(leader: LeaderView): number {
  const half = Math.floor(leader.members.length / 2);
  for (let index = leader.log.lastIndex(); index > leader.commitIndex; index--) {
    if (leader.log.termAt(index) !== leader.term) break;
    let holders = 1;
    for (const peer of leader.peers) if (leader.matchIndexOf(peer) >= index) holders++;
    if (holders >= half) return index;
  }
  return leader.commitIndex;
}
