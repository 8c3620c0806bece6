import { z } from 'zod';
import { TraceKind } from '../../trace/trace.js';
import type { NodeRef } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeRef } from '../document-fields.js';
import type { FaultKind } from '../kind.js';

/** A node's timers run at `rate` times true speed (1.3 = 30% fast). */
export interface ClockDriftAction {
  readonly type: 'clock-drift';
  readonly node: NodeRef;
  readonly rate: number;
}

export const clockDrift: FaultKind<ClockDriftAction, { node: NodeRef; rate: number }> = {
  type: 'clock-drift',
  injects: true,
  schema: z.object({ node: nodeRef, rate: z.number().positive().max(10) }).strict(),
  fromDocument: (written) => ({ type: 'clock-drift', node: written.node, rate: written.rate }),
  toDocument: (action) => ({ node: action.node, rate: action.rate }),
  describe: (action) => `${describeSelection(action.node)}'s clock runs at ${action.rate}× speed`,
  apply(context, action) {
    const host = context.hostOf(context.select.resolveRef(action.node));
    if (host === null || !(action.rate > 0)) return false;
    // The new rate applies from the node's next tick on.
    host.tickPeriodUs = Math.max(1, Math.round(context.tickUs / action.rate));
    context.record(TraceKind.clockDrift, host.id, 0, host.tickPeriodUs, 0, action);
    return true;
  },
};
