/**
 * Choosing nodes for a fault action when it runs: by number, by role (resolved against the observed
 * cluster), by a selector such as `followers` or `any-minority` (drawn from the picks' own stream), or
 * by a name a scenario step gave to the nodes it acted on.
 */
import { majority } from '../../core/quorum.js';
import type { NodeId } from '../../core/types.js';
import type { ObservedCluster } from '../checking/observed-cluster.js';
import type { RandomStream } from '../engine/random-streams.js';
import type { NodeRef, NodeSelection, NodeSet, RememberedName } from './actions.js';
import { isRememberedName } from './actions.js';

export class NodeSelector {
  /** The nodes each step with an `as` named when it ran, by that name. */
  private readonly remembered = new Map<string, readonly NodeId[]>();

  constructor(
    /** Every node, spares included. */
    private readonly members: readonly NodeId[],
    private readonly cluster: ObservedCluster,
    private readonly pickRandom: RandomStream,
  ) {}

  /** The nodes a selection names now; roles are resolved against the observed cluster. */
  resolveNodes(selection: NodeSelection, named: ReadonlySet<NodeId> = new Set()): NodeId[] {
    if (isRememberedName(selection)) return (this.remembered.get(selection) ?? []).slice();
    if (typeof selection === 'number' || selection === 'leader' || selection === 'follower' || selection === 'any-node') {
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
    switch (selection as Exclude<NodeSet, readonly NodeRef[] | RememberedName>) {
      case 'all':
        return this.members.slice();
      case 'none':
        return [];
      case 'followers':
        return this.cluster.nodes.filter((node) => node.up && node.id !== leader).map((node) => node.id);
      case 'leader-peers':
        return leader === null ? [] : this.members.filter((node) => node !== leader);
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

  /** Gives `name` to these nodes, for the actions that run later (a step's `as`). */
  remember(name: string, nodes: readonly NodeId[]): void {
    this.remembered.set(name, nodes.slice());
  }

  /**
   * A node by number, or by role: `leader` is the up node that leads the highest term, as observed;
   * `follower` the lowest-numbered up node other than it. Null when there is none.
   */
  resolveRef(ref: NodeRef): NodeId | null {
    if (typeof ref === 'number') return ref >= 1 && ref <= this.members.length ? ref : null;
    if (isRememberedName(ref)) return this.remembered.get(ref)?.[0] ?? null;
    if (ref === 'any-node') return this.pickRandom.pick(this.members);
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
