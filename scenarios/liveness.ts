/**
 * The liveness phase's question: once faults have stopped, has the cluster converged? That is, one
 * leader, and the same log, fully committed, on every node. What has not converged is named.
 */
import type { ObservedCluster, ObservedNode } from '../sim/index.js';
import { currentLeader } from './observations.js';

/**
 * Null when converged; otherwise one sentence saying what has not converged. Only the members of the
 * leader's configuration count: spare servers never added, and removed ones, hold no share of the log.
 */
export function checkConvergence(cluster: ObservedCluster, withinMs: number): string | null {
  return divergence(cluster, withinMs);
}

/**
 * Whether checkConvergence would find nothing: asked after every event of the liveness phase until the
 * cluster converges, so it builds no sentence, which only the phase's end needs.
 */
export function hasConverged(cluster: ObservedCluster): boolean {
  return divergence(cluster, null) === null;
}

/** Stands for every sentence when none is wanted. */
const NOT_CONVERGED = 'not converged';

/** What has not converged, said of a phase of `withinMs`; with null, NOT_CONVERGED stands for the sentence. */
function divergence(cluster: ObservedCluster, withinMs: number | null): string | null {
  // After settling, every link is up, so every member counts toward the leader's majority.
  const leaderId = currentLeader(cluster);
  if (leaderId === null) {
    if (withinMs === null) return NOT_CONVERGED;
    const ids = cluster.nodes.filter((node) => node.up && !node.paused && !node.retired).map((node) => node.id);
    return `no leader among ${ids.join(',')} after ${withinMs} ms`;
  }
  const leader = cluster.node(leaderId);
  const members = cluster.configurationOf(leader);
  const counts = (node: ObservedNode) => node.up && !node.paused && members.includes(node.id);
  for (const node of cluster.nodes) {
    if (!counts(node) || node.id === leaderId) continue;
    const shared = Math.min(node.lastIndex(), leader.lastIndex());
    if (node.prefixHashes.get(shared) !== leader.prefixHashes.get(shared)) {
      if (withinMs === null) return NOT_CONVERGED;
      let index = 1;
      while (index < shared && node.prefixHashes.get(index) === leader.prefixHashes.get(index)) index++;
      return `logs of ${Math.min(node.id, leaderId)} and ${Math.max(node.id, leaderId)} differ at index ${index} after ${withinMs} ms`;
    }
    if (node.lastIndex() !== leader.lastIndex()) {
      return withinMs === null ? NOT_CONVERGED : `node ${node.id} holds ${node.lastIndex()} entries and leader ${leaderId} holds ${leader.lastIndex()} after ${withinMs} ms`;
    }
  }
  for (const node of cluster.nodes) {
    if (counts(node) && node.commitIndex !== leader.lastIndex()) {
      return withinMs === null ? NOT_CONVERGED : `node ${node.id} has committed ${node.commitIndex} of ${leader.lastIndex()} entries after ${withinMs} ms`;
    }
  }
  return null;
}
