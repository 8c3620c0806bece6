import fc from 'fast-check';
import { z } from 'zod';
import { TraceKind } from '../../trace/trace.js';
import type { NodeSelection } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeNumberArbitrary } from '../arbitrary-fields.js';
import { nodeRefOrSet } from '../document-fields.js';
import type { FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo } from '../kind.js';

/** One-way cut: messages from any of `from` to any of `to` are lost; the other direction still works. */
export interface CutAction {
  readonly type: 'cut';
  readonly from: NodeSelection;
  readonly to: NodeSelection;
}

export const cut: FaultKind<CutAction, { from: NodeSelection; to: NodeSelection }> = {
  type: 'cut',
  injects: true,
  schema: z.object({ from: nodeRefOrSet, to: nodeRefOrSet }).strict(),
  fromDocument: (written) => ({ type: 'cut', from: written.from, to: written.to }),
  toDocument: (action) => ({ from: action.from, to: action.to }),
  describe: (action) => `cut ${describeSelection(action.from)} → ${describeSelection(action.to)}`,
  apply(context, action) {
    const from = context.select.resolveNodes(action.from);
    const to = context.select.resolveNodes(action.to);
    let cuts = 0;
    for (const sender of from) {
      for (const receiver of to) {
        if (sender === receiver) continue;
        context.network.cutLink(sender, receiver);
        cuts++;
      }
    }
    if (cuts === 0) return false;
    context.record(TraceKind.cut, from[0]!, to[0]!, cuts, 0, { ...action, from, to });
    return true;
  },
  swarm: {
    oneWayCut(random, nodes) {
      const [from, to] = random.shuffled(nodes);
      if (from === undefined || to === undefined) return [];
      return [
        [0, { type: 'cut', from, to }],
        [1, { type: 'heal' }],
      ];
    },
  },
  arbitrary: (nodes) => fc.record({ type: fc.constant('cut' as const), from: nodeNumberArbitrary(nodes), to: nodeNumberArbitrary(nodes) }),
  restrictToNodes: (action, nodes) => (namesOnlyNodesUpTo(action.from, nodes) && namesOnlyNodesUpTo(action.to, nodes) ? action : null),
};
