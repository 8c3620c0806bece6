import fc from 'fast-check';
import { z } from 'zod';
import { TraceKind } from '../../trace/trace.js';
import type { NodeSet } from '../actions.js';
import { nodeNumberArbitrary } from '../arbitrary-fields.js';
import { nodeSet } from '../document-fields.js';
import type { FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo } from '../kind.js';

/** Split the cluster: messages cross only within a group. Nodes in no group are each alone. */
export interface PartitionAction {
  readonly type: 'partition';
  readonly groups: readonly NodeSet[];
}

export const partition: FaultKind<PartitionAction, NodeSet[]> = {
  type: 'partition',
  injects: true,
  schema: z.array(nodeSet).min(2),
  fromDocument: (groups) => ({ type: 'partition', groups }),
  toDocument: (action) => action.groups,
  describe: (action) => `partition ${action.groups.map((group) => (typeof group === 'string' ? group : `{${group.join(',')}}`)).join(' | ')}`,
  apply(context, action) {
    const groups = context.select.resolveGroups(action.groups);
    context.network.partition(groups);
    context.record(TraceKind.partition, 0, 0, groups.length, 0, { ...action, groups });
    return true;
  },
  swarm: {
    partition(random, nodes) {
      // One node cannot be split; a group left empty would not even read back from a scenario file.
      if (nodes.length < 2) return [];
      const shuffled = random.shuffled(nodes);
      const cutAt = random.int(1, Math.max(1, nodes.length - 1));
      const byNumber = (a: number, b: number) => a - b;
      return [
        [0, { type: 'partition', groups: [shuffled.slice(0, cutAt).sort(byNumber), shuffled.slice(cutAt).sort(byNumber)] }],
        [1, { type: 'heal' }],
      ];
    },
  },
  arbitrary: (nodes) =>
    fc.record({
      type: fc.constant('partition' as const),
      groups: fc.array(fc.array(nodeNumberArbitrary(nodes), { minLength: 1, maxLength: nodes }), { minLength: 2, maxLength: 3 }),
    }),
  restrictToNodes(action, nodes) {
    const groups = action.groups
      .map((group) => (typeof group === 'string' ? group : group.filter((node) => namesOnlyNodesUpTo(node, nodes))))
      .filter((group) => typeof group === 'string' || group.length > 0);
    return groups.length === 0 ? null : { ...action, groups };
  },
};
