/**
 * What a leader knows of one follower's log (Figure 2's nextIndex and matchIndex), plus the flow
 * control state etcd's raft calls probe and replicate.
 *
 * - probe: the leader does not know where the follower's log matches its own; it sends one
 *   AppendEntries at a time and waits for the answer (or the next heartbeat) before sending another.
 * - replicate: the follower acknowledged an append; the leader streams new entries optimistically,
 *   moving nextIndex past what it sent before the answer arrives, with at most maxInflightAppends
 *   requests unanswered, so a follower far behind catches up many requests per round trip and a slow
 *   one is not flooded.
 * - snapshot: the follower needs entries the leader has compacted away; a snapshot is on its way and
 *   is sent again each heartbeat until the follower acknowledges it.
 */
export type ReplicationState = 'probe' | 'replicate' | 'snapshot';

export class PeerProgress {
  matchIndex = 0;
  nextIndex: number;
  state: ReplicationState = 'probe';
  /** In probe state: an AppendEntries is out and unanswered. */
  probeSent = false;
  /** CheckQuorum: the follower was heard from since the leader last checked. */
  recentActive = false;
  /** The highest heartbeat round the follower has answered (reads and leases). */
  ackedRound = 0;
  /** In snapshot state: the last index of the snapshot sent. */
  pendingSnapshot = 0;
  /** In replicate state: the last index carried by each unanswered request, oldest first. */
  private readonly inflight: number[] = [];

  constructor(nextIndex: number) {
    this.nextIndex = nextIndex;
  }

  inflightCount(): number {
    return this.inflight.length;
  }

  sentUpTo(lastIndex: number): void {
    this.inflight.push(lastIndex);
  }

  /** An acknowledgement up to `matchIndex` answers every request that carried nothing beyond it. */
  acknowledge(matchIndex: number): void {
    const inflight = this.inflight;
    let answered = 0;
    for (const lastIndex of inflight) {
      if (lastIndex > matchIndex) break;
      answered++;
    }
    // Most acknowledgements (every heartbeat's) answer nothing new, and setting an array's length costs
    // even when it does not change it.
    if (answered === 0) return;
    // Moved down in place: splice would build an array of the answered requests, one per acknowledgement.
    inflight.copyWithin(0, answered);
    inflight.length -= answered;
  }

  becomeSnapshot(snapshotIndex: number): void {
    this.state = 'snapshot';
    this.pendingSnapshot = snapshotIndex;
    this.nextIndex = snapshotIndex + 1;
    this.probeSent = false;
    this.inflight.length = 0;
  }

  becomeProbe(nextIndex: number): void {
    this.state = 'probe';
    this.nextIndex = nextIndex;
    this.probeSent = false;
    this.inflight.length = 0;
  }
}
