import fc from 'fast-check';
import { z } from 'zod';
import type { NodeId } from '../../../core/types.js';
import { TraceKind } from '../../trace/trace.js';
import type { LinkChange, NodeRef } from '../actions.js';
import { describeSelection } from '../actions.js';
import type { FaultContext } from '../context.js';
import { duration, formatDuration, nodeRef, rate, stripUndefined } from '../document-fields.js';
import type { FaultKind } from '../kind.js';

/**
 * Change links: all of them (no from and to), those from a node, those to a node, or one link.
 * `reset` returns the chosen links to the network's defaults instead. With `forMs`, exactly this
 * change is undone after that long, on the links it was applied to.
 */
export interface NetworkAction {
  readonly type: 'network';
  readonly from?: NodeRef;
  readonly to?: NodeRef;
  readonly change: LinkChange;
  readonly reset?: boolean;
  readonly forMs?: number;
}

const schema = z
  .object({ from: nodeRef.optional(), to: nodeRef.optional(), lossRate: rate.optional(), duplicateRate: rate.optional(), reorderRate: rate.optional(), delay: duration.optional() })
  .strict();

export const network: FaultKind<NetworkAction, z.output<typeof schema>> = {
  type: 'network',
  injects: true,
  schema,
  fromDocument(written, forMs) {
    const change: LinkChange = stripUndefined({ lossRate: written.lossRate, duplicateRate: written.duplicateRate, reorderRate: written.reorderRate, delayMs: written.delay });
    return stripUndefined({ type: 'network', from: written.from, to: written.to, change, forMs }) as NetworkAction;
  },
  toDocument: (action) =>
    stripUndefined({
      from: action.from,
      to: action.to,
      lossRate: action.change.lossRate,
      duplicateRate: action.change.duplicateRate,
      reorderRate: action.change.reorderRate,
      delay: action.change.delayMs === undefined ? undefined : formatDuration(action.change.delayMs),
    }),
  lastsForAPeriod: (action) => action.forMs,
  describe(action) {
    if (action.reset === true) return `reset ${describeLinks(action.from, action.to)} to the defaults`;
    const parts = Object.entries(action.change).map(([name, value]) => `${name}=${value}`);
    const period = action.forMs === undefined ? '' : ` for ${action.forMs} ms`;
    return `${describeLinks(action.from, action.to)}: ${parts.join(' ')}${period}`;
  },
  apply: (context, action) => (action.from === undefined && action.to === undefined ? changeEveryLink(context, action) : changeSomeLinks(context, action)),
  swarm: {
    lossBurst: (random) => [
      [0, { type: 'network', change: { lossRate: Math.round(random.int(20, 60)) / 100 } }],
      [1, { type: 'restore-network' }],
    ],
  },
  arbitrary: () => fc.record({ type: fc.constant('network' as const), change: fc.record({ lossRate: fc.double({ min: 0, max: 1, noNaN: true }) }) }),
  // The shrinker draws no periods, so a change with one stays as written.
  shrinkable: (action) => action.forMs === undefined,
};

function describeLinks(from: NodeRef | undefined, to: NodeRef | undefined): string {
  if (from === undefined && to === undefined) return 'every link';
  if (to === undefined) return `links from ${describeSelection(from!)}`;
  if (from === undefined) return `links to ${describeSelection(to)}`;
  return `the link ${describeSelection(from)} → ${describeSelection(to)}`;
}

function changeEveryLink(context: FaultContext, action: NetworkAction): boolean {
  const before = context.network.globalSettings();
  if (action.reset === true) context.network.restore(context.networkDefaults);
  else context.network.change(action.change);
  context.record(TraceKind.networkChange, 0, 0, 0, 0, action);
  context.undoLater(action.forMs, () => {
    context.network.restoreGlobalSettings(before);
    context.record(TraceKind.networkChange, 0, 0, 1, 0, { type: 'restore-network' });
  });
  return true;
}

function changeSomeLinks(context: FaultContext, action: NetworkAction): boolean {
  // Roles are resolved once, now: the undo applies to these links whoever leads by then.
  const from = action.from === undefined ? context.nodes : context.select.resolveNodes(action.from);
  const to = action.to === undefined ? context.nodes : context.select.resolveNodes(action.to);
  const before: [NodeId, NodeId, readonly number[]][] = [];
  for (const sender of from) {
    for (const receiver of to) {
      if (sender === receiver) continue;
      before.push([sender, receiver, context.network.linkSettings(sender, receiver)]);
      context.network.changeLink(sender, receiver, action.change, action.reset === true);
    }
  }
  if (before.length === 0) return false;
  context.record(TraceKind.networkChange, from.length === 1 ? from[0]! : 0, to.length === 1 ? to[0]! : 0, before.length, 0, action);
  context.undoLater(action.forMs, () => {
    for (const [sender, receiver, settings] of before) context.network.restoreLinkSettings(sender, receiver, settings);
    context.record(TraceKind.networkChange, 0, 0, 1, 0, { type: 'restore-network' });
  });
  return true;
}
