import fc from 'fast-check';
import type { NodeSelection } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeNumberArbitrary } from '../arbitrary-fields.js';
import { nodeRefOrSet } from '../document-fields.js';
import type { FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo, pinHosts } from '../kind.js';
import type { NodeHost } from '../../cluster/host.js';

/** Crash nodes: they lose what was not durable and stay down until restarted. */
export interface CrashAction {
  readonly type: 'crash';
  readonly nodes: NodeSelection;
}

/** The nodes a crash acts on: those up. */
const acted = (host: NodeHost) => host.up;

export const crash: FaultKind<CrashAction, NodeSelection> = {
  type: 'crash',
  injects: true,
  schema: nodeRefOrSet,
  fromDocument: (nodes) => ({ type: 'crash', nodes }),
  toDocument: (action) => action.nodes,
  describe: (action) => `crash ${describeSelection(action.nodes)}`,
  pin: (context, action) => pinHosts(context, action, action.nodes, acted),
  apply: (context, action) =>
    context.forEachHost(
      action.nodes,
      acted,
      (host) => context.lifecycle.crash(host),
    ),
  swarm: {
    crash(random, nodes) {
      const node = random.pick(nodes);
      return [
        [0, { type: 'crash', nodes: node }],
        [1, { type: 'restart', nodes: node }],
      ];
    },
    crashLeader: () => [
      [0, { type: 'crash', nodes: 'leader' }],
      [1, { type: 'restart', nodes: 'crashed' }],
    ],
  },
  arbitrary: (nodes) => fc.record({ type: fc.constant('crash' as const), nodes: fc.oneof(nodeNumberArbitrary(nodes), fc.constant('leader' as const)) }),
  restrictToNodes: (action, nodes) => (namesOnlyNodesUpTo(action.nodes, nodes) ? action : null),
};
