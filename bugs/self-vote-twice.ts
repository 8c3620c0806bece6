import type { NodeRules } from '../core/variants.js';

/**
 * Counts its own vote twice: once when it stands and again as if it had answered its own request (§5.2
 * counts each server once). In a cluster of three it wins without anyone's vote, so two nodes can lead
 * one term.
 */
export function selfVoteTwice(): Partial<NodeRules> {
  // A second vote for itself, under a number no peer has.
  return { phantomVotes: (candidate) => [-candidate] };
}
