import type { NodeRules } from '../core/variants.js';

/**
 * Takes a vote response of an earlier term for one of its current election (§5.1 discards a response
 * whose term is older). A vote granted to this candidate's previous election counts toward the new
 * one, though its sender may since have voted for another candidate of the new term: two leaders of
 * one term.
 */
export function staleVoteRepliesCounted(): Partial<NodeRules> {
  return {
    received: (message, term) => (message.type === 'RequestVoteResponse' && message.preVote !== true && message.term < term ? { ...message, term } : message),
  };
}
