/**
 * The liveness phase's question: once faults have stopped, has the cluster converged? That is, one
 * leader, and the same log, fully committed, on every node. What has not converged is named.
 */
import type { ObservedCluster } from '../sim/index.js';
import { currentLeader } from './observations.js';

/**
 * Null when converged; otherwise one sentence saying what has not converged. Only the members of the
 * leader's configuration count: spare servers never added, and removed ones, hold no share of the log.
 */
export function checkConvergence(cluster: ObservedCluster, withinMs: number): string | null {
  // After settling, every link is up, so every member counts toward the leader's majority.
  const leaderId = currentLeader(cluster);
  if (leaderId === null) {
    const ids = cluster.nodes.filter((node) => node.up && !node.paused && !node.retired).map((node) => node.id);
    return `no leader among ${ids.join(',')} after ${withinMs} ms`;
  }
  const leader = cluster.node(leaderId);
  const members = cluster.configurationOf(leader);
  const up = cluster.nodes.filter((node) => node.up && !node.paused && members.includes(node.id));
  for (const node of up) {
    if (node.id === leaderId) continue;
    const shared = Math.min(node.lastIndex(), leader.lastIndex());
    if (node.prefixHashes.get(shared) !== leader.prefixHashes.get(shared)) {
      let index = 1;
      while (index < shared && node.prefixHashes.get(index) === leader.prefixHashes.get(index)) index++;
      return `logs of ${Math.min(node.id, leaderId)} and ${Math.max(node.id, leaderId)} differ at index ${index} after ${withinMs} ms`;
    }
    if (node.lastIndex() !== leader.lastIndex()) {
      return `node ${node.id} holds ${node.lastIndex()} entries and leader ${leaderId} holds ${leader.lastIndex()} after ${withinMs} ms`;
    }
  }
  for (const node of up) {
    if (node.commitIndex !== leader.lastIndex()) {
      return `node ${node.id} has committed ${node.commitIndex} of ${leader.lastIndex()} entries after ${withinMs} ms`;
    }
  }
  return null;
}
