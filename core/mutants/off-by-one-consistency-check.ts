import type { Message } from '../messages.js';
import { RaftNode } from '../node.js';

/**
 * Lets a request through the consistency check when prevLogIndex is one past the end of its log (the
 * check compares with the log length where it should compare with the last index, §5.3). The entries
 * then land one index early, under the indexes the leader believes they have.
 */
export class OffByOneConsistencyCheckNode extends RaftNode {
  override step(message: Message): void {
    const last = this.log.lastIndex();
    if (message.type === 'AppendEntriesRequest' && message.term >= this.term && message.prevLogIndex === last + 1) {
      super.step({ ...message, prevLogIndex: last, prevLogTerm: this.log.lastTerm() });
      return;
    }
    super.step(message);
  }
}
