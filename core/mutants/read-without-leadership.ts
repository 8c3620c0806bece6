import { RaftNode } from '../node.js';

/**
 * Answers a read from its own commit index as soon as it believes it leads, without a heartbeat round
 * to confirm that no newer leader exists (dissertation §6.4). A leader cut off from the majority keeps
 * answering with a state that misses what the new leader commits: stale reads.
 */
export class ReadWithoutLeadershipNode extends RaftNode {
  protected override mayReadWithoutRound(): boolean {
    return true;
  }
}
