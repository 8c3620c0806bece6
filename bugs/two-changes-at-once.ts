import type { NodeRules } from '../core/variants.js';

/**
 * Accepts a configuration change while an earlier one is still uncommitted, so two servers can be
 * added (or removed) at once with single-server changes. The old and new configurations then differ
 * by two members, and a majority of each can be disjoint: two leaders in one term (§4.2).
 */
export function twoChangesAtOnce(): Partial<NodeRules> {
  return { uncommittedConfigChange: () => null };
}
