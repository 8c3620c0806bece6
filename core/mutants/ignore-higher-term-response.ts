import type { Message } from '../messages.js';
import { RaftNode } from '../node.js';

/**
 * Drops a response that carries a higher term instead of adopting the term and stepping down (§5.1
 * applies to responses as much as to requests). A deposed leader goes on leading its old term, taking
 * commands that can never commit and sending messages of a term the cluster has left.
 */
export class IgnoreHigherTermResponseNode extends RaftNode {
  override step(message: Message): void {
    const response = message.type === 'AppendEntriesResponse' || (message.type === 'RequestVoteResponse' && message.preVote !== true);
    if (response && message.term > this.term) return;
    super.step(message);
  }
}
