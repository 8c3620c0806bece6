import { TraceKind } from '../../trace/trace.js';
import { RandomStream, STREAM } from '../../engine/random-streams.js';
import type { NodeSet } from '../actions.js';
import { describeSelection } from '../actions.js';
import { nodeSet } from '../document-fields.js';
import type { FaultKind } from '../kind.js';

/**
 * From now on these nodes tick together and draw the same election timeouts, so that, hearing the
 * same heartbeats, they time out together: a split vote. `none` lets every node draw its own again.
 */
export interface AlignTimersAction {
  readonly type: 'align-timers';
  readonly nodes: NodeSet;
}

export const alignTimers: FaultKind<AlignTimersAction, NodeSet> = {
  type: 'align-timers',
  injects: true,
  schema: nodeSet,
  fromDocument: (nodes) => ({ type: 'align-timers', nodes }),
  toDocument: (action) => action.nodes,
  describe: (action) => (action.nodes === 'none' ? 'election timers drawn independently again' : `align the election timers of ${describeSelection(action.nodes)}`),
  /**
   * Aligned nodes tick at the same instants and draw their election timeouts from copies of one stream,
   * so nodes that hear the same heartbeats time out on the same tick. An empty set ends every alignment.
   */
  apply(context, action) {
    const nodes = context.select.resolveNodes(action.nodes);
    if (nodes.length === 0) {
      for (const host of context.hosts) host.timerRandom.use(null);
      context.record(TraceKind.alignTimers, 0, 0, 0, 0, action);
      return true;
    }
    const alignment = context.nextAlignment();
    const hosts = nodes.map((node) => context.hosts[node - 1]!).filter((host) => host.up && !host.paused);
    if (hosts.length === 0) return false;
    const nextTickUs = Math.max(...hosts.map((host) => (host.tickPending ? host.nextTickUs : context.nowUs + host.tickPeriodUs)));
    for (const host of hosts) {
      host.timerRandom.use(new RandomStream(context.seed, STREAM.alignedTimers(alignment)));
      host.tickPeriodUs = context.tickUs;
      context.lifecycle.setNextTick(host, nextTickUs);
    }
    context.record(TraceKind.alignTimers, hosts[0]!.id, 0, hosts.length, 0, { ...action, nodes: hosts.map((host) => host.id) });
    return true;
  },
};
