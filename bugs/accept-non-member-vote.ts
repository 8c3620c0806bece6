import type { NodeRules } from '../core/variants.js';

/** Counts a vote from any server, and hears vote requests from any, members of its configuration or not. */
export function acceptNonMemberVote(): Partial<NodeRules> {
  return { countsVoteFrom: () => true, outsideConfiguration: () => false };
}
