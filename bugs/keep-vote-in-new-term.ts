import type { NodeRules } from '../core/variants.js';

/**
 * Keeps votedFor when it moves to a newer term, instead of clearing it (votedFor is the vote of the
 * current term, Figure 2). A node that stood in an old term goes on voting only for itself; once every
 * node has stood once, no candidate can gather a majority again.
 */
export function keepVoteInNewTerm(): Partial<NodeRules> {
  return { voteInNewTerm: (previousVote) => previousVote };
}
