import type { NodeRules } from '../core/variants.js';

/**
 * Computes a majority from the node's peers rather than from the cluster's members: ⌊(n−1)/2⌋ + 1
 * instead of ⌊n/2⌋ + 1 (§5.2, §5.3). The two agree for clusters of odd size, so the bug hides at three
 * and five nodes; with two, four or six, a candidate wins and a leader commits one server short of a
 * majority, and two disjoint halves can each elect a leader of one term.
 */
export function majorityOfPeers(): Partial<NodeRules> {
  return { quorumSize: (_memberCount, peerCount) => Math.floor(peerCount / 2) + 1 };
}
