/**
 * Choosing nodes for a fault action when it runs: by number, by role (resolved against the observed
 * cluster), or by a selector such as `followers` or `any-minority` (drawn from the picks' own stream).
 */
import { majority } from '../../core/quorum.js';
import type { NodeId } from '../../core/types.js';
import type { ObservedCluster } from '../checking/observed-cluster.js';
import type { RandomStream } from '../engine/random-streams.js';
import type { NodeRef, NodeSelection, NodeSet } from './actions.js';

export class NodeSelector {
  constructor(
    /** Every node, spares included. */
    private readonly members: readonly NodeId[],
    private readonly cluster: ObservedCluster,
    private readonly pickRandom: RandomStream,
  ) {}

  /** The nodes a selection names now; roles are resolved against the observed cluster. */
  resolveNodes(selection: NodeSelection, named: ReadonlySet<NodeId> = new Set()): NodeId[] {
    if (typeof selection === 'number' || selection === 'leader' || selection === 'follower') {
      const node = this.resolveRef(selection);
      return node === null ? [] : [node];
    }
    if (Array.isArray(selection)) {
      const nodes: NodeId[] = [];
      for (const ref of selection as readonly NodeRef[]) {
        const node = this.resolveRef(ref);
        if (node !== null && !nodes.includes(node)) nodes.push(node);
      }
      return nodes;
    }
    const leader = this.resolveRef('leader');
    switch (selection as Exclude<NodeSet, readonly NodeRef[]>) {
      case 'all':
        return this.members.slice();
      case 'none':
        return [];
      case 'followers':
        return this.cluster.nodes.filter((node) => node.up && node.id !== leader).map((node) => node.id);
      case 'rest':
        return this.members.filter((node) => !named.has(node));
      case 'any-minority':
        return this.pickRandom.shuffled(this.members).slice(0, this.pickRandom.int(1, Math.max(1, majority(this.members.length) - 1)));
      case 'any-majority':
        return this.pickRandom.shuffled(this.members).slice(0, this.pickRandom.int(majority(this.members.length), this.members.length));
    }
  }

  /** Groups for a partition: `rest` is every node no other group names; empty groups are left out. */
  resolveGroups(groups: readonly NodeSet[]): NodeId[][] {
    const named = new Set<NodeId>();
    const resolved: (NodeId[] | null)[] = groups.map((group) => {
      if (group === 'rest') return null;
      const nodes = this.resolveNodes(group, named);
      for (const node of nodes) named.add(node);
      return nodes;
    });
    return resolved.map((group) => group ?? this.members.filter((node) => !named.has(node))).filter((group) => group.length > 0);
  }

  /**
   * A node by number, or by role: `leader` is the up node that leads the highest term, as observed;
   * `follower` the lowest-numbered up node other than it. Null when there is none.
   */
  resolveRef(ref: NodeRef): NodeId | null {
    if (typeof ref === 'number') return ref >= 1 && ref <= this.members.length ? ref : null;
    let leader: NodeId | null = null;
    let leaderTerm = -1;
    for (const node of this.cluster.nodes) {
      if (node.up && node.role === 'leader' && node.term > leaderTerm) {
        leader = node.id;
        leaderTerm = node.term;
      }
    }
    if (ref === 'leader') return leader;
    const follower = this.cluster.nodes.find((node) => node.up && !node.paused && node.id !== leader);
    return follower === undefined ? null : follower.id;
  }
}
