import type { NodeRules } from '../core/variants.js';

/**
 * Never commits by counting replicas: the leader stores and replicates every entry, followers
 * acknowledge them, but no majority ever moves its commit index (§5.3). Nothing is applied and no
 * client write completes, while the cluster looks healthy: a leader, heartbeats, full logs.
 */
export function leaderNeverCommits(): Partial<NodeRules> {
  return { mayCommitByCounting: () => false };
}
