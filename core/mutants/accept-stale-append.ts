import type { Message } from '../messages.js';
import { RaftNode } from '../node.js';

/**
 * Accepts AppendEntries from a leader of an older term as if it came from the current one, instead of
 * refusing it (Figure 2, AppendEntries rule 1). A deposed leader's late requests then overwrite
 * entries the new leader has committed.
 */
export class AcceptStaleAppendNode extends RaftNode {
  override step(message: Message): void {
    if (message.type === 'AppendEntriesRequest' && message.term < this.term) {
      super.step({ ...message, term: this.term });
      return;
    }
    super.step(message);
  }
}
