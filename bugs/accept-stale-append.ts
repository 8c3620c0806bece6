import type { NodeRules } from '../core/variants.js';

/**
 * Accepts AppendEntries from a leader of an older term as if it came from the current one, instead of
 * refusing it (Figure 2, AppendEntries rule 1). A deposed leader's late requests then overwrite
 * entries the new leader has committed.
 */
export function acceptStaleAppend(): Partial<NodeRules> {
  return {
    received: (message, term) => (message.type === 'AppendEntriesRequest' && message.term < term ? { ...message, term } : message),
  };
}
