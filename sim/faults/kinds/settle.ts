import { z } from 'zod';
import type { FaultKind } from '../kind.js';

/**
 * The start of a liveness phase: heal the network, restore its latency and stop its loss, duplication
 * and reordering, restart crashed and resume paused nodes, and stop the reactive faults and the
 * client workload.
 */
export interface SettleAction {
  readonly type: 'settle';
}

export const settle: FaultKind<SettleAction, true> = {
  type: 'settle',
  injects: false,
  schema: z.literal(true),
  fromDocument: () => ({ type: 'settle' }),
  toDocument: () => true,
  describe: () => 'settle: heal everything and stop injecting faults',
  apply(context) {
    context.settle();
    return true;
  },
};
