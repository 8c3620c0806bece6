/**
 * Faults are data: a timeline of actions at virtual times, which a scenario file, a random schedule or
 * a shrinker can produce alike. Actions name nodes by number or by role, resolved when the action runs.
 */
import type { NodeId } from '../../core/types.js';

/**
 * One node: by number, or by role when the action runs. `leader` is the up node leading the highest
 * term; `follower` is the lowest-numbered up node that is not the leader. Skipped when there is none.
 */
export type NodeRef = NodeId | 'leader' | 'follower';

/**
 * A set of nodes: a list, or a selector resolved when the action runs. `rest` is every node not named
 * elsewhere in the same action; `any-minority` and `any-majority` are drawn from the faults' own stream.
 */
export type NodeSet = readonly NodeRef[] | 'all' | 'followers' | 'rest' | 'any-minority' | 'any-majority' | 'none';

export type NodeSelection = NodeRef | NodeSet;

/** Network settings that can change for every link or for some. Unset fields keep their value. */
export interface LinkChange {
  readonly lossRate?: number;
  readonly duplicateRate?: number;
  readonly reorderRate?: number;
  /** Extra one-way delay, in milliseconds. */
  readonly delayMs?: number;
}

export type FaultAction =
  /** Split the cluster: messages cross only within a group. Nodes in no group are each alone. */
  | { readonly type: 'partition'; readonly groups: readonly NodeSet[] }
  /** Cut one node off from every other. */
  | { readonly type: 'isolate'; readonly node: NodeRef }
  /** One-way cut: messages from any of `from` to any of `to` are lost; the other direction still works. */
  | { readonly type: 'cut'; readonly from: NodeSelection; readonly to: NodeSelection }
  /** End every partition and cut. */
  | { readonly type: 'heal' }
  | { readonly type: 'crash'; readonly nodes: NodeSelection }
  | { readonly type: 'restart'; readonly nodes: NodeSelection | 'crashed' }
  | { readonly type: 'pause'; readonly nodes: NodeSelection }
  | { readonly type: 'resume'; readonly nodes: NodeSelection | 'paused' }
  /**
   * Change links: all of them (no from and to), those from a node, those to a node, or one link.
   * `reset` returns the chosen links to the network's defaults instead. With `forMs`, exactly this
   * change is undone after that long, on the links it was applied to.
   */
  | {
      readonly type: 'network';
      readonly from?: NodeRef;
      readonly to?: NodeRef;
      readonly change: LinkChange;
      readonly reset?: boolean;
      readonly forMs?: number;
    }
  /** Return every link to the run's configured network. */
  | { readonly type: 'restore-network' }
  /** A node's timers run at `rate` times true speed (1.3 = 30% fast). */
  | { readonly type: 'clock-drift'; readonly node: NodeRef; readonly rate: number }
  /**
   * From now on these nodes tick together and draw the same election timeouts, so that, hearing the
   * same heartbeats, they time out together: a split vote. `none` lets every node draw its own again.
   */
  | { readonly type: 'align-timers'; readonly nodes: NodeSet }
  /** Ask the leader to hand leadership to a node (dissertation §3.10); skipped if the node cannot. */
  | { readonly type: 'transfer-leadership'; readonly to: NodeRef }
  /**
   * Ask the leader to add one server to its configuration (§4.2): a node by number, or `spare`, the
   * lowest-numbered node outside it. Skipped when the leader refuses (a change still uncommitted).
   */
  | { readonly type: 'add-server'; readonly node: NodeId | 'spare' }
  /**
   * Ask the leader to remove one server: by number, the leader itself, or `follower`, a member other
   * than it. With `keepAtLeast`, skipped when fewer members would remain.
   */
  | { readonly type: 'remove-server'; readonly node: NodeRef; readonly keepAtLeast?: number }
  /** Propose commands directly to a node (the leader unless named). */
  | { readonly type: 'propose'; readonly count: number; readonly to?: NodeRef }
  /**
   * The start of a liveness phase: heal the network, restore its latency and stop its loss, duplication
   * and reordering, restart crashed and resume paused nodes, and stop the reactive faults and the
   * client workload.
   */
  | { readonly type: 'settle' };

export interface TimedFault {
  readonly atMs: number;
  readonly action: FaultAction;
}

export function describeSelection(selection: NodeSelection | 'crashed' | 'paused'): string {
  if (typeof selection === 'number') return `node ${selection}`;
  if (Array.isArray(selection)) return `nodes ${selection.join(',')}`;
  switch (selection) {
    case 'leader':
      return 'the leader';
    case 'follower':
      return 'a follower';
    case 'crashed':
    case 'paused':
      return `every ${selection} node`;
    case 'all':
      return 'every node';
    case 'followers':
      return 'every follower';
    case 'rest':
      return 'the rest';
    case 'any-minority':
      return 'a random minority';
    case 'any-majority':
      return 'a random majority';
    default:
      return 'no node';
  }
}

function describeLinks(from: NodeRef | undefined, to: NodeRef | undefined): string {
  if (from === undefined && to === undefined) return 'every link';
  if (to === undefined) return `links from ${describeSelection(from!)}`;
  if (from === undefined) return `links to ${describeSelection(to)}`;
  return `the link ${describeSelection(from)} → ${describeSelection(to)}`;
}

export function describeFault(action: FaultAction): string {
  switch (action.type) {
    case 'partition':
      return `partition ${action.groups.map((group) => (typeof group === 'string' ? group : `{${group.join(',')}}`)).join(' | ')}`;
    case 'isolate':
      return `isolate ${describeSelection(action.node)}`;
    case 'cut':
      return `cut ${describeSelection(action.from)} → ${describeSelection(action.to)}`;
    case 'heal':
      return 'heal the network';
    case 'crash':
      return `crash ${describeSelection(action.nodes)}`;
    case 'restart':
      return `restart ${describeSelection(action.nodes)}`;
    case 'pause':
      return `pause ${describeSelection(action.nodes)}`;
    case 'resume':
      return `resume ${describeSelection(action.nodes)}`;
    case 'restore-network':
      return 'restore the network defaults';
    case 'network': {
      if (action.reset === true) return `reset ${describeLinks(action.from, action.to)} to the defaults`;
      const parts = Object.entries(action.change).map(([name, value]) => `${name}=${value}`);
      const period = action.forMs === undefined ? '' : ` for ${action.forMs} ms`;
      return `${describeLinks(action.from, action.to)}: ${parts.join(' ')}${period}`;
    }
    case 'clock-drift':
      return `${describeSelection(action.node)}'s clock runs at ${action.rate}× speed`;
    case 'align-timers':
      return action.nodes === 'none' ? 'election timers drawn independently again' : `align the election timers of ${describeSelection(action.nodes)}`;
    case 'add-server':
      return action.node === 'spare' ? 'add a spare server' : `add server ${action.node}`;
    case 'remove-server':
      return `remove ${describeSelection(action.node)} from the configuration`;
    case 'propose':
      return `propose ${action.count} command${action.count === 1 ? '' : 's'} to ${describeSelection(action.to ?? 'leader')}`;
    case 'settle':
      return 'settle: heal everything and stop injecting faults';
    case 'transfer-leadership':
      return `hand leadership to ${describeSelection(action.to)}`;
  }
}
