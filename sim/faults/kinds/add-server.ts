import fc from 'fast-check';
import { z } from 'zod';
import type { NodeId } from '../../../core/types.js';
import type { FaultAction } from '../actions.js';
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
      return [...adds, [0, { type: 'partition', groups: [['leader', ...spares], 'rest'] }], [1, { type: 'heal' }], removal];
    },
  },
  arbitrary: () => fc.record({ type: fc.constant('add-server' as const), node: fc.constant('spare' as const) }),
  restrictToNodes: (action, nodes) => (namesOnlyNodesUpTo(action.node, nodes) ? action : null),
};
