/**
 * The leader's side of log replication (§5.3, §5.4.2): what it sends each follower (entries, heartbeats,
 * snapshots, TimeoutNow for a transfer), what it learns from their answers, and when an entry is committed.
 */
import type { AppendEntriesResponse } from '../messages.js';
import type { PeerProgress } from '../progress.js';
import { quorumMatchIndex } from '../quorum.js';
import type { LeaderView } from '../rules.js';
import type { Entry, NodeId } from '../types.js';
import { LeadershipReads } from './leadership-reads.js';

const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

export abstract class LeaderReplication extends LeadershipReads {
  /** Defined with the role changes in elections.ts. */
  protected abstract becomeFollower(term: number, leaderId: NodeId | null, resetTimer?: boolean): void;

  transferLeadership(to: NodeId): boolean {
    const progress = this.progress[to];
    if (this.role !== 'leader' || to === this.id || progress === undefined) return false;
    this.transferee = to;
    this.transferElapsed = 0;
    if (progress.matchIndex === this.log.lastIndex()) this.sendTimeoutNow(to);
    else if (progress.state === 'replicate') this.sendWhileWindowOpen(to, progress);
    else this.sendAppend(to, progress);
    return true;
  }

  private sendTimeoutNow(to: NodeId): void {
    this.timeoutNowSent = true;
    this.send({ type: 'TimeoutNowRequest', from: this.id, to, term: this.term });
  }

  protected handleAppendEntriesResponse(response: AppendEntriesResponse): void {
    const progress = this.progress[response.from];
    if (progress === undefined) return;
    const round = response.round ?? 0;
    if (round > progress.ackedRound) progress.ackedRound = round;
    if (this.pendingReads.length > 0) this.releaseConfirmedReads();
    if (progress.state === 'snapshot') {
      // Until the snapshot is acknowledged, refusals and older acknowledgements answer earlier requests.
      if (!response.success) return;
      if (response.matchIndex < progress.pendingSnapshot) {
        if (response.matchIndex > progress.matchIndex) progress.matchIndex = response.matchIndex;
        return;
      }
    }
    if (response.success) {
      if (response.matchIndex > progress.matchIndex) progress.matchIndex = response.matchIndex;
      if (progress.nextIndex <= progress.matchIndex) progress.nextIndex = progress.matchIndex + 1;
      progress.acknowledge(response.matchIndex);
      progress.state = 'replicate';
      progress.probeSent = false;
      this.maybeAdvanceCommitIndex();
      if (this.transferee === response.from && progress.matchIndex === this.log.lastIndex()) this.sendTimeoutNow(response.from);
      else this.sendWhileWindowOpen(response.from, progress);
      return;
    }
    // A refusal of an index the follower already acknowledged, or of a probe we no longer wait for, is stale.
    if (response.rejectedIndex <= progress.matchIndex) return;
    if (progress.state === 'probe' && response.rejectedIndex !== progress.nextIndex - 1) return;
    const hinted = this.nextIndexFromHint(response);
    progress.becomeProbe(Math.max(progress.matchIndex + 1, Math.min(hinted, response.rejectedIndex)));
    this.sendAppend(response.from, progress);
  }

  /** Replicate state: stream the entries the follower lacks, up to the window of unanswered requests. */
  private sendWhileWindowOpen(peer: NodeId, progress: PeerProgress): void {
    const lastIndex = this.log.lastIndex();
    // A request may find the entries compacted and send the snapshot instead, which ends replicate state.
    while (progress.state === 'replicate' && progress.nextIndex <= lastIndex && progress.inflightCount() < this.options.maxInflightAppends) {
      this.sendAppend(peer, progress);
    }
  }

  /** Dissertation §5.3: back up a whole term per round trip rather than one index. */
  private nextIndexFromHint(response: AppendEntriesResponse): number {
    if (response.conflictTerm > 0) {
      const lastOfTerm = this.log.lastIndexOfTerm(response.conflictTerm);
      if (lastOfTerm > 0) return lastOfTerm + 1;
    }
    return response.conflictIndex;
  }

  /** §5.3, §5.4.2: commit the highest index a majority holds, if that entry is of the current term. */
  protected maybeAdvanceCommitIndex(): void {
    // Counting replicas first spares the sort in quorumMatchIndex in the two common cases: most
    // acknowledgements (every heartbeat's) leave no majority beyond the commit index, and entries
    // usually reach a majority one at a time, so that the index a majority holds is the next one.
    if (!this.majorityHoldsBeyond(this.commitIndex)) return;
    const next = this.commitIndex + 1;
    const quorumIndex = this.majorityHoldsBeyond(next) ? this.highestIndexOfMajority() : next;
    if (!this.rules.mayCommitByCounting(this.log.termAt(quorumIndex), this.term)) return;
    const previous = this.commitIndex;
    this.commitIndex = quorumIndex;
    // A change committed: the servers it removed no longer hear from this leader.
    const changeAt = this.configs.latestIndex();
    if (changeAt > previous && changeAt <= quorumIndex) this.useReplicas();
    // §4.2.2: a leader removed from the configuration leads until that change is committed, then steps down.
    if (!this.voter && this.configs.latestIndex() <= this.commitIndex) this.becomeFollower(this.term, null);
  }

  /** A variant's rule may move a leader's commit index after each input (see rules.ts); the reference rules have none. */
  protected consultCommitRule(): void {
    if (this.role !== 'leader' || this.rules.commitIndexAfterInput === undefined) return;
    const leader: LeaderView = {
      term: this.term,
      commitIndex: this.commitIndex,
      log: this.log,
      members: this.members,
      peers: this.peers,
      matchIndexOf: (peer) => this.progress[peer]!.matchIndex,
    };
    this.commitIndex = this.rules.commitIndexAfterInput(leader);
  }

  /** The highest index a majority holds, counting this node by its durable log. */
  private highestIndexOfMajority(): number {
    for (let position = 0; position < this.members.length; position++) {
      const member = this.members[position]!;
      this.matchScratch[position] = member === this.id ? this.persistedIndex : this.progress[member]!.matchIndex;
    }
    return quorumMatchIndex(this.matchScratch, this.quorum());
  }

  /** Whether a majority of the members (this node by its durable log) holds some entry past `index`. */
  private majorityHoldsBeyond(index: number): boolean {
    let holders = this.voter && this.persistedIndex > index ? 1 : 0;
    for (const peer of this.peers) if (this.progress[peer]!.matchIndex > index) holders++;
    return holders >= this.quorum();
  }

  protected sendNewEntries(): void {
    const lastIndex = this.log.lastIndex();
    for (const peer of this.replicas) {
      const progress = this.progress[peer]!;
      if (progress.nextIndex > lastIndex || progress.state === 'snapshot') continue;
      if (progress.state === 'replicate') this.sendWhileWindowOpen(peer, progress);
      else if (!progress.probeSent) this.sendAppend(peer, progress);
    }
  }

  /**
   * Every follower hears from the leader each heartbeat interval. In probe state the heartbeat is the
   * next probe. In replicate state it goes at the end of what was sent (empty when the window is full):
   * links deliver in order, so if the follower lacks something it was lost, and the refusal sends the
   * follower back to probing; nothing else would notice a lost last request once clients fall silent.
   */
  protected sendHeartbeats(newRound = true): void {
    if (newRound) this.startRound();
    for (const peer of this.replicas) {
      const progress = this.progress[peer]!;
      progress.probeSent = false;
      const windowFull = progress.state === 'replicate' && progress.inflightCount() >= this.options.maxInflightAppends;
      this.sendAppend(peer, progress, !windowFull);
    }
  }

  private sendAppend(peer: NodeId, progress: PeerProgress, withEntries = true): void {
    const prevLogIndex = progress.nextIndex - 1;
    // A follower that needs compacted entries gets the snapshot, again each heartbeat until it answers.
    if (progress.state === 'snapshot' || this.log.isCompacted(prevLogIndex)) return this.sendSnapshot(peer, progress);
    const prevLogTerm = this.log.termAt(prevLogIndex);
    if (prevLogTerm === undefined) throw new Error(`leader ${this.id} has no entry at ${prevLogIndex} for node ${peer}`);
    const lastToSend = withEntries ? Math.min(this.log.lastIndex(), prevLogIndex + this.options.maxEntriesPerAppend) : prevLogIndex;
    const entries = lastToSend > prevLogIndex ? this.log.slice(prevLogIndex + 1, lastToSend) : NO_ENTRIES;
    this.send({
      type: 'AppendEntriesRequest',
      from: this.id,
      to: peer,
      term: this.term,
      prevLogIndex,
      prevLogTerm,
      entries,
      leaderCommit: this.commitIndex,
      round: this.round,
    });
    if (progress.state === 'probe') {
      progress.probeSent = true;
    } else if (withEntries && lastToSend > prevLogIndex) {
      progress.nextIndex = lastToSend + 1;
      progress.sentUpTo(lastToSend);
    }
  }

  private sendSnapshot(peer: NodeId, progress: PeerProgress): void {
    const snapshot = this.snapshot;
    if (snapshot === null) throw new Error(`leader ${this.id} has compacted its log but holds no snapshot`);
    progress.becomeSnapshot(snapshot.lastIndex);
    this.send({ type: 'InstallSnapshotRequest', from: this.id, to: peer, term: this.term, snapshot, round: this.round });
  }
}
