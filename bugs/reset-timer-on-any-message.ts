import type { NodeRules } from '../core/variants.js';

/**
 * Restarts its election timer on every message it receives, rather than only on AppendEntries from
 * the current leader or on granting a vote (Figure 2, rules for followers). Refused vote requests and
 * messages from stale leaders hold it back from standing, so elections come late or not at all.
 */
export function resetTimerOnAnyMessage(): Partial<NodeRules> {
  return { restartsElectionTimerAfter: () => true };
}
