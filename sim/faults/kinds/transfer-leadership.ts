import fc from 'fast-check';
import { z } from 'zod';
import { TraceKind } from '../../trace/trace.js';
import type { NodeRef } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeNumberArbitrary } from '../arbitrary-fields.js';
import { nodeRef } from '../document-fields.js';
import type { FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo } from '../kind.js';

/** Ask the leader to hand leadership to a node (dissertation §3.10); skipped if the node cannot. */
export interface TransferLeadershipAction {
  readonly type: 'transfer-leadership';
  readonly to: NodeRef;
}

export const transferLeadership: FaultKind<TransferLeadershipAction, NodeRef | { to: NodeRef }> = {
  type: 'transfer-leadership',
  injects: true,
  schema: z.union([nodeRef, z.object({ to: nodeRef }).strict()]),
  fromDocument: (written) => ({ type: 'transfer-leadership', to: typeof written === 'object' ? written.to : written }),
  toDocument: (action) => action.to,
  describe: (action) => `hand leadership to ${describeSelection(action.to)}`,
  apply(context, action) {
    const leader = context.hostOf(context.select.resolveRef('leader'));
    const successor = context.select.resolveRef(action.to);
    if (leader === null || successor === null || successor === leader.id) return false;
    return context.control.transferLeadership(leader, successor, (accepted) => {
      if (accepted) context.record(TraceKind.leadershipTransfer, leader.id, successor, 0, 0, action);
    });
  },
  swarm: {
    // A planned handover, the kind an operator makes during maintenance; it needs no repair.
    transferLeadership: (random, nodes) => [[0, { type: 'transfer-leadership', to: random.pick(nodes) }]],
  },
  arbitrary: (nodes) => fc.record({ type: fc.constant('transfer-leadership' as const), to: nodeNumberArbitrary(nodes) }),
  restrictToNodes: (action, nodes) => (namesOnlyNodesUpTo(action.to, nodes) ? action : null),
};
