/**
 * The follower's side of AppendEntries (Figure 2) and InstallSnapshot (§7, Figure 13): the consistency
 * check, storing the leader's entries, following its commit index, and installing its snapshot.
 */
import type { AppendEntriesRequest, AppendEntriesResponse, InstallSnapshotRequest } from '../messages.js';
import type { LogEditor } from '../rules.js';
import type { NodeId, Snapshot } from '../types.js';
import { LeaderReplication } from './leader-replication.js';

export abstract class FollowerLog extends LeaderReplication {
  /** The node's own log as the rules' storeEntries edits it; made once, as it serves every AppendEntries. */
  private readonly logEditor: LogEditor = {
    log: this.log,
    truncateFrom: (fromIndex) => this.truncateOwnLog(fromIndex),
    append: (entry) => this.appendToOwnLog(entry),
  };

  protected handleAppendEntries(request: AppendEntriesRequest): void {
    this.heardFromLeader(request.from);
    if (request.prevLogIndex < this.log.snapshotIndex) {
      // The request starts inside this node's snapshot, which holds only committed entries and so
      // matches the leader's log: acknowledge the snapshot and let the leader go on from there.
      this.send(this.appendAcceptance(request.from, this.log.snapshotIndex, request.round));
      return;
    }
    const prevTerm = this.log.termAt(request.prevLogIndex);
    if (prevTerm === undefined) {
      // Our log is too short to hold prevLogIndex: ask for what follows our last entry.
      this.send(this.appendRejection(request, 0, this.log.lastIndex() + 1));
      return;
    }
    if (prevTerm !== request.prevLogTerm) {
      // §5.3 conflict hint: the leader can skip every entry of our conflicting term at once.
      this.send(this.appendRejection(request, prevTerm, this.log.firstIndexOfTermEndingAt(request.prevLogIndex)));
      return;
    }
    this.rules.storeEntries(this.logEditor, request.prevLogIndex, request.entries);
    const lastNewIndex = request.prevLogIndex + request.entries.length;
    // Figure 2, rule 5: never beyond what this request proved matches the leader's log.
    const newCommitIndex = Math.min(request.leaderCommit, lastNewIndex);
    if (newCommitIndex > this.commitIndex) this.commitIndex = newCommitIndex;
    this.send(this.appendAcceptance(request.from, lastNewIndex, request.round));
  }

  /** Figure 2: the leader of this term was heard from, which restarts the election timer (and CheckQuorum's stickiness). */
  private heardFromLeader(leader: NodeId): void {
    this.resetElectionTimer();
    this.leaderContactElapsed = 0;
    if (this.leaderId !== leader) {
      this.leaderId = leader;
      this.softStateChanged = true;
    }
  }

  /** The answer to a request that passed; `round` echoes the request's (0 when it carried none). */
  private appendAcceptance(leader: NodeId, matchIndex: number, round: number | undefined): AppendEntriesResponse {
    // One object literal of one shape: this runs for every AppendEntries a follower accepts.
    return {
      type: 'AppendEntriesResponse',
      from: this.id,
      to: leader,
      term: this.term,
      success: true,
      matchIndex,
      rejectedIndex: 0,
      conflictTerm: 0,
      conflictIndex: 0,
      round: round ?? 0,
    };
  }

  // ---- InstallSnapshot, follower side (§7, Figure 13) ---------------------------------------------

  protected handleInstallSnapshot(request: InstallSnapshotRequest): void {
    this.heardFromLeader(request.from);
    const snapshot = request.snapshot;
    switch (this.rules.snapshotHandling(snapshot, this.commitIndex, this.log)) {
      case 'ignore':
        // Everything the snapshot holds is committed here already, and so held.
        this.send(this.appendAcceptance(request.from, this.commitIndex, request.round));
        return;
      case 'keep-log':
        this.commitIndex = snapshot.lastIndex;
        break;
      case 'replace-log':
        this.installSnapshot(snapshot);
        break;
    }
    this.send(this.appendAcceptance(request.from, snapshot.lastIndex, request.round));
  }

  private installSnapshot(snapshot: Snapshot): void {
    this.log.resetToSnapshot(snapshot.lastIndex, snapshot.lastTerm);
    this.configs.reset(snapshot.members);
    this.useLatestConfig();
    this.snapshot = snapshot;
    this.snapshotToInstall = snapshot;
    this.commitIndex = snapshot.lastIndex;
    this.appliedIndex = snapshot.lastIndex;
    // Nothing of the old log counts as persisted any more; the snapshot does once its Ready is durable.
    this.unstableFrom = 0;
    this.truncatedSinceReady = 1;
    this.persistedIndex = 0;
  }

  protected appendRejection(request: AppendEntriesRequest | InstallSnapshotRequest, conflictTerm: number, conflictIndex: number): AppendEntriesResponse {
    return {
      type: 'AppendEntriesResponse',
      from: this.id,
      to: request.from,
      term: this.term,
      success: false,
      matchIndex: 0,
      rejectedIndex: request.type === 'AppendEntriesRequest' ? request.prevLogIndex : 0,
      conflictTerm,
      conflictIndex,
      round: request.round ?? 0,
    };
  }
}
