import type { Ready } from '../core/contract.js';
import type { NodeRules } from '../core/variants.js';

/**
 * Persists its hard state only when the term changes: a vote granted in the term the node had already
 * persisted is answered, but votedFor never reaches the disk (Figure 2: currentTerm and votedFor are
 * durable before any reply). A node that restarts after such a vote forgets it and can vote for a
 * second candidate of the same term.
 */
export function unpersistedSameTermVote(): Partial<NodeRules> {
  // The term of the last hard state handed out; until then, the term the node started with.
  let persistedTerm: number | null = null;
  return {
    received: (message, term) => {
      if (persistedTerm === null) persistedTerm = term;
      return message;
    },
    handOut: (ready) => {
      if (ready.hardState === null) return ready;
      if (ready.hardState.term === persistedTerm && grantsVote(ready)) return { ...ready, hardState: null };
      persistedTerm = ready.hardState.term;
      return ready;
    },
  };
}

function grantsVote(ready: Ready): boolean {
  return ready.messages.some((message) => message.type === 'RequestVoteResponse' && message.voteGranted && message.preVote !== true);
}
