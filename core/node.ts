/**
 * The reference Raft node: the paper's Figure 2 as a pure state machine, in the manner of etcd's raft.
 * Ticks, messages and proposals go in; a Ready comes out (see contract.ts). Role changes happen only in
 * becomeFollower, becomePreCandidate, becomeCandidate and becomeLeader (node/elections.ts); step()
 * settles the term of every message first and then hands it to the handler of the current role.
 *
 * This file holds the inputs and the choice of handler; the parts of the protocol they call are the
 * layers under node/ (see node/state.ts). At each decision point the node consults the rules it was
 * created with (rules.ts): the reference rules, or those of a variant such as a known bug (see
 * variants.ts and docs/bugs.md).
 */
import { applyChange, configEntry } from './configuration.js';
import type { ConfigChange } from './configuration.js';
import type { NodeConfig, ProposeResult, RaftNodeInstance } from './contract.js';
import type { AppendEntriesRequest, InstallSnapshotRequest, Message } from './messages.js';
import type { Snapshot } from './types.js';
import { MAX_PENDING_READS } from './node/leadership-reads.js';
import { NodeReady } from './node/ready.js';

export class RaftNode extends NodeReady implements RaftNodeInstance {
  // ---- Inputs -------------------------------------------------------------------------------------

  tick(): void {
    if (this.role === 'leader') {
      this.leaderTicks++;
      // A transfer that has not finished within an election timeout is abandoned (§3.10).
      if (this.transferee !== null && ++this.transferElapsed >= this.options.electionTimeoutMinTicks) this.transferee = null;
      if (this.options.checkQuorum && this.checkQuorumDue() && !this.quorumActive()) {
        this.becomeFollower(this.term, null);
        return;
      }
      this.heartbeatElapsed++;
      if (this.heartbeatElapsed >= this.options.heartbeatTicks) {
        this.heartbeatElapsed = 0;
        this.sendHeartbeats();
      }
      return;
    }
    this.electionElapsed++;
    this.leaderContactElapsed++;
    if (this.electionElapsed < this.randomizedElectionTimeout) return;
    if (!this.mayStand()) {
      this.resetElectionTimer();
      return;
    }
    if (this.options.preVote) this.becomePreCandidate();
    else this.becomeCandidate();
  }

  /**
   * The optional rules of a variant (rules.ts) act around the step: what the node takes the message to
   * be, and what it does after it. The reference rules have none; the node pays one check for each.
   */
  step(message: Message): void {
    if (this.integrity !== 'none' && this.refusedOnSight(message)) return;
    const received = this.rules.received === undefined ? message : this.rules.received(message, this.term, this.log);
    if (received === null) return;
    this.stepMessage(received);
    if (this.rules.restartsElectionTimerAfter !== undefined && this.role === 'follower' && this.rules.restartsElectionTimerAfter(received)) {
      this.resetElectionTimer();
    }
    if (this.rules.commitIndexAfterInput !== undefined) this.consultCommitRule();
  }

  /**
   * With integrity on, a message whose seal does not hold is dropped as if lost, before its term is
   * looked at; authenticated, a vote request or vote from a server outside the configuration is too, so
   * that a removed server can neither disrupt the cluster's terms nor help elect anyone.
   */
  private refusedOnSight(message: Message): boolean {
    const level = this.integrity as Exclude<typeof this.integrity, 'none'>;
    const problem =
      this.rules.sealProblem(message, level) ??
      (level === 'authenticated' && (message.type === 'RequestVoteRequest' || message.type === 'RequestVoteResponse') &&
      this.rules.outsideConfiguration(message.from, this.members, this.configs.at(this.commitIndex))
        ? `node ${message.from} is outside the configuration`
        : null);
    if (problem === null) return false;
    this.reject(message, problem);
    return true;
  }

  /** Settles the message's term (§5.1), then hands it to the handler of the current role. */
  private stepMessage(message: Message): void {
    if (message.to !== this.id) throw new Error(`node ${this.id} was handed a message for node ${message.to}`);
    // §5.1: a higher term in any request or response makes this node a follower of that term.
    if (message.term > this.term) {
      const voteRequest = message.type === 'RequestVoteRequest';
      // CheckQuorum's leader stickiness: while the leader was heard from within the minimum election
      // timeout, a vote request comes from a node that merely lost touch; it is ignored, term and all.
      if (voteRequest && message.leadershipTransfer !== true && this.inLease()) return;
      // A pre-vote request or a granted pre-vote carries a term nobody holds yet: no one adopts it.
      if (this.carriesProposedTerm(message)) return this.stepByRole(message);
      // Figure 2: only a leader's AppendEntries or a granted vote resets a follower's election timer.
      // A vote request from a candidate whose log may be too short to win must not hold back a
      // follower that could; the vote, if granted, resets the timer in handleRequestVote.
      const fromLeader = message.type === 'AppendEntriesRequest' || message.type === 'InstallSnapshotRequest';
      this.becomeFollower(message.term, fromLeader ? message.from : null, fromLeader || this.role !== 'follower');
    } else if (message.term < this.term) {
      this.answerStaleMessage(message);
      return;
    }
    this.stepByRole(message);
  }

  private stepByRole(message: Message): void {
    if (this.role === 'leader') {
      const progress = this.progress[message.from];
      if (progress !== undefined) progress.recentActive = true;
    }
    switch (this.role) {
      case 'leader':
        this.stepLeader(message);
        break;
      case 'candidate':
        this.stepCandidate(message);
        break;
      case 'precandidate':
        this.stepPreCandidate(message);
        break;
      case 'follower':
        this.stepFollower(message);
        break;
    }
  }

  private carriesProposedTerm(message: Message): boolean {
    if (message.type === 'RequestVoteRequest') return message.preVote === true;
    return message.type === 'RequestVoteResponse' && message.preVote === true && message.voteGranted;
  }

  propose(command: string): ProposeResult {
    const result = this.proposeCommand(command);
    if (this.rules.commitIndexAfterInput !== undefined) this.consultCommitRule();
    return result;
  }

  private proposeCommand(command: string): ProposeResult {
    // While leadership is being handed over, new entries would only delay the successor (§3.10).
    if (this.role !== 'leader' || this.transferee !== null) return { accepted: false, leaderId: this.leaderId };
    const index = this.appendToOwnLog({ term: this.term, kind: 'command', command });
    this.sendNewEntries();
    return { accepted: true, index, term: this.term };
  }

  proposeConfigChange(change: ConfigChange): ProposeResult {
    if (this.role !== 'leader' || this.transferee !== null) return { accepted: false, leaderId: this.leaderId, reason: 'not the leader' };
    const refusal = this.configChangeRefusal();
    if (refusal !== null) return { accepted: false, leaderId: this.id, reason: refusal };
    const members = applyChange(this.members, change);
    if (members === null) return { accepted: false, leaderId: this.id, reason: `${change.type} ${change.node} changes nothing` };
    if (members.length === 0) return { accepted: false, leaderId: this.id, reason: 'the configuration would have no members' };
    const index = this.appendToOwnLog(configEntry(this.term, members));
    this.sendNewEntries();
    return { accepted: true, index, term: this.term };
  }

  /**
   * Single-server changes are safe only one at a time (§4.2): a change waits until the previous one is
   * committed, and until this leader has committed an entry of its own term, without which a change
   * of an earlier leader that this one does not know of could still be committed (dissertation errata).
   */
  private configChangeRefusal(): string | null {
    if (this.log.termAt(this.commitIndex) !== this.term) return `no entry of term ${this.term} is committed yet`;
    return this.rules.uncommittedConfigChange(this.configs.latestIndex(), this.commitIndex);
  }

  compact(index: number, data: string): Snapshot | null {
    if (index <= this.log.snapshotIndex || index > this.appliedIndex) return null;
    const snapshot: Snapshot = { lastIndex: index, lastTerm: this.log.termAt(index)!, members: this.configs.at(index), data };
    this.snapshot = snapshot;
    this.configs.compactedThrough(index);
    this.log.compactThrough(index);
    return snapshot;
  }

  read(context: number): boolean {
    if (this.role === 'follower' && this.rules.readAsFollower !== undefined) {
      const index = this.rules.readAsFollower(this.commitIndex);
      if (index === null) return false;
      this.answerRead({ context, index });
      return true;
    }
    // §6.4, step 1: a new leader's commit index is known to be current only once it committed an entry of its term.
    if (this.role !== 'leader' || this.transferee !== null || this.log.termAt(this.commitIndex) !== this.term) return false;
    if (this.rules.mayReadWithoutRound(this.options.leaseReads && this.leaseHolds())) {
      this.answerRead({ context, index: this.commitIndex });
      return true;
    }
    if (this.pendingReads.length >= MAX_PENDING_READS) return false;
    // Step 2: a heartbeat round sent after the read arrived, answered by a majority, shows this node still leads.
    this.startRound();
    this.pendingReads.push({ context, index: this.commitIndex, round: this.round });
    this.heartbeatElapsed = 0;
    this.sendHeartbeats(false);
    this.releaseConfirmedReads();
    return true;
  }

  // ---- Per-role handlers (the message's term equals the node's term here) -------------------------

  private stepLeader(message: Message): void {
    switch (message.type) {
      case 'AppendEntriesResponse':
        this.handleAppendEntriesResponse(message);
        break;
      case 'RequestVoteRequest':
        this.handleRequestVote(message);
        break;
      // Another leader of this term cannot exist while Election Safety holds; votes are no longer needed.
      case 'AppendEntriesRequest':
      case 'InstallSnapshotRequest':
      case 'RequestVoteResponse':
        break;
    }
  }

  private stepCandidate(message: Message): void {
    switch (message.type) {
      case 'RequestVoteResponse':
        if (message.preVote !== true) this.handleVoteResponse(message);
        break;
      case 'RequestVoteRequest':
        this.handleRequestVote(message);
        break;
      case 'AppendEntriesRequest':
      case 'InstallSnapshotRequest':
        this.followLeaderOfThisTerm(message);
        break;
      case 'AppendEntriesResponse':
        break;
    }
  }

  private stepPreCandidate(message: Message): void {
    switch (message.type) {
      case 'RequestVoteResponse':
        // Granted pre-votes carry the proposed term; refusals from this term change nothing.
        if (message.preVote !== true || message.term !== this.term + 1 || !message.voteGranted) break;
        if (this.countVote(message.from)) this.becomeCandidate();
        break;
      case 'RequestVoteRequest':
        this.handleRequestVote(message);
        break;
      case 'AppendEntriesRequest':
      case 'InstallSnapshotRequest':
        this.followLeaderOfThisTerm(message);
        break;
      case 'AppendEntriesResponse':
        break;
    }
  }

  /** §5.2: a leader of this node's own term has won; a (pre)candidate falls back and accepts it. */
  private followLeaderOfThisTerm(request: AppendEntriesRequest | InstallSnapshotRequest): void {
    this.becomeFollower(request.term, request.from);
    if (request.type === 'AppendEntriesRequest') this.handleAppendEntries(request);
    else this.handleInstallSnapshot(request);
  }

  private stepFollower(message: Message): void {
    switch (message.type) {
      case 'AppendEntriesRequest':
        this.handleAppendEntries(message);
        break;
      case 'InstallSnapshotRequest':
        this.handleInstallSnapshot(message);
        break;
      case 'TimeoutNowRequest':
        // The leader hands over: stand now, skipping PreVote, whose purpose is to avoid disruption.
        if (this.mayStand()) this.becomeCandidate(true);
        break;
      case 'RequestVoteRequest':
        this.handleRequestVote(message);
        break;
      case 'RequestVoteResponse':
      case 'AppendEntriesResponse':
        break;
    }
  }

  /** A message from an older term: tell a sender that expects an answer about the newer term. */
  private answerStaleMessage(message: Message): void {
    if (message.type === 'AppendEntriesRequest' || message.type === 'InstallSnapshotRequest') {
      // The answer only tells the sender of the newer term. It must not echo the request's heartbeat
      // round or index: the sender may lead this newer term by now, and would take a round of its
      // earlier leadership, answered late, for an acknowledgement of a round of its current one (a
      // read confirmed, a lease extended) by a node that heard nothing from it.
      this.send({
        type: 'AppendEntriesResponse',
        from: this.id,
        to: message.from,
        term: this.term,
        success: false,
        matchIndex: 0,
        rejectedIndex: 0,
        conflictTerm: 0,
        conflictIndex: 0,
        round: 0,
      });
    } else if (message.type === 'RequestVoteRequest') {
      this.send(this.voteResponse(message, this.term, false));
    }
  }

  // ---- CheckQuorum --------------------------------------------------------------------------------

  /** A leader checks once per minimum election timeout whether a majority was heard from. */
  private checkQuorumDue(): boolean {
    this.electionElapsed++;
    if (this.electionElapsed < this.options.electionTimeoutMinTicks) return false;
    this.electionElapsed = 0;
    return true;
  }

  /** Whether a majority (this leader included) was heard from since the last check; starts a new period. */
  private quorumActive(): boolean {
    let active = this.voter ? 1 : 0;
    for (const peer of this.peers) {
      const progress = this.progress[peer]!;
      if (progress.recentActive) active++;
      progress.recentActive = false;
    }
    return active >= this.quorum();
  }

  /** A leader, or a follower that heard from its leader within the minimum election timeout (CheckQuorum only). */
  private inLease(): boolean {
    if (!this.options.checkQuorum) return false;
    // A leader under CheckQuorum steps down by itself once it loses its majority; until then a higher
    // term in a vote request comes from a node that lost touch, such as one whose add was never committed.
    if (this.role === 'leader') return true;
    return this.role === 'follower' && this.leaderContactElapsed < this.options.electionTimeoutMinTicks;
  }
}

export const referenceImplementation = {
  name: 'reference',
  create: (config: NodeConfig): RaftNodeInstance => new RaftNode(config),
} as const;
