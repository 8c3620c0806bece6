import { RaftNode } from '../node.js';
import type { NodeId } from '../types.js';

/**
 * Keeps votedFor when it moves to a newer term, instead of clearing it (votedFor is the vote of the
 * current term, Figure 2). A node that stood in an old term goes on voting only for itself; once every
 * node has stood once, no candidate can gather a majority again.
 */
export class KeepVoteInNewTermNode extends RaftNode {
  protected override becomeFollower(term: number, leaderId: NodeId | null, resetTimer = true): void {
    const vote = this.votedFor;
    super.becomeFollower(term, leaderId, resetTimer);
    this.votedFor = vote;
  }
}
