import fc from 'fast-check';
import { z } from 'zod';
import type { NodeRef } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeNumberArbitrary } from '../arbitrary-fields.js';
import { nodeRef } from '../document-fields.js';
import { MAX_NODES } from '../../options.js';
import type { FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo } from '../kind.js';
import { changeMembership } from './membership-change.js';

/**
 * Ask the leader to remove one server: by number, the leader itself, or `follower`, a member other
 * than it. With `keepAtLeast`, skipped when fewer members would remain.
 */
export interface RemoveServerAction {
  readonly type: 'remove-server';
  readonly node: NodeRef;
  readonly keepAtLeast?: number;
}

export const removeServer: FaultKind<RemoveServerAction, NodeRef | { node: NodeRef; keepAtLeast: number }> = {
  type: 'remove-server',
  injects: true,
  schema: z.union([nodeRef, z.object({ node: nodeRef, keepAtLeast: z.number().int().min(1).max(MAX_NODES) }).strict()]),
  fromDocument: (written) =>
    typeof written === 'object' ? { type: 'remove-server', node: written.node, keepAtLeast: written.keepAtLeast } : { type: 'remove-server', node: written },
  toDocument: (action) => (action.keepAtLeast === undefined ? action.node : { node: action.node, keepAtLeast: action.keepAtLeast }),
  describe: (action) => `remove ${describeSelection(action.node)} from the configuration`,
  apply: (context, action) => changeMembership(context, false, action.node, action.keepAtLeast, action),
  arbitrary: (nodes) => fc.record({ type: fc.constant('remove-server' as const), node: nodeNumberArbitrary(nodes), keepAtLeast: fc.constant(3) }),
  restrictToNodes: (action, nodes) => (namesOnlyNodesUpTo(action.node, nodes) ? action : null),
};
