import { z } from 'zod';
import type { NodeRef } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeRef, stripUndefined } from '../document-fields.js';
import type { FaultKind } from '../kind.js';

/**
 * Propose commands directly to a node (the leader unless named): `count` commands named by the run
 * (`p1`, `p2`, …), or the one `command` given, which expectations can then look for.
 */
export interface ProposeAction {
  readonly type: 'propose';
  readonly count: number;
  readonly to?: NodeRef;
  readonly command?: number | string;
}

const MAX_COMMAND_LENGTH = 200;
const count = z.number().int().min(1).max(100_000);
const command = z.union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(MAX_COMMAND_LENGTH)]);
const written = z
  .object({ count: count.optional(), command: command.optional(), to: nodeRef.optional() })
  .strict()
  .refine((value) => (value.command === undefined ? value.count !== undefined : value.count === undefined || value.count === 1), {
    message: 'give count, or one command (with count 1 or none)',
  });

type Written = number | z.output<typeof written>;

export const propose: FaultKind<ProposeAction, Written> = {
  type: 'propose',
  injects: false,
  schema: z.union([count, written]),
  fromDocument: (value) =>
    typeof value === 'number'
      ? { type: 'propose', count: value }
      : (stripUndefined({ type: 'propose', count: value.count ?? 1, to: value.to, command: value.command }) as ProposeAction),
  toDocument(action) {
    if (action.command !== undefined) return stripUndefined({ command: action.command, to: action.to });
    return action.to === undefined ? action.count : { count: action.count, to: action.to };
  },
  describe: (action) =>
    action.command !== undefined
      ? `propose command ${action.command} to ${describeSelection(action.to ?? 'leader')}`
      : `propose ${action.count} command${action.count === 1 ? '' : 's'} to ${describeSelection(action.to ?? 'leader')}`,
  pin(context, action) {
    const node = context.select.resolveRef(action.to ?? 'leader');
    return node === null ? { action, nodes: [] } : { action: { ...action, to: node }, nodes: [node] };
  },
  apply(context, action) {
    const host = context.hostOf(context.select.resolveRef(action.to ?? 'leader'));
    if (host === null || !host.up || host.paused) return false;
    let accepted = 0;
    for (let index = 0; index < Math.min(action.count, 100_000); index++) {
      const command = action.command === undefined ? `p${context.nextProposal()}` : String(action.command);
      const result = context.control.propose(host, command, false);
      if (!result.accepted) break;
      context.noteProposal({ node: host.id, index: result.index, command });
      accepted++;
    }
    return accepted > 0;
  },
};
