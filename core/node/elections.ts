/**
 * Elections (§5.2, §5.4.1, dissertation §9.6) and the only places the role changes: becomeFollower,
 * becomePreCandidate, becomeCandidate and becomeLeader; and the voter's side, granting votes and pre-votes.
 */
import type { RequestVoteRequest, RequestVoteResponse } from '../messages.js';
import { PeerProgress } from '../progress.js';
import type { NodeId } from '../types.js';
import { FollowerLog } from './follower-log.js';

export abstract class Elections extends FollowerLog {
  /** `resetTimer` is false only for a follower that merely learns of a higher term. */
  protected becomeFollower(term: number, leaderId: NodeId | null, resetTimer = true): void {
    this.transferee = null;
    // Reads waiting to confirm a leadership that is over can never be answered; their clients retry.
    this.pendingReads.length = 0;
    if (term > this.term) {
      this.term = term;
      // Figure 2: votedFor is the vote of the current term, so a new term starts without one.
      this.votedFor = this.rules.voteInNewTerm(this.votedFor);
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
    if (this.openPoll('candidate')) {
      this.becomeLeader();
      return;
    }
    this.requestVotes(this.term, leadershipTransfer ? { leadershipTransfer: true } : null);
    if (this.countPhantomVotes()) this.becomeLeader();
  }

  /** Counts the votes the rules add beyond the members' (none, by the reference rules); returns whether they make a majority. */
  private countPhantomVotes(): boolean {
    const phantoms = this.rules.phantomVotes(this.id);
    if (phantoms.length === 0) return false;
    for (const voter of phantoms) this.votesGranted.add(voter);
    return this.votesGranted.size >= this.quorum();
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
    // §5.2: each election counts its own votes; the rules keep none of an earlier one.
    const kept = this.rules.votesKeptForNewElection(this.votesGranted);
    this.votesGranted.clear();
    for (const voter of kept) this.votesGranted.add(voter);
    if (this.voter) this.votesGranted.add(this.id);
    return this.votesGranted.size >= this.quorum();
  }

  /** Counts a granted vote (or pre-vote) from a member; returns whether the votes now make a majority. */
  protected countVote(voter: NodeId): boolean {
    if (!this.rules.countsVoteFrom(voter, this.members)) return false;
    this.votesGranted.add(voter);
    return this.votesGranted.size >= this.quorum();
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
    const nextIndex = this.log.lastIndex() + 1;
    // Figure 2: matchIndex starts at 0 in each leadership; what an earlier one learned may be stale.
    for (const peer of this.replicas) {
      const progress = new PeerProgress(nextIndex);
      progress.matchIndex = this.rules.matchIndexOnElection(this.progress[peer]?.matchIndex ?? 0);
      this.progress[peer] = progress;
    }
    for (let id = 0; id < this.progress.length; id++) if (!this.replicas.includes(id)) this.progress[id] = undefined;
    // The no-op goes out in a round of its own, so that its acknowledgements already confirm leadership.
    this.startRound();
    // §8: a no-op of the new term lets the leader commit what earlier terms left uncommitted.
    this.appendToOwnLog({ term: this.term, kind: 'noop', command: '' });
    this.sendNewEntries();
  }

  protected handleRequestVote(request: RequestVoteRequest): void {
    if (request.preVote === true) {
      // Would this node vote for the candidate in the term it proposes? Nothing is recorded or reset.
      const granted = (request.term > this.term || this.rules.canVoteFor(this.votedFor, request.from)) && this.rules.candidateLogIsUpToDate(this.log, request);
      this.send(this.voteResponse(request, granted ? request.term : this.term, granted));
      return;
    }
    const granted = this.rules.canVoteFor(this.votedFor, request.from) && this.rules.candidateLogIsUpToDate(this.log, request);
    if (granted) {
      this.votedFor = request.from;
      this.hardStateChanged = true;
      // Figure 2: granting a vote counts as hearing from a would-be leader.
      this.resetElectionTimer();
    }
    this.send({ type: 'RequestVoteResponse', from: this.id, to: request.from, term: this.term, voteGranted: granted });
  }

  protected handleVoteResponse(response: RequestVoteResponse): void {
    if (this.rules.countsVote(response) && this.countVote(response.from)) this.becomeLeader();
  }

  protected voteResponse(request: RequestVoteRequest, term: number, voteGranted: boolean): RequestVoteResponse {
    const response: RequestVoteResponse = { type: 'RequestVoteResponse', from: this.id, to: request.from, term, voteGranted };
    return request.preVote === true ? { ...response, preVote: true } : response;
  }
}
