import { z } from 'zod';
import type { NodeRef } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeRef, stripUndefined } from '../document-fields.js';
import type { FaultKind } from '../kind.js';

/** Propose commands directly to a node (the leader unless named). */
export interface ProposeAction {
  readonly type: 'propose';
  readonly count: number;
  readonly to?: NodeRef;
}

const count = z.number().int().min(1).max(100_000);

export const propose: FaultKind<ProposeAction, number | { count: number; to?: NodeRef | undefined }> = {
  type: 'propose',
  injects: false,
  schema: z.union([count, z.object({ count, to: nodeRef.optional() }).strict()]),
  fromDocument: (written) => (typeof written === 'number' ? { type: 'propose', count: written } : (stripUndefined({ type: 'propose', count: written.count, to: written.to }) as ProposeAction)),
  toDocument: (action) => (action.to === undefined ? action.count : { count: action.count, to: action.to }),
  describe: (action) => `propose ${action.count} command${action.count === 1 ? '' : 's'} to ${describeSelection(action.to ?? 'leader')}`,
  apply(context, action) {
    const host = context.hostOf(context.select.resolveRef(action.to ?? 'leader'));
    if (host === null || !host.up || host.paused) return false;
    let accepted = 0;
    for (let index = 0; index < Math.min(action.count, 100_000); index++) {
      const result = context.control.propose(host, `p${context.nextProposal()}`, false);
      if (!result.accepted) break;
      accepted++;
    }
    return accepted > 0;
  },
};
