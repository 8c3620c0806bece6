import type { Ready } from '../contract.js';
import type { Message } from '../messages.js';
import { RaftNode } from '../node.js';

/**
 * Takes half of the cluster for a majority (⌊n/2⌋ instead of ⌊n/2⌋ + 1) when counting replicas for
 * a commit (§5.3). In a cluster of three the leader alone commits; in a cluster of five, two nodes do:
 * an entry can be committed on a minority that the next leader does not include.
 */
export class CommitWithoutMajorityNode extends RaftNode {
  override step(message: Message): void {
    super.step(message);
    this.commitOnHalf();
  }

  override propose(command: string) {
    const result = super.propose(command);
    this.commitOnHalf();
    return result;
  }

  override advance(ready: Ready): void {
    super.advance(ready);
    this.commitOnHalf();
  }

  private commitOnHalf(): void {
    if (this.role !== 'leader') return;
    const half = Math.floor(this.members.length / 2);
    for (let index = this.log.lastIndex(); index > this.commitIndex; index--) {
      if (this.log.termAt(index) !== this.term) break;
      let holders = 1;
      for (const peer of this.peers) if (this.progress[peer]!.matchIndex >= index) holders++;
      if (holders >= half) {
        this.commitIndex = index;
        return;
      }
    }
  }
}
