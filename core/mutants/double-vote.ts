import { RaftNode } from '../node.js';
import type { NodeId } from '../types.js';

/** Grants its vote to every candidate of a term, not only the first: two leaders can win one term. */
export class DoubleVoteNode extends RaftNode {
  protected override canVoteFor(_candidate: NodeId): boolean {
    return true;
  }
}
