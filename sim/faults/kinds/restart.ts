import fc from 'fast-check';
import { z } from 'zod';
import type { NodeSelection } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeNumberArbitrary } from '../arbitrary-fields.js';
import { nodeRefOrSet } from '../document-fields.js';
import type { FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo, pinHosts } from '../kind.js';
import type { NodeHost } from '../../cluster/host.js';

/** Restart crashed nodes from their disks; `crashed` names every node that is down. */
export interface RestartAction {
  readonly type: 'restart';
  readonly nodes: NodeSelection | 'crashed';
}

/** The nodes a restart acts on: those down that may come back. */
const acted = (host: NodeHost) => host.restartable;

export const restart: FaultKind<RestartAction, NodeSelection | 'crashed'> = {
  type: 'restart',
  injects: false,
  schema: z.union([nodeRefOrSet, z.literal('crashed')]),
  fromDocument: (nodes) => ({ type: 'restart', nodes }),
  toDocument: (action) => action.nodes,
  describe: (action) => `restart ${describeSelection(action.nodes)}`,
  pin: (context, action) => pinHosts(context, action, action.nodes === 'crashed' ? 'all' : action.nodes, acted),
  apply: (context, action) =>
    context.forEachHost(
      action.nodes === 'crashed' ? 'all' : action.nodes,
      acted,
      (host) => context.lifecycle.restart(host),
    ),
  arbitrary: (nodes) => fc.record({ type: fc.constant('restart' as const), nodes: fc.oneof(nodeNumberArbitrary(nodes), fc.constant('crashed' as const)) }),
  restrictToNodes: (action, nodes) => (namesOnlyNodesUpTo(action.nodes, nodes) ? action : null),
};
