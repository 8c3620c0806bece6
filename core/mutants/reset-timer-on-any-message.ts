import type { Message } from '../messages.js';
import { RaftNode } from '../node.js';

/**
 * Restarts its election timer on every message it receives, rather than only on AppendEntries from
 * the current leader or on granting a vote (Figure 2, rules for followers). Refused vote requests and
 * messages from stale leaders hold it back from standing, so elections come late or not at all.
 */
export class ResetTimerOnAnyMessageNode extends RaftNode {
  override step(message: Message): void {
    super.step(message);
    if (this.role === 'follower') this.resetElectionTimer();
  }
}
