import type { NodeRules } from '../core/variants.js';

/**
 * Starts a new leadership with the matchIndex its previous leadership learned instead of 0 (Figure 2
 * reinitialises it after each election). Meanwhile another leader may have truncated that follower's
 * log, and this node's own: it counts the follower toward entries it does not hold, committing them
 * on a minority, and ignores the follower's refusals below the stale index, never repairing its log.
 */
export function matchIndexKeptAcrossTerms(): Partial<NodeRules> {
  return { matchIndexOnElection: (previousMatchIndex) => previousMatchIndex };
}
