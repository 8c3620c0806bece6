import fc from 'fast-check';
import { z } from 'zod';
import { TraceKind } from '../../trace/trace.js';
import type { FaultKind } from '../kind.js';

/** End every partition and cut. */
export interface HealAction {
  readonly type: 'heal';
}

export const heal: FaultKind<HealAction, true> = {
  type: 'heal',
  injects: false,
  schema: z.literal(true),
  fromDocument: () => ({ type: 'heal' }),
  toDocument: () => true,
  describe: () => 'heal the network',
  apply(context, action) {
    context.network.heal();
    context.record(TraceKind.heal, 0, 0, 0, 0, action);
    return true;
  },
  arbitrary: () => fc.record({ type: fc.constant('heal' as const) }),
};
