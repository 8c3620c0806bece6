/**
 * The cluster at an instant (roles, terms, commit indexes, logs), rebuilt by the cluster fold from the
 * nearest checkpoint before it (a window of a long run starts from the state its file gives): a copy of the fold is kept every CHECKPOINT records, so moving the
 * cursor folds at most that many records however long the run.
 */
import { ClusterFold } from '../../../sim/trace/cluster-fold.js';
import type { TraceData } from './trace-data.js';

const CHECKPOINT = 2048;

export class ClusterAt {
  private readonly checkpoints: ClusterFold[] = [];

  constructor(private readonly trace: TraceData) {
    const cluster = this.fresh();
    for (let index = 0; index < trace.count; index++) {
      if (index % CHECKPOINT === 0) this.checkpoints.push(cluster.copy());
      cluster.apply(trace.foldRecordAt(index));
    }
  }

  /** The cluster just after a record (before any record here for -1). */
  after(index: number): ClusterFold {
    if (index < 0 || this.checkpoints.length === 0) return this.fresh();
    const base = Math.floor(index / CHECKPOINT);
    const cluster = this.checkpoints[base]!.copy();
    for (let at = base * CHECKPOINT; at <= index; at++) cluster.apply(this.trace.foldRecordAt(at));
    return cluster;
  }

  private fresh(): ClusterFold {
    return foldAtStart(this.trace, true);
  }
}

/** The cluster before the trace's first record: nothing yet for a whole run, the window's start state for a window of one. */
export function foldAtStart(trace: TraceData, keepLogs: boolean): ClusterFold {
  const options = { nodeCount: trace.nodeCount, initialMembers: trace.initialMembers, keepLogs, roleNames: trace.header.roles };
  return trace.startState === null ? new ClusterFold(options) : ClusterFold.restore(options, trace.startState);
}
