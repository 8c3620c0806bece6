import type { NodeRules } from '../core/variants.js';

/** Grants its vote to every candidate of a term, not only the first: two leaders can win one term. */
export function doubleVote(): Partial<NodeRules> {
  return { canVoteFor: () => true };
}
