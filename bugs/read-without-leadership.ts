import type { NodeRules } from '../core/variants.js';

/**
 * Answers a read from its own commit index as soon as it believes it leads, without a heartbeat round
 * to confirm that no newer leader exists (dissertation §6.4). A leader cut off from the majority keeps
 * answering with a state that misses what the new leader commits: stale reads.
 */
export function readWithoutLeadership(): Partial<NodeRules> {
  return { mayReadWithoutRound: () => true };
}
