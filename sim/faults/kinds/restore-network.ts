import fc from 'fast-check';
import { z } from 'zod';
import { TraceKind } from '../../trace/trace.js';
import type { FaultKind } from '../kind.js';

/** Return every link to the run's configured network, and end every drop-messages filter. */
export interface RestoreNetworkAction {
  readonly type: 'restore-network';
}

export const restoreNetwork: FaultKind<RestoreNetworkAction, true> = {
  type: 'restore-network',
  injects: false,
  schema: z.literal(true),
  fromDocument: () => ({ type: 'restore-network' }),
  toDocument: () => true,
  describe: () => 'restore the network defaults',
  apply(context, action) {
    context.network.restore(context.networkDefaults);
    context.network.clearFilters();
    // In the liveness phase the network's own loss, duplication and reordering stay off.
    if (context.settled) context.network.stopMisbehaving();
    context.record(TraceKind.networkChange, 0, 0, 0, 0, action);
    return true;
  },
  arbitrary: () => fc.record({ type: fc.constant('restore-network' as const) }),
};
