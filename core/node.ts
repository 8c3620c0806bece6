/**
 * The reference Raft node: the paper's Figure 2 as a pure state machine, in the manner of etcd's raft.
 * Ticks, messages and proposals go in; a Ready comes out (see contract.ts). Role changes happen only in
 * becomeFollower, becomeCandidate and becomeLeader; step() settles the term of every message first and
 * then hands it to the handler of the current role.
 */
import { applyChange, ConfigHistory, configEntry } from './configuration.js';
import type { ConfigChange } from './configuration.js';
import type { CommittedEntries, NodeConfig, ProposeResult, RaftNodeInstance, Ready, ReadState } from './contract.js';
import { RaftLog } from './log.js';
import type {
  AppendEntriesRequest,
  AppendEntriesResponse,
  InstallSnapshotRequest,
  Message,
  RequestVoteRequest,
  RequestVoteResponse,
} from './messages.js';
import type { CoreOptions } from './options.js';
import { coreOptionsProblem } from './options.js';
import { PeerProgress } from './progress.js';
import { majority, quorumMatchIndex } from './quorum.js';
import type { RandomSource } from './random.js';
import { randomIntInclusive } from './random.js';
import type { Entry, NodeId, Role, Snapshot } from './types.js';

const NO_ENTRIES: readonly Entry[] = Object.freeze([]);
const NO_MESSAGES: readonly Message[] = Object.freeze([]);
const NO_READS: readonly ReadState[] = Object.freeze([]);
/** Reads waiting for a heartbeat round; more are refused, so a leader cut off cannot hoard them. */
const MAX_PENDING_READS = 1024;
/** Heartbeat rounds whose sending tick is remembered; a lease resting on an older round has long expired. */
const ROUND_HISTORY = 256;

/** What a follower does with a snapshot from its leader (§7, Figure 13). */
export type SnapshotHandling = 'ignore' | 'keep-log' | 'replace-log';

interface PendingRead {
  readonly context: number;
  readonly index: number;
  readonly round: number;
}

export class RaftNode implements RaftNodeInstance {
  readonly id: NodeId;
  /** The configuration in force: the latest in the log (§4.1), committed or not. */
  protected members: readonly NodeId[];
  protected peers: readonly NodeId[];
  /**
   * Whom a leader replicates to: the peers, and the members of the committed configuration that a
   * change not yet committed removes. They go on hearing from the leader until their removal is
   * committed, rather than time out and disrupt the cluster with elections meanwhile (§4.2.3).
   */
  protected replicas: readonly NodeId[];
  /** Whether this node is a voting member of the configuration in force. */
  protected voter: boolean;
  protected readonly configs: ConfigHistory;
  protected readonly options: CoreOptions;
  private readonly random: RandomSource;

  // Persistent state (Figure 2): never lost in a crash once handed out in a Ready and persisted.
  protected term = 0;
  protected votedFor: NodeId | null = null;
  protected readonly log: RaftLog;
  /** The latest snapshot, taken here or received; null while the log was never compacted. */
  protected snapshot: Snapshot | null;

  // Volatile state: lost in a crash.
  protected role: Role = 'follower';
  protected leaderId: NodeId | null = null;
  protected commitIndex = 0;
  /** The last index handed out in a Ready's committedEntries. */
  private appliedIndex = 0;
  /** The last index the host confirmed durable (through advance). */
  private persistedIndex: number;
  private electionElapsed = 0;
  private heartbeatElapsed = 0;
  private randomizedElectionTimeout: number;
  protected readonly votesGranted = new Set<NodeId>();
  /** Leadership transfer under way: the chosen successor, and ticks since the transfer began. */
  private transferee: NodeId | null = null;
  private transferElapsed = 0;
  /** The leader's view of each peer's log, indexed by node id (an array: it is read on every acknowledgement). */
  protected readonly progress: (PeerProgress | undefined)[] = [];
  private matchScratch: number[];
  // Reads (dissertation §6.4): heartbeat rounds, when each was sent, and reads waiting for a round.
  private round = 0;
  private leaderTicks = 0;
  private readonly roundSentAt: number[] = new Array<number>(ROUND_HISTORY).fill(0);
  private readonly pendingReads: PendingRead[] = [];
  private readyReads: ReadState[] | null = null;
  /**
   * Ticks since this node, as a follower, last heard from a leader of its term (CheckQuorum's
   * stickiness, see inLease). Kept apart from the election timer, which a granted vote also restarts,
   * and not forgotten when a message of a higher term arrives from anyone but a leader.
   */
  private leaderContactElapsed: number;
  /** How long a lease lasts, in the leader's ticks (see CoreOptions.leaseClockDrift). */
  private readonly leaseTicks: number;
  private timeoutNowSent = false;

  // Output not yet handed out in a Ready.
  /** Null while empty: most inputs send nothing, and a Ready without messages shares NO_MESSAGES. */
  private outbox: Message[] | null = null;
  private hardStateChanged = false;
  private softStateChanged = false;
  /**
   * The lowest log index changed since the last Ready; 0 when the log did not change. (Indexes start at
   * 1, so 0 can mean "none"; a whole-number sentinel keeps these fields small integers, which the
   * JavaScript engine handles fastest.)
   */
  private unstableFrom = 0;
  /** The lowest index truncated between a Ready and its advance, which voids that part of the Ready; 0 for none. */
  private truncatedSinceReady = 0;
  /** A snapshot received from the leader, to be handed out for persisting and restoring. */
  private snapshotToInstall: Snapshot | null = null;

  constructor(config: NodeConfig) {
    const problem = coreOptionsProblem(config.options);
    if (problem !== null) throw new Error(`invalid core options: ${problem}`);
    this.id = config.id;
    this.options = config.options;
    this.random = config.random;
    const persisted = config.persisted;
    this.snapshot = persisted?.snapshot ?? null;
    const snapshotIndex = this.snapshot?.lastIndex ?? 0;
    this.configs = new ConfigHistory(this.snapshot?.members ?? config.members);
    if (persisted !== null) {
      this.term = persisted.hardState.term;
      this.votedFor = persisted.hardState.votedFor;
      this.log = new RaftLog(persisted.log, snapshotIndex, this.snapshot?.lastTerm ?? 0);
      persisted.log.forEach((entry, offset) => this.configs.appended(snapshotIndex + offset + 1, entry));
    } else {
      this.log = new RaftLog();
    }
    // What a snapshot holds is committed, and the host restored its state machine from it.
    this.commitIndex = snapshotIndex;
    this.appliedIndex = snapshotIndex;
    this.members = [];
    this.peers = [];
    this.replicas = [];
    this.voter = false;
    this.matchScratch = [];
    this.useLatestConfig();
    this.persistedIndex = this.log.lastIndex();
    // With lease reads, a restarted node keeps out of elections for an election timeout: it may have
    // answered a leader's round just before it crashed, and that leader may still count on it.
    this.leaderContactElapsed = config.options.leaseReads && persisted !== null ? 0 : config.options.electionTimeoutMinTicks;
    // A follower's stickiness can end one tick short of the minimum timeout (its first tick may come
    // right after the round reached it), so the lease counts from one tick less.
    const drift = config.options.leaseClockDrift;
    this.leaseTicks = Math.floor(((config.options.electionTimeoutMinTicks - 1) * (1 - drift)) / (1 + drift));
    this.randomizedElectionTimeout = this.drawElectionTimeout();
  }

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

  step(message: Message): void {
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
    return this.uncommittedConfigChange();
  }

  /** Why a change must wait for an earlier one: null when every change in the log is committed. */
  protected uncommittedConfigChange(): string | null {
    const pending = this.configs.latestIndex();
    return pending > this.commitIndex ? `the configuration change at index ${pending} is not committed yet` : null;
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
    // §6.4, step 1: a new leader's commit index is known to be current only once it committed an entry of its term.
    if (this.role !== 'leader' || this.transferee !== null || this.log.termAt(this.commitIndex) !== this.term) return false;
    if (this.mayReadWithoutRound()) {
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

  // ---- Output -------------------------------------------------------------------------------------

  hasReady(): boolean {
    return (
      this.outbox !== null ||
      this.hardStateChanged ||
      this.softStateChanged ||
      this.unstableFrom !== 0 ||
      this.snapshotToInstall !== null ||
      this.readyReads !== null ||
      this.applicableIndex() > this.appliedIndex
    );
  }

  ready(): Ready {
    const applyTo = this.applicableIndex();
    const committedEntries: CommittedEntries | null =
      applyTo > this.appliedIndex
        ? { fromIndex: this.appliedIndex + 1, entries: this.log.slice(this.appliedIndex + 1, applyTo) }
        : null;
    const ready: Ready = {
      hardState: this.hardStateChanged ? { term: this.term, votedFor: this.votedFor } : null,
      logWrite:
        this.unstableFrom === 0
          ? null
          : { fromIndex: this.unstableFrom, entries: this.log.slice(this.unstableFrom, this.log.lastIndex()) },
      messages: this.outbox ?? NO_MESSAGES,
      committedEntries,
      softState: this.softStateChanged ? { role: this.role, leaderId: this.leaderId } : null,
      commitIndex: this.commitIndex,
      snapshot: this.snapshotToInstall,
      readStates: this.readyReads ?? NO_READS,
    };
    this.snapshotToInstall = null;
    this.readyReads = null;
    // An installed snapshot moved the applied index past what the durable log alone would allow.
    if (applyTo > this.appliedIndex) this.appliedIndex = applyTo;
    this.outbox = null;
    this.hardStateChanged = false;
    this.softStateChanged = false;
    this.unstableFrom = 0;
    this.truncatedSinceReady = 0;
    return ready;
  }

  advance(ready: Ready): void {
    // A snapshot is durable once its Ready is; one replaced since then does not count.
    const installed = ready.snapshot ?? null;
    if (installed !== null && installed === this.snapshot && this.truncatedSinceReady === 0) {
      this.persistedIndex = Math.max(this.persistedIndex, installed.lastIndex);
    }
    const write = ready.logWrite;
    if (write !== null) {
      const written = write.fromIndex + write.entries.length - 1;
      const truncatedBelow = this.truncatedSinceReady === 0 ? written : this.truncatedSinceReady - 1;
      this.persistedIndex = Math.min(written, truncatedBelow, this.log.lastIndex());
    }
    // The leader counts its own log toward a quorum only once it is durable.
    if (this.role === 'leader' && write !== null) this.maybeAdvanceCommitIndex();
  }

  // ---- Role transitions ---------------------------------------------------------------------------

  /** `resetTimer` is false only for a follower that merely learns of a higher term. */
  protected becomeFollower(term: number, leaderId: NodeId | null, resetTimer = true): void {
    this.transferee = null;
    // Reads waiting to confirm a leadership that is over can never be answered; their clients retry.
    this.pendingReads.length = 0;
    if (term > this.term) {
      this.term = term;
      this.votedFor = null;
      this.hardStateChanged = true;
    }
    if (this.role !== 'follower' || this.leaderId !== leaderId) this.softStateChanged = true;
    this.role = 'follower';
    this.leaderId = leaderId;
    if (resetTimer) this.resetElectionTimer();
  }

  /**
   * Dissertation §9.6: ask for pre-votes for the next term without raising its own, so that a node
   * that could not win (a stale log, or a partition that will heal) never forces the others' terms up.
   */
  protected becomePreCandidate(): void {
    if (this.openPoll('precandidate')) this.becomeCandidate();
    else this.requestVotes(this.term + 1, { preVote: true });
  }

  protected becomeCandidate(leadershipTransfer = false): void {
    // §5.2: increment the term, vote for itself, reset the timer, ask every peer for its vote.
    this.term++;
    this.votedFor = this.id;
    this.hardStateChanged = true;
    if (this.openPoll('candidate')) this.becomeLeader();
    else this.requestVotes(this.term, leadershipTransfer ? { leadershipTransfer: true } : null);
  }

  /**
   * Starts collecting votes (or pre-votes) for the next leader: no leader known, the timer restarted,
   * no longer sticking to a leader. Only the votes of members of the configuration count (§4.1), this
   * node's own included. Returns whether they already make a majority.
   */
  private openPoll(role: 'precandidate' | 'candidate'): boolean {
    this.leaderContactElapsed = this.options.electionTimeoutMinTicks;
    this.role = role;
    this.leaderId = null;
    this.softStateChanged = true;
    this.resetElectionTimer();
    this.votesGranted.clear();
    if (this.voter) this.votesGranted.add(this.id);
    return this.votesGranted.size >= majority(this.members.length);
  }

  /** Counts a granted vote (or pre-vote) from a member; returns whether the votes now make a majority. */
  private countVote(voter: NodeId): boolean {
    if (!this.members.includes(voter)) return false;
    this.votesGranted.add(voter);
    return this.votesGranted.size >= majority(this.members.length);
  }

  /** Asks every peer for its vote, with this node's last log index and term (§5.2, §5.4.1). */
  private requestVotes(term: number, flags: Pick<RequestVoteRequest, 'preVote' | 'leadershipTransfer'> | null): void {
    const lastLogIndex = this.log.lastIndex();
    const lastLogTerm = this.log.lastTerm();
    for (const peer of this.peers) {
      const request: RequestVoteRequest = { type: 'RequestVoteRequest', from: this.id, to: peer, term, lastLogIndex, lastLogTerm };
      this.send(flags === null ? request : { ...request, ...flags });
    }
  }

  protected becomeLeader(): void {
    this.role = 'leader';
    this.leaderId = this.id;
    this.softStateChanged = true;
    this.heartbeatElapsed = 0;
    this.electionElapsed = 0;
    this.transferee = null;
    this.leaderContactElapsed = this.options.electionTimeoutMinTicks;
    this.useReplicas();
    this.leaderTicks = 0;
    this.timeoutNowSent = false;
    this.round = 0;
    this.roundSentAt.fill(0);
    this.progress.length = 0;
    const nextIndex = this.log.lastIndex() + 1;
    for (const peer of this.replicas) this.progress[peer] = new PeerProgress(nextIndex);
    // The no-op goes out in a round of its own, so that its acknowledgements already confirm leadership.
    this.startRound();
    // §8: a no-op of the new term lets the leader commit what earlier terms left uncommitted.
    this.appendToOwnLog({ term: this.term, kind: 'noop', command: '' });
    this.sendNewEntries();
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
      this.send(this.appendRejection(message, 0, 0));
    } else if (message.type === 'RequestVoteRequest') {
      this.send(this.voteResponse(message, this.term, false));
    }
  }

  private voteResponse(request: RequestVoteRequest, term: number, voteGranted: boolean): RequestVoteResponse {
    const response: RequestVoteResponse = { type: 'RequestVoteResponse', from: this.id, to: request.from, term, voteGranted };
    return request.preVote === true ? { ...response, preVote: true } : response;
  }

  // ---- RequestVote --------------------------------------------------------------------------------

  private handleRequestVote(request: RequestVoteRequest): void {
    if (request.preVote === true) {
      // Would this node vote for the candidate in the term it proposes? Nothing is recorded or reset.
      const granted = (request.term > this.term || this.canVoteFor(request.from)) && this.candidateLogIsUpToDate(request);
      this.send(this.voteResponse(request, granted ? request.term : this.term, granted));
      return;
    }
    const granted = this.canVoteFor(request.from) && this.candidateLogIsUpToDate(request);
    if (granted) {
      this.votedFor = request.from;
      this.hardStateChanged = true;
      // Figure 2: granting a vote counts as hearing from a would-be leader.
      this.resetElectionTimer();
    }
    this.send({ type: 'RequestVoteResponse', from: this.id, to: request.from, term: this.term, voteGranted: granted });
  }

  /** At most one vote per term (§5.2). */
  protected canVoteFor(candidate: NodeId): boolean {
    return this.votedFor === null || this.votedFor === candidate;
  }

  /** §5.4.1: only a candidate whose log is at least as up to date as this node's gets its vote. */
  protected candidateLogIsUpToDate(request: RequestVoteRequest): boolean {
    return this.log.isUpToDate(request.lastLogIndex, request.lastLogTerm);
  }

  private handleVoteResponse(response: RequestVoteResponse): void {
    if (response.voteGranted && this.countVote(response.from)) this.becomeLeader();
  }

  // ---- AppendEntries, follower side ---------------------------------------------------------------

  private handleAppendEntries(request: AppendEntriesRequest): void {
    this.resetElectionTimer();
    this.leaderContactElapsed = 0;
    if (this.leaderId !== request.from) {
      this.leaderId = request.from;
      this.softStateChanged = true;
    }
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
    this.storeEntries(request.prevLogIndex, request.entries);
    const lastNewIndex = request.prevLogIndex + request.entries.length;
    // Figure 2, rule 5: never beyond what this request proved matches the leader's log.
    const newCommitIndex = Math.min(request.leaderCommit, lastNewIndex);
    if (newCommitIndex > this.commitIndex) this.commitIndex = newCommitIndex;
    this.send(this.appendAcceptance(request.from, lastNewIndex, request.round));
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

  private handleInstallSnapshot(request: InstallSnapshotRequest): void {
    this.resetElectionTimer();
    this.leaderContactElapsed = 0;
    if (this.leaderId !== request.from) {
      this.leaderId = request.from;
      this.softStateChanged = true;
    }
    const snapshot = request.snapshot;
    switch (this.snapshotHandling(snapshot)) {
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

  /**
   * Figure 13: a snapshot of what is already committed here changes nothing; a log that holds the
   * snapshot's last entry keeps the entries after it (they may be acknowledged, and so counted toward
   * a commit); any other log is replaced by the snapshot.
   */
  protected snapshotHandling(snapshot: Snapshot): SnapshotHandling {
    if (snapshot.lastIndex <= this.commitIndex) return 'ignore';
    if (this.log.termAt(snapshot.lastIndex) === snapshot.lastTerm) return 'keep-log';
    return 'replace-log';
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

  /**
   * Figure 2, rules 3 and 4: skip the entries already present, truncate at the first entry whose term
   * conflicts (and only there, since a delayed request must never cut entries that match), append the rest.
   */
  protected storeEntries(prevLogIndex: number, entries: readonly Entry[]): void {
    for (let offset = 0; offset < entries.length; offset++) {
      const index = prevLogIndex + 1 + offset;
      const existingTerm = this.log.termAt(index);
      const entry = entries[offset]!;
      if (existingTerm === entry.term) continue;
      if (existingTerm !== undefined) this.truncateOwnLog(index);
      for (let rest = offset; rest < entries.length; rest++) this.appendToOwnLog(entries[rest]!);
      return;
    }
  }

  private appendRejection(request: AppendEntriesRequest | InstallSnapshotRequest, conflictTerm: number, conflictIndex: number): AppendEntriesResponse {
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

  // ---- AppendEntries, leader side -----------------------------------------------------------------

  private handleAppendEntriesResponse(response: AppendEntriesResponse): void {
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
  private maybeAdvanceCommitIndex(): void {
    // Counting replicas first spares the sort in quorumMatchIndex in the two common cases: most
    // acknowledgements (every heartbeat's) leave no majority beyond the commit index, and entries
    // usually reach a majority one at a time, so that the index a majority holds is the next one.
    if (!this.majorityHoldsBeyond(this.commitIndex)) return;
    const next = this.commitIndex + 1;
    const quorumIndex = this.majorityHoldsBeyond(next) ? this.highestIndexOfMajority() : next;
    if (!this.mayCommitByCounting(quorumIndex)) return;
    const previous = this.commitIndex;
    this.commitIndex = quorumIndex;
    // A change committed: the servers it removed no longer hear from this leader.
    const changeAt = this.configs.latestIndex();
    if (changeAt > previous && changeAt <= quorumIndex) this.useReplicas();
    // §4.2.2: a leader removed from the configuration leads until that change is committed, then steps down.
    if (!this.voter && this.configs.latestIndex() <= this.commitIndex) this.becomeFollower(this.term, null);
  }

  /** The highest index a majority holds, counting this node by its durable log. */
  private highestIndexOfMajority(): number {
    for (let position = 0; position < this.members.length; position++) {
      const member = this.members[position]!;
      this.matchScratch[position] = member === this.id ? this.persistedIndex : this.progress[member]!.matchIndex;
    }
    return quorumMatchIndex(this.matchScratch);
  }

  /** Whether a majority of the members (this node by its durable log) holds some entry past `index`. */
  private majorityHoldsBeyond(index: number): boolean {
    let holders = this.voter && this.persistedIndex > index ? 1 : 0;
    for (const peer of this.peers) if (this.progress[peer]!.matchIndex > index) holders++;
    return holders >= majority(this.members.length);
  }

  /** §5.4.2: counting replicas commits only entries of the leader's own term (the paper's Figure 8). */
  protected mayCommitByCounting(index: number): boolean {
    return this.log.termAt(index) === this.term;
  }

  private sendNewEntries(): void {
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
  private sendHeartbeats(newRound = true): void {
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

  // ---- Reads (dissertation §6.4) ------------------------------------------------------------------

  /** With lease reads, a leader within its lease answers at once; otherwise only a round confirms it still leads. */
  protected mayReadWithoutRound(): boolean {
    return this.options.leaseReads && this.leaseHolds();
  }

  /** A new heartbeat round: what its acknowledgements prove holds from the moment it is sent. */
  private startRound(): void {
    this.round++;
    this.roundSentAt[this.round % ROUND_HISTORY] = this.leaderTicks;
  }

  /** The latest round a majority of the configuration (this leader included, if a member) has answered. */
  private quorumRound(): number {
    for (let position = 0; position < this.members.length; position++) {
      const member = this.members[position]!;
      this.matchScratch[position] = member === this.id ? this.round : this.progress[member]!.ackedRound;
    }
    return quorumMatchIndex(this.matchScratch);
  }

  private releaseConfirmedReads(): void {
    const confirmed = this.quorumRound();
    let released = 0;
    while (released < this.pendingReads.length && this.pendingReads[released]!.round <= confirmed) {
      const read = this.pendingReads[released]!;
      this.answerRead({ context: read.context, index: read.index });
      released++;
    }
    if (released > 0) this.pendingReads.splice(0, released);
  }

  /**
   * Lease reads (§6.4.1): followers that answered a round ignore other candidates for an election
   * timeout after they heard it (CheckQuorum's stickiness), so no other leader can exist until an
   * election timeout after the round was sent, as this leader's clock counts it.
   */
  private leaseHolds(): boolean {
    // Voters answer a successor's election at once, stickiness or not: after a TimeoutNow, no lease.
    if (this.timeoutNowSent) return false;
    const confirmed = this.quorumRound();
    if (confirmed === 0 || confirmed <= this.round - ROUND_HISTORY) return false;
    return this.leaderTicks - this.roundSentAt[confirmed % ROUND_HISTORY]! < this.leaseTicks;
  }

  private answerRead(read: ReadState): void {
    if (this.readyReads === null) this.readyReads = [read];
    else this.readyReads.push(read);
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
    return active >= majority(this.members.length);
  }

  /** A leader, or a follower that heard from its leader within the minimum election timeout (CheckQuorum only). */
  private inLease(): boolean {
    if (!this.options.checkQuorum) return false;
    // A leader under CheckQuorum steps down by itself once it loses its majority; until then a higher
    // term in a vote request comes from a node that lost touch, such as one whose add was never committed.
    if (this.role === 'leader') return true;
    return this.role === 'follower' && this.leaderContactElapsed < this.options.electionTimeoutMinTicks;
  }

  // ---- Helpers ------------------------------------------------------------------------------------

  protected appendToOwnLog(entry: Entry): number {
    const index = this.log.append(entry);
    this.unstableFrom = lowestOf(this.unstableFrom, index);
    if (entry.kind === 'config') {
      this.configs.appended(index, entry);
      this.useLatestConfig();
    }
    return index;
  }

  /**
   * A server stands for election when it is a member of its latest configuration, or of the committed
   * one: removed by a change not yet committed, it may still be needed to commit that change, and
   * stands (dissertation §4.2.2). A spare never added stands for nothing.
   */
  private mayStand(): boolean {
    return this.voter || this.configs.at(this.commitIndex).includes(this.id);
  }

  /** Puts the latest configuration of the log in force (§4.1: a server uses it as soon as it holds it). */
  private useLatestConfig(): void {
    const members = this.configs.latest();
    if (members === this.members) return;
    this.members = members;
    this.peers = members.filter((member) => member !== this.id);
    this.voter = members.includes(this.id);
    this.matchScratch = new Array<number>(members.length).fill(0);
    this.useReplicas();
  }

  /** The peers, and the committed configuration's members that a pending change removes. */
  private useReplicas(): void {
    const committed = this.configs.at(this.commitIndex);
    const leaving = committed.filter((member) => member !== this.id && !this.peers.includes(member));
    this.replicas = leaving.length === 0 ? this.peers : [...this.peers, ...leaving];
    if (this.role !== 'leader') return;
    const nextIndex = this.log.lastIndex() + 1;
    for (const peer of this.replicas) if (this.progress[peer] === undefined) this.progress[peer] = new PeerProgress(nextIndex);
    for (let id = 0; id < this.progress.length; id++) if (this.progress[id] !== undefined && !this.replicas.includes(id)) this.progress[id] = undefined;
  }

  /**
   * Never reaches a committed entry while Raft's rules hold. It does not assert that, because a broken
   * variant of this node must show the damage to the checkers rather than stop at the first symptom.
   */
  protected truncateOwnLog(fromIndex: number): void {
    this.log.truncateFrom(fromIndex);
    if (this.configs.latestIndex() >= fromIndex) {
      this.configs.truncatedFrom(fromIndex);
      this.useLatestConfig();
    }
    this.unstableFrom = lowestOf(this.unstableFrom, fromIndex);
    this.truncatedSinceReady = lowestOf(this.truncatedSinceReady, fromIndex);
    if (this.persistedIndex >= fromIndex) this.persistedIndex = fromIndex - 1;
  }

  /** Entries may be applied once committed and durable here. */
  private applicableIndex(): number {
    return Math.min(this.commitIndex, this.persistedIndex);
  }

  protected resetElectionTimer(): void {
    this.electionElapsed = 0;
    this.randomizedElectionTimeout = this.drawElectionTimeout();
  }

  private drawElectionTimeout(): number {
    return randomIntInclusive(this.random, this.options.electionTimeoutMinTicks, this.options.electionTimeoutMaxTicks);
  }

  protected send(message: Message): void {
    if (this.outbox === null) this.outbox = [message];
    else this.outbox.push(message);
  }
}

/** The lower of a recorded index (0 for none yet) and another index. */
function lowestOf(recorded: number, index: number): number {
  return recorded === 0 || index < recorded ? index : recorded;
}

export const referenceImplementation = {
  name: 'reference',
  create: (config: NodeConfig): RaftNodeInstance => new RaftNode(config),
} as const;
