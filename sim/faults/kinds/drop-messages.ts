/**
 * Selective loss by message type: while in place, messages of one type on the chosen links are
 * dropped (with the drop reason `filtered`), the rest pass. It reaches states that random loss
 * visits rarely: a candidate that never hears its votes, a leader whose heartbeats arrive but whose
 * appends do not.
 */
import fc from 'fast-check';
import { z } from 'zod';
import type { Message } from '../../../core/messages.js';
import type { NodeId } from '../../../core/types.js';
import { MESSAGE_CODE, TraceKind } from '../../trace/trace.js';
import type { NodeSelection } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeSelectionArbitrary } from '../arbitrary-fields.js';
import { formatDuration, nodeRefOrSet, positiveDuration, stripUndefined } from '../document-fields.js';
import type { FaultKind } from '../kind.js';
import { namesOnlyNodesUpTo } from '../kind.js';

type MessageType = Message['type'];
const MESSAGE_TYPES = Object.keys(MESSAGE_CODE) as [MessageType, ...MessageType[]];

/** The longest period fast-check draws: a day, the longest duration a scenario file holds. */
const MAX_PERIOD_MS = 24 * 60 * 60 * 1000;

/**
 * Drop every message of `messageType` sent from any of `from` (default: every node) to any of `to`
 * (default: every node). With `forMs`, the filter ends after that long; without, it lasts until the
 * network is restored or the run settles.
 */
export interface DropMessagesAction {
  readonly type: 'drop-messages';
  readonly messageType: MessageType;
  readonly from?: NodeSelection;
  readonly to?: NodeSelection;
  readonly forMs?: number;
}

const schema = z
  .object({
    kind: z.enum(MESSAGE_TYPES, { error: `a message type: ${MESSAGE_TYPES.join(', ')}` }),
    from: nodeRefOrSet.optional(),
    to: nodeRefOrSet.optional(),
    for: positiveDuration.optional(),
  })
  .strict();

export const dropMessages: FaultKind<DropMessagesAction, z.output<typeof schema>> = {
  type: 'drop-messages',
  injects: true,
  schema,
  fromDocument: (written) => stripUndefined({ type: 'drop-messages', messageType: written.kind, from: written.from, to: written.to, forMs: written.for }) as DropMessagesAction,
  toDocument: (action) =>
    stripUndefined({ kind: action.messageType, from: action.from, to: action.to, for: action.forMs === undefined ? undefined : formatDuration(action.forMs) }),
  describe(action) {
    const from = action.from === undefined ? '' : ` from ${describeSelection(action.from)}`;
    const to = action.to === undefined ? '' : ` to ${describeSelection(action.to)}`;
    const period = action.forMs === undefined ? '' : ` for ${action.forMs} ms`;
    return `drop every ${action.messageType}${from}${to}${period}`;
  },
  apply(context, action) {
    // Roles are resolved once, now: the filter covers these links whoever leads later.
    const senders = action.from === undefined ? context.nodes : context.select.resolveNodes(action.from);
    const receivers = action.to === undefined ? context.nodes : context.select.resolveNodes(action.to);
    const links: [NodeId, NodeId][] = [];
    for (const sender of senders) for (const receiver of receivers) if (sender !== receiver) links.push([sender, receiver]);
    if (links.length === 0) return false;
    const node = senders.length === 1 ? senders[0]! : 0;
    const peer = receivers.length === 1 ? receivers[0]! : 0;
    const filter = context.network.addFilter(action.messageType, links);
    context.record(TraceKind.messageFilter, node, peer, 1, links.length, action);
    context.undoLater(action.forMs, () => {
      context.network.removeFilter(filter);
      context.record(TraceKind.messageFilter, node, peer, 0, filter.dropped, action);
    });
    return true;
  },
  swarm: {
    // Drawn only by profiles that give it a weight: the default profile and the seeds' profiles do not.
    dropMessages: (random, nodes) => [
      [0, { type: 'drop-messages', messageType: random.pick(MESSAGE_TYPES), to: random.pick(nodes) }],
      [1, { type: 'restore-network' }],
    ],
  },
  arbitrary: (nodes) =>
    fc.record(
      {
        type: fc.constant('drop-messages' as const),
        messageType: fc.constantFrom(...MESSAGE_TYPES),
        from: nodeSelectionArbitrary(nodes),
        to: nodeSelectionArbitrary(nodes),
        forMs: fc.integer({ min: 1, max: MAX_PERIOD_MS }),
      },
      { requiredKeys: ['type', 'messageType'] },
    ),
  // fast-check draws whole milliseconds; a period written with a fraction stays as it is.
  shrinkable: (action) => action.forMs === undefined || Number.isInteger(action.forMs),
  restrictToNodes: (action, nodes) => (namesOnlyNodesUpTo(action.from, nodes) && namesOnlyNodesUpTo(action.to, nodes) ? action : null),
};
