import type { NodeRules } from '../core/variants.js';

/**
 * Persists its hard state only when the term changes: a vote granted in the term the node already
 * holds is answered, but votedFor never reaches the disk (Figure 2: currentTerm and votedFor are
 * durable before any reply). A node that restarts after such a vote forgets it and can vote for a
 * second candidate of the same term.
 */
export function unpersistedSameTermVote(): Partial<NodeRules> {
  let termBeforeStep: number | null = null;
  return {
    received: (message, term) => {
      termBeforeStep = term;
      return message;
    },
    handOut: (ready) => {
      const sameTerm = ready.hardState !== null && ready.hardState.term === termBeforeStep;
      termBeforeStep = null;
      return sameTerm ? { ...ready, hardState: null } : ready;
    },
  };
}
