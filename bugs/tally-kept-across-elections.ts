import type { NodeRules } from '../core/variants.js';

/**
 * Keeps the votes of its previous election when it stands again (§5.2: each election counts its own
 * votes). A voter that granted the vote in term 2 may grant another candidate in term 3; counted again
 * here, it makes two majorities of term 3, and two leaders.
 */
export function tallyKeptAcrossElections(): Partial<NodeRules> {
  return { votesKeptForNewElection: (previousVotes) => [...previousVotes] };
}
