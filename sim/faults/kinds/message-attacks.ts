/**
 * Attacks on messages in flight, beyond Raft's fault model (see cluster/attacks.ts): each kind runs at
 * a rate (the share of deliveries it acts on) for a period, or until the run settles. The swarm draws them only when exploration asks for attacks.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { ATTACK_TAMPER } from '../../cluster/attacks.js';
import type { MessageAttack } from '../../cluster/attacks.js';
import { TraceKind } from '../../trace/trace.js';
import { formatDuration, positiveDuration, rate, stripUndefined } from '../document-fields.js';
import type { FaultKind, SwarmDraw } from '../kind.js';

interface AttackFields {
  /** The share of deliveries the attack acts on; 0.1 unless given. */
  readonly rate?: number;
  readonly forMs?: number;
}

export interface CorruptMessagesAction extends AttackFields {
  readonly type: 'corrupt-messages';
}
export interface ReplayMessagesAction extends AttackFields {
  readonly type: 'replay-messages';
}
export interface ForgeSenderAction extends AttackFields {
  readonly type: 'forge-sender';
}
export interface OutsiderMessagesAction extends AttackFields {
  readonly type: 'outsider-messages';
}

type AttackAction = CorruptMessagesAction | ReplayMessagesAction | ForgeSenderAction | OutsiderMessagesAction;

const DEFAULT_RATE = 0.1;
const MAX_PERIOD_MS = 24 * 60 * 60 * 1000;

const schema = z.object({ rate: rate.optional(), for: positiveDuration.optional() }).strict();

function attackKind<Action extends AttackAction>(
  type: Action['type'],
  attack: MessageAttack,
  what: string,
  swarmName: string,
): FaultKind<Action, z.output<typeof schema>> {
  const draw: SwarmDraw = (random) => [[0, { type, rate: random.pick([0.05, 0.2]), forMs: random.int(200, 1500) } as AttackAction]];
  return {
    type,
    injects: true,
    schema,
    fromDocument: (written) => stripUndefined({ type, rate: written.rate, forMs: written.for }) as Action,
    toDocument: (action) => stripUndefined({ rate: action.rate, for: action.forMs === undefined ? undefined : formatDuration(action.forMs) }),
    describe: (action) => `${what} (${Math.round((action.rate ?? DEFAULT_RATE) * 100)}% of deliveries)${action.forMs === undefined ? '' : ` for ${action.forMs} ms`}`,
    apply(context, action) {
      const attacks = context.network.attacks;
      if (attacks === null) return false;
      const placed = attacks.start(attack, action.rate ?? DEFAULT_RATE);
      context.record(TraceKind.tamper, 0, 0, ATTACK_TAMPER[attack], 1, action);
      context.undoLater(action.forMs, () => {
        attacks.stop(placed);
        context.record(TraceKind.tamper, 0, 0, ATTACK_TAMPER[attack], 0, action);
      });
      return true;
    },
    swarm: { [swarmName]: draw },
    beyondRaftModel: true,
    arbitrary: () =>
      fc.record(
        { type: fc.constant(type), rate: fc.double({ min: 0, max: 1, noNaN: true }), forMs: fc.integer({ min: 1, max: MAX_PERIOD_MS }) },
        { requiredKeys: ['type'] },
      ) as unknown as fc.Arbitrary<Action>,
    shrinkable: (action) => action.forMs === undefined || Number.isInteger(action.forMs),
  };
}

export const corruptMessages = attackKind<CorruptMessagesAction>('corrupt-messages', 'corrupt', 'flip bits in messages in flight', 'corruptMessages');
export const replayMessages = attackKind<ReplayMessagesAction>('replay-messages', 'replay', 'replay old messages', 'replayMessages');
export const forgeSender = attackKind<ForgeSenderAction>('forge-sender', 'forge', 'forge the sender of messages', 'forgeSender');
export const outsiderMessages = attackKind<OutsiderMessagesAction>('outsider-messages', 'outsider', 'send messages from servers outside the configuration', 'outsiderMessages');
