import type { NodeRules } from '../core/variants.js';

/**
 * Drops a response that carries a higher term instead of adopting the term and stepping down (§5.1
 * applies to responses as much as to requests). A deposed leader goes on leading its old term, taking
 * commands that can never commit and sending messages of a term the cluster has left.
 */
export function ignoreHigherTermResponse(): Partial<NodeRules> {
  return {
    received: (message, term) => {
      const response = message.type === 'AppendEntriesResponse' || (message.type === 'RequestVoteResponse' && message.preVote !== true);
      return response && message.term > term ? null : message;
    },
  };
}
