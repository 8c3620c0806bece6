import fc from 'fast-check';
import type { NodeSelection } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeNumberArbitrary } from '../arbitrary-fields.js';
import { nodeRefOrSet } from '../document-fields.js';
import type { FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo, pinHosts } from '../kind.js';
import type { NodeHost } from '../../cluster/host.js';

/** Stop processes, as a long garbage-collection pause or a stopped VM does: messages wait for them. */
export interface PauseAction {
  readonly type: 'pause';
  readonly nodes: NodeSelection;
}

/** The nodes a pause acts on: those running. */
const acted = (host: NodeHost) => host.up && !host.paused;

export const pause: FaultKind<PauseAction, NodeSelection> = {
  type: 'pause',
  injects: true,
  schema: nodeRefOrSet,
  fromDocument: (nodes) => ({ type: 'pause', nodes }),
  toDocument: (action) => action.nodes,
  describe: (action) => `pause ${describeSelection(action.nodes)}`,
  pin: (context, action) => pinHosts(context, action, action.nodes, acted),
  apply: (context, action) =>
    context.forEachHost(
      action.nodes,
      acted,
      (host) => context.lifecycle.pause(host),
    ),
  swarm: {
    pause(random, nodes) {
      const node = random.pick(nodes);
      return [
        [0, { type: 'pause', nodes: node }],
        [1, { type: 'resume', nodes: node }],
      ];
    },
  },
  arbitrary: (nodes) => fc.record({ type: fc.constant('pause' as const), nodes: nodeNumberArbitrary(nodes) }),
  restrictToNodes: (action, nodes) => (namesOnlyNodesUpTo(action.nodes, nodes) ? action : null),
};
