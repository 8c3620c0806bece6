/**
 * Faults are data: a timeline of actions at virtual times, which a scenario file, a random schedule or
 * a shrinker can produce alike. Targets may name a node or a role resolved when the action runs.
 */
import type { NodeId } from '../core/types.js';

/** A node by number, or whichever node leads when the action runs (skipped if none does). */
export type NodeTarget = NodeId | 'leader';

export interface NetworkChange {
  readonly latencyMinMs?: number;
  readonly latencyMaxMs?: number;
  readonly lossRate?: number;
  readonly duplicateRate?: number;
  readonly reorderRate?: number;
}

export type FaultAction =
  /** Split the cluster: messages cross only within a group. Nodes in no group are alone. */
  | { readonly type: 'partition'; readonly groups: readonly (readonly NodeId[])[] }
  /** Cut one node off from every other. */
  | { readonly type: 'isolate'; readonly node: NodeTarget }
  /** One-way cut: messages from `from` to `to` are lost; the other direction still works. */
  | { readonly type: 'cut'; readonly from: NodeTarget; readonly to: NodeTarget }
  /** End every partition and cut. */
  | { readonly type: 'heal' }
  | { readonly type: 'crash'; readonly node: NodeTarget }
  /** Restart one crashed node, or every crashed node. */
  | { readonly type: 'restart'; readonly node: NodeId | 'crashed' }
  | { readonly type: 'pause'; readonly node: NodeTarget }
  | { readonly type: 'resume'; readonly node: NodeId | 'paused' }
  /** Change the network's defaults for every link (a loss burst starts with one and ends with another). */
  | { readonly type: 'network'; readonly change: NetworkChange }
  /** Return every link to the run's configured network options (the end of a loss burst). */
  | { readonly type: 'restore-network' };

export interface TimedFault {
  readonly atMs: number;
  readonly action: FaultAction;
}

export function describeTarget(target: NodeTarget | 'crashed' | 'paused'): string {
  return typeof target === 'number' ? `node ${target}` : target === 'leader' ? 'the leader' : `every ${target} node`;
}

export function describeFault(action: FaultAction): string {
  switch (action.type) {
    case 'partition':
      return `partition ${action.groups.map((group) => `{${group.join(',')}}`).join(' | ')}`;
    case 'isolate':
      return `isolate ${describeTarget(action.node)}`;
    case 'cut':
      return `cut ${describeTarget(action.from)} → ${describeTarget(action.to)}`;
    case 'heal':
      return 'heal the network';
    case 'crash':
      return `crash ${describeTarget(action.node)}`;
    case 'restart':
      return `restart ${describeTarget(action.node)}`;
    case 'pause':
      return `pause ${describeTarget(action.node)}`;
    case 'resume':
      return `resume ${describeTarget(action.node)}`;
    case 'restore-network':
      return 'restore the network defaults';
    case 'network': {
      const parts = Object.entries(action.change).map(([name, value]) => `${name}=${value}`);
      return `network ${parts.join(' ')}`;
    }
  }
}
