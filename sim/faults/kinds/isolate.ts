import fc from 'fast-check';
import { TraceKind } from '../../trace/trace.js';
import type { NodeSelection } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeNumberArbitrary } from '../arbitrary-fields.js';
import { nodeRefOrSet } from '../document-fields.js';
import type { FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo } from '../kind.js';

/** Cut a node off from every other; given a set, each of its nodes, each alone. */
export interface IsolateAction {
  readonly type: 'isolate';
  readonly node: NodeSelection;
}

export const isolate: FaultKind<IsolateAction, NodeSelection> = {
  type: 'isolate',
  injects: true,
  schema: nodeRefOrSet,
  fromDocument: (node) => ({ type: 'isolate', node }),
  toDocument: (action) => action.node,
  describe: (action) => `isolate ${describeSelection(action.node)}`,
  pin(context, action) {
    const nodes = context.select.resolveNodes(action.node);
    return { action: { ...action, node: nodes }, nodes };
  },
  apply(context, action) {
    const nodes = context.select.resolveNodes(action.node);
    for (const node of nodes) {
      context.network.isolate(node);
      context.record(TraceKind.partition, node, 0, 0, 0, { ...action, node });
    }
    return nodes.length > 0;
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
