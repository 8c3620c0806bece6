import type { Ready } from '../contract.js';
import { RaftNode } from '../node.js';
import type { HardState } from '../types.js';

/**
 * Answers a vote before the vote is durable: the granted response leaves in a Ready that asks for no
 * write, and the vote itself is written in the next one. A crash in between forgets the vote, and the
 * restarted node can vote again in the same term: two leaders of one term.
 */
export class VoteBeforeDurableNode extends RaftNode {
  private deferredHardState: HardState | null = null;

  override hasReady(): boolean {
    return this.deferredHardState !== null || super.hasReady();
  }

  override ready(): Ready {
    const ready = super.ready();
    const deferred = this.deferredHardState;
    this.deferredHardState = null;
    const grantsVote = ready.messages.some((message) => message.type === 'RequestVoteResponse' && message.voteGranted && message.preVote !== true);
    if (grantsVote && ready.hardState !== null) {
      this.deferredHardState = ready.hardState;
      return { ...ready, hardState: deferred };
    }
    // A newer hard state supersedes the deferred one; otherwise the deferred vote is written now.
    return ready.hardState === null && deferred !== null ? { ...ready, hardState: deferred } : ready;
  }
}
