import type { NodeRules } from '../core/variants.js';

/**
 * Commits any entry a majority holds, of whatever term: the mistake the paper's Figure 8 shows. An
 * entry of an earlier term can sit on a majority and still be overwritten by a later leader.
 */
export function commitOldTerm(): Partial<NodeRules> {
  return { mayCommitByCounting: () => true };
}
