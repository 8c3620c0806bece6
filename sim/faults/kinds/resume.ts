import fc from 'fast-check';
import { z } from 'zod';
import type { NodeSelection } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeNumberArbitrary } from '../arbitrary-fields.js';
import { nodeRefOrSet } from '../document-fields.js';
import type { FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo, pinHosts } from '../kind.js';
import type { NodeHost } from '../../cluster/host.js';

/** Resume paused processes; `paused` names every node that is paused. */
export interface ResumeAction {
  readonly type: 'resume';
  readonly nodes: NodeSelection | 'paused';
}

/** The nodes a resume acts on: those paused. */
const acted = (host: NodeHost) => host.up && host.paused;

export const resume: FaultKind<ResumeAction, NodeSelection | 'paused'> = {
  type: 'resume',
  injects: false,
  schema: z.union([nodeRefOrSet, z.literal('paused')]),
  fromDocument: (nodes) => ({ type: 'resume', nodes }),
  toDocument: (action) => action.nodes,
  describe: (action) => `resume ${describeSelection(action.nodes)}`,
  pin: (context, action) => pinHosts(context, action, action.nodes === 'paused' ? 'all' : action.nodes, acted),
  apply: (context, action) =>
    context.forEachHost(
      action.nodes === 'paused' ? 'all' : action.nodes,
      acted,
      (host) => context.lifecycle.resume(host),
    ),
  arbitrary: (nodes) => fc.record({ type: fc.constant('resume' as const), nodes: fc.oneof(nodeNumberArbitrary(nodes), fc.constant('paused' as const)) }),
  restrictToNodes: (action, nodes) => (namesOnlyNodesUpTo(action.nodes, nodes) ? action : null),
};
