import { RaftNode } from '../node.js';
import { majority } from '../quorum.js';

/**
 * Counts its own vote twice: once when it stands and again as if it had answered its own request (§5.2
 * counts each server once). In a cluster of three it wins without anyone's vote, so two nodes can lead
 * one term.
 */
export class SelfVoteTwiceNode extends RaftNode {
  protected override becomeCandidate(leadershipTransfer = false): void {
    super.becomeCandidate(leadershipTransfer);
    if (this.role !== 'candidate') return;
    // A second entry for itself, under a number no peer has.
    this.votesGranted.add(-this.id);
    if (this.votesGranted.size >= majority(this.members.length)) this.becomeLeader();
  }
}
