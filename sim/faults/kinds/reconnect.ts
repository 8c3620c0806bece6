import { TraceKind } from '../../trace/trace.js';
import type { NodeSelection } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeRefOrSet } from '../document-fields.js';
import type { FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo } from '../kind.js';

/**
 * Heal the links of some nodes only: each isolated one goes back to the group it was isolated from, and
 * every cut to or from it ends. Partitions between the other nodes stay in place.
 */
export interface ReconnectAction {
  readonly type: 'reconnect';
  readonly nodes: NodeSelection;
}

export const reconnect: FaultKind<ReconnectAction, NodeSelection> = {
  type: 'reconnect',
  injects: false,
  schema: nodeRefOrSet,
  fromDocument: (nodes) => ({ type: 'reconnect', nodes }),
  toDocument: (action) => action.nodes,
  describe: (action) => `reconnect ${describeSelection(action.nodes)}`,
  pin(context, action) {
    const nodes = context.select.resolveNodes(action.nodes);
    return { action: { ...action, nodes }, nodes };
  },
  apply(context, action) {
    const nodes = context.select.resolveNodes(action.nodes);
    for (const node of nodes) {
      const group = context.network.reconnect(node);
      context.record(TraceKind.heal, node, 0, 0, 0, { type: 'reconnect', nodes: [node], group });
    }
    return nodes.length > 0;
  },
  restrictToNodes: (action, nodes) => (namesOnlyNodesUpTo(action.nodes, nodes) ? action : null),
};
