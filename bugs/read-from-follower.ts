import type { NodeRules } from '../core/variants.js';

/**
 * A follower answers a read at once from its own state, at its own commit index (dissertation §6.4
 * has only the leader answer, after confirming it still leads). A follower learns of commits a heartbeat
 * late, and one cut off from its leader never does: a client that wrote through the leader and then
 * reads at a follower does not see its own write.
 */
export function readFromFollower(): Partial<NodeRules> {
  return { readAsFollower: (commitIndex) => commitIndex };
}
