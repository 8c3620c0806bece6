import type { NodeRules } from '../core/variants.js';

/**
 * Counts every vote response of its term toward winning, refusals included (§5.2 counts only granted
 * votes). A candidate that hears back from a majority wins whatever they answered, so a candidate
 * whose log is missing committed entries, refused by every up-to-date voter, still leads.
 */
export function countingRejectedVotes(): Partial<NodeRules> {
  return { countsVote: () => true };
}
