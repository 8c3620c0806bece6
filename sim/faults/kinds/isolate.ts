import fc from 'fast-check';
import { TraceKind } from '../../trace/trace.js';
import type { NodeRef } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeNumberArbitrary } from '../arbitrary-fields.js';
import { nodeRef } from '../document-fields.js';
import type { FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo } from '../kind.js';

/** Cut one node off from every other. */
export interface IsolateAction {
  readonly type: 'isolate';
  readonly node: NodeRef;
}

export const isolate: FaultKind<IsolateAction, NodeRef> = {
  type: 'isolate',
  injects: true,
  schema: nodeRef,
  fromDocument: (node) => ({ type: 'isolate', node }),
  toDocument: (action) => action.node,
  describe: (action) => `isolate ${describeSelection(action.node)}`,
  pin(context, action) {
    const node = context.select.resolveRef(action.node);
    // With no node now, resolving the action again finds none either.
    return node === null ? { action, nodes: [] } : { action: { ...action, node }, nodes: [node] };
  },
  apply(context, action) {
    const node = context.select.resolveRef(action.node);
    if (node === null) return false;
    context.network.isolate(node);
    context.record(TraceKind.partition, node, 0, 0, 0, { ...action, node });
    return true;
  },
  swarm: {
    isolateLeader: () => [
      [0, { type: 'isolate', node: 'leader' }],
      [1, { type: 'heal' }],
    ],
  },
  arbitrary: (nodes) => fc.record({ type: fc.constant('isolate' as const), node: fc.oneof(nodeNumberArbitrary(nodes), fc.constant('leader' as const)) }),
  restrictToNodes: (action, nodes) => (namesOnlyNodesUpTo(action.node, nodes) ? action : null),
};
