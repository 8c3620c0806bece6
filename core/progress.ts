/**
 * What a leader knows of one follower's log (Figure 2's nextIndex and matchIndex), plus the flow
 * control state etcd's raft calls probe and replicate.
 *
 * - probe: the leader does not know where the follower's log matches its own; it sends one
 *   AppendEntries at a time and waits for the answer (or the next heartbeat) before sending another.
 * - replicate: the follower acknowledged an append; the leader streams new entries optimistically,
 *   moving nextIndex past what it sent before the answer arrives.
 */
export type ReplicationState = 'probe' | 'replicate';

export class PeerProgress {
  matchIndex = 0;
  nextIndex: number;
  state: ReplicationState = 'probe';
  /** In probe state: an AppendEntries is out and unanswered. */
  probeSent = false;

  constructor(nextIndex: number) {
    this.nextIndex = nextIndex;
  }
}
