import fc from 'fast-check';
import { z } from 'zod';
import type { NodeId } from '../../../core/types.js';
import { majority } from '../../../core/quorum.js';
import type { RandomStream } from '../../engine/random-streams.js';
import type { FaultAction, NodeRef } from '../actions.js';
import { nodeNumber } from '../document-fields.js';
import type { DrawnFault, FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo } from '../kind.js';
import { changeMembership } from './membership-change.js';

/**
 * Ask the leader to add one server to its configuration (§4.2): a node by number, or `spare`, the
 * lowest-numbered node outside it. Skipped when the leader refuses (a change still uncommitted).
 */
export interface AddServerAction {
  readonly type: 'add-server';
  readonly node: NodeId | 'spare';
}

export const addServer: FaultKind<AddServerAction, NodeId | 'spare'> = {
  type: 'add-server',
  injects: true,
  schema: z.union([nodeNumber, z.literal('spare')]),
  fromDocument: (node) => ({ type: 'add-server', node }),
  toDocument: (action) => action.node,
  describe: (action) => (action.node === 'spare' ? 'add a spare server' : `add server ${action.node}`),
  apply: (context, action) => changeMembership(context, true, action.node, undefined, action),
  swarm: {
    /** Add a spare server (sometimes two in a row, which a leader must refuse), remove a random node later. */
    membership(random, nodes, spares) {
      const adds: DrawnFault[] = [[0, { type: 'add-server', node: 'spare' }]];
      // A second change before the first is committed must be refused (single-server changes, §4.2).
      if (random.chance(0.5)) adds.push([0, { type: 'add-server', node: 'spare' }]);
      // Removals keep three members, so the cluster keeps tolerating a fault as it changes.
      const removal: [0 | 1, FaultAction] = [1, { type: 'remove-server', node: random.pick(nodes), keepAtLeast: 3 }];
      // Network trouble in the middle of a change: the leader and the servers being added are cut off
      // from the rest, where an unsafe change shows as two majorities.
      if (spares.length === 0 || !random.chance(0.3)) return [...adds, removal];
      return [...adds, [0, { type: 'partition', groups: [leaderSide(random, nodes, spares), 'rest'] }], [1, { type: 'heal' }], removal];
    },
  },
  arbitrary: () => fc.record({ type: fc.constant('add-server' as const), node: fc.constant('spare' as const) }),
  restrictToNodes: (action, nodes) => (namesOnlyNodesUpTo(action.node, nodes) ? action : null),
};

/**
 * The side cut off with the leader in the middle of a change: the leader, the spares being added, and
 * as many other members as make this side a majority of the configuration with every spare added, while
 * the rest can still be a majority of the configuration without them. Two changes at once can then
 * show as two majorities at any cluster size where that split exists (the odd ones); at three members
 * the leader and the spares are enough. The other members are drawn by number, since the leader is
 * known only when the partition happens; one of them may turn out to be the leader itself.
 */
function leaderSide(random: RandomStream, nodes: readonly NodeId[], spares: readonly NodeId[]): NodeRef[] {
  const members = nodes.filter((node) => !spares.includes(node));
  const others = Math.max(0, majority(members.length + spares.length) - 1 - spares.length);
  const drawn = others === 0 ? [] : random.shuffled(members).slice(0, others).sort((a, b) => a - b);
  return ['leader', ...drawn, ...spares];
}
