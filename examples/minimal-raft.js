// A minimal Raft node in plain JavaScript: the paper's Figure 2 and the §8 no-op, nothing more.
// It implements raftsim's node contract (docs/contract.md), so raftsim can run, explore and check it:
//
//   npx raftsim conformance --impl examples/minimal-raft.js
//   npx raftsim explore --impl examples/minimal-raft.js
//
// Copy it and change it. It keeps the whole log in memory, sends every entry a follower lacks in one
// request (no batching or flow control: it ignores maxEntriesPerAppend and maxInflightAppends), backs
// up a whole term per refusal, and leaves out the optional parts of the contract (PreVote,
// CheckQuorum, leadership transfer, snapshots, membership changes, reads), which raftsim then does
// not exercise.

class MinimalRaftNode {
  constructor({ id, members, options, random, persisted }) {
    this.id = id;
    this.members = members;
    this.peers = members.filter((member) => member !== id);
    this.options = options;
    this.random = random;
    // Persistent state: what the host saved from our Readies before a crash.
    this.term = persisted ? persisted.hardState.term : 0;
    this.votedFor = persisted ? persisted.hardState.votedFor : null;
    this.log = persisted ? persisted.log.slice() : [];
    // Volatile state.
    this.role = 'follower';
    this.leaderId = null;
    this.commitIndex = 0;
    this.lastApplied = 0;
    this.votes = new Set();
    this.nextIndex = new Map();
    this.matchIndex = new Map();
    this.heartbeatElapsed = 0;
    this.resetElectionTimer();
    // Output not yet handed out in a Ready.
    this.outbox = [];
    this.hardStateChanged = false;
    this.softStateChanged = false;
    this.logChangedFrom = 0; // the lowest log index changed since the last Ready; 0 for none
  }

  // ---- Log helpers (indexes start at 1; index 0 has term 0) ----

  lastIndex() {
    return this.log.length;
  }

  termAt(index) {
    if (index === 0) return 0;
    const entry = this.log[index - 1];
    return entry === undefined ? undefined : entry.term;
  }

  append(entry) {
    this.log.push(entry);
    if (this.logChangedFrom === 0) this.logChangedFrom = this.log.length;
  }

  truncateFrom(index) {
    this.log.length = index - 1;
    if (this.logChangedFrom === 0 || index < this.logChangedFrom) this.logChangedFrom = index;
  }

  // ---- Inputs ----

  tick() {
    if (this.role === 'leader') {
      if (++this.heartbeatElapsed >= this.options.heartbeatTicks) {
        this.heartbeatElapsed = 0;
        for (const peer of this.peers) this.sendAppend(peer);
      }
      return;
    }
    if (++this.electionElapsed >= this.electionTimeout) this.becomeCandidate();
  }

  step(message) {
    // §5.1: a higher term in any request or response makes us a follower of that term.
    if (message.term > this.term) this.becomeFollower(message.term, null);
    if (message.term < this.term) {
      // A stale sender that waits for an answer learns our term from the refusal.
      if (message.type === 'AppendEntriesRequest') this.send(this.appendResponse(message, false, 0));
      if (message.type === 'RequestVoteRequest') this.send(this.voteResponse(message, false));
      return;
    }
    switch (message.type) {
      case 'RequestVoteRequest':
        return this.handleVoteRequest(message);
      case 'RequestVoteResponse':
        return this.handleVoteResponse(message);
      case 'AppendEntriesRequest':
        return this.handleAppendRequest(message);
      case 'AppendEntriesResponse':
        return this.handleAppendResponse(message);
    }
  }

  propose(command) {
    if (this.role !== 'leader') return { accepted: false, leaderId: this.leaderId };
    this.append({ term: this.term, kind: 'command', command });
    for (const peer of this.peers) this.sendAppend(peer);
    this.advanceCommitIndex();
    return { accepted: true, index: this.lastIndex(), term: this.term };
  }

  // ---- Output ----

  hasReady() {
    return this.outbox.length > 0 || this.hardStateChanged || this.softStateChanged || this.logChangedFrom !== 0 || this.commitIndex > this.lastApplied;
  }

  ready() {
    const ready = {
      hardState: this.hardStateChanged ? { term: this.term, votedFor: this.votedFor } : null,
      logWrite: this.logChangedFrom === 0 ? null : { fromIndex: this.logChangedFrom, entries: this.log.slice(this.logChangedFrom - 1) },
      messages: this.outbox,
      committedEntries:
        this.commitIndex > this.lastApplied ? { fromIndex: this.lastApplied + 1, entries: this.log.slice(this.lastApplied, this.commitIndex) } : null,
      softState: this.softStateChanged ? { role: this.role, leaderId: this.leaderId } : null,
      commitIndex: this.commitIndex,
    };
    this.outbox = [];
    this.hardStateChanged = false;
    this.softStateChanged = false;
    this.logChangedFrom = 0;
    this.lastApplied = this.commitIndex;
    return ready;
  }

  advance() {
    // The host has persisted, sent and applied the Ready; this node keeps no record of that.
  }

  // ---- Roles ----

  becomeFollower(term, leaderId) {
    if (term > this.term) {
      this.term = term;
      this.votedFor = null;
      this.hardStateChanged = true;
    }
    if (this.role !== 'follower' || this.leaderId !== leaderId) this.softStateChanged = true;
    this.role = 'follower';
    this.leaderId = leaderId;
  }

  becomeCandidate() {
    // §5.2: a new term, a vote for ourselves, a fresh timeout, and a request to every peer.
    this.term++;
    this.votedFor = this.id;
    this.hardStateChanged = true;
    this.role = 'candidate';
    this.leaderId = null;
    this.softStateChanged = true;
    this.resetElectionTimer();
    this.votes = new Set([this.id]);
    if (this.votes.size > this.members.length / 2) return this.becomeLeader();
    for (const peer of this.peers) {
      this.send({ type: 'RequestVoteRequest', from: this.id, to: peer, term: this.term, lastLogIndex: this.lastIndex(), lastLogTerm: this.termAt(this.lastIndex()) });
    }
  }

  becomeLeader() {
    this.role = 'leader';
    this.leaderId = this.id;
    this.softStateChanged = true;
    this.heartbeatElapsed = 0;
    for (const peer of this.peers) {
      this.nextIndex.set(peer, this.lastIndex() + 1);
      this.matchIndex.set(peer, 0);
    }
    // §8: an entry of our own term, so that entries of earlier terms can commit with it.
    this.append({ term: this.term, kind: 'noop', command: '' });
    for (const peer of this.peers) this.sendAppend(peer);
    this.advanceCommitIndex();
  }

  // ---- RequestVote ----

  handleVoteRequest(request) {
    const lastTerm = this.termAt(this.lastIndex());
    // §5.4.1: the candidate's log must be at least as up to date as ours.
    const upToDate = request.lastLogTerm > lastTerm || (request.lastLogTerm === lastTerm && request.lastLogIndex >= this.lastIndex());
    const granted = (this.votedFor === null || this.votedFor === request.from) && upToDate;
    if (granted) {
      this.votedFor = request.from;
      this.hardStateChanged = true; // the Ready that carries the vote also persists it
      this.resetElectionTimer();
    }
    this.send(this.voteResponse(request, granted));
  }

  handleVoteResponse(response) {
    if (this.role !== 'candidate' || !response.voteGranted) return;
    this.votes.add(response.from); // a set: a duplicated response counts once
    if (this.votes.size > this.members.length / 2) this.becomeLeader();
  }

  voteResponse(request, voteGranted) {
    return { type: 'RequestVoteResponse', from: this.id, to: request.from, term: this.term, voteGranted };
  }

  // ---- AppendEntries, follower side ----

  handleAppendRequest(request) {
    if (this.role === 'leader') return; // no other leader of our term can exist
    if (this.role === 'candidate' || this.leaderId !== request.from) this.becomeFollower(this.term, request.from);
    this.resetElectionTimer();
    // Consistency check: our entry at prevLogIndex must have prevLogTerm.
    const prevTerm = this.termAt(request.prevLogIndex);
    if (prevTerm !== request.prevLogTerm) {
      // A hint (§5.3): where the leader should try next, past our log's end or at the start of the
      // term that conflicts, so that it skips a whole term per refusal rather than one entry.
      let conflictIndex = this.lastIndex() + 1;
      if (prevTerm !== undefined) for (conflictIndex = request.prevLogIndex; this.termAt(conflictIndex - 1) === prevTerm; ) conflictIndex--;
      return this.send(this.appendResponse(request, false, 0, conflictIndex));
    }
    request.entries.forEach((entry, offset) => {
      const index = request.prevLogIndex + 1 + offset;
      const existing = this.termAt(index);
      if (existing === entry.term) return; // already there: a late or repeated request must not cut it
      if (existing !== undefined) this.truncateFrom(index); // a conflict: delete it and all after it
      if (index === this.lastIndex() + 1) this.append(entry);
    });
    const lastNewIndex = request.prevLogIndex + request.entries.length;
    if (request.leaderCommit > this.commitIndex) this.commitIndex = Math.max(this.commitIndex, Math.min(request.leaderCommit, lastNewIndex));
    this.send(this.appendResponse(request, true, lastNewIndex));
  }

  appendResponse(request, success, matchIndex, conflictIndex = 0) {
    return {
      type: 'AppendEntriesResponse',
      from: this.id,
      to: request.from,
      term: this.term,
      success,
      matchIndex,
      rejectedIndex: success ? 0 : request.prevLogIndex,
      conflictTerm: 0, // the term hint is optional; conflictIndex alone is enough here
      conflictIndex,
    };
  }

  // ---- AppendEntries, leader side ----

  sendAppend(peer) {
    const prevLogIndex = this.nextIndex.get(peer) - 1;
    const entries = this.log.slice(prevLogIndex);
    this.send({
      type: 'AppendEntriesRequest',
      from: this.id,
      to: peer,
      term: this.term,
      prevLogIndex,
      prevLogTerm: this.termAt(prevLogIndex),
      entries,
      leaderCommit: this.commitIndex,
    });
  }

  handleAppendResponse(response) {
    if (this.role !== 'leader') return;
    const peer = response.from;
    if (response.success) {
      this.matchIndex.set(peer, Math.max(this.matchIndex.get(peer), response.matchIndex));
      this.nextIndex.set(peer, Math.max(this.nextIndex.get(peer), this.matchIndex.get(peer) + 1));
      // Anything still missing goes with the next proposal or heartbeat: answering every success with
      // another request would multiply requests with every duplicated response.
      this.advanceCommitIndex();
      return;
    }
    // Only the refusal of what we last sent says anything; an older one arrived late.
    if (response.rejectedIndex !== this.nextIndex.get(peer) - 1) return;
    const hinted = response.conflictIndex > 0 ? Math.min(response.conflictIndex, response.rejectedIndex) : response.rejectedIndex;
    this.nextIndex.set(peer, Math.max(this.matchIndex.get(peer) + 1, hinted));
    this.sendAppend(peer);
  }

  advanceCommitIndex() {
    // §5.3, §5.4.2: the highest index a majority holds, if it is of our own term.
    for (let index = this.lastIndex(); index > this.commitIndex; index--) {
      if (this.termAt(index) !== this.term) break;
      const holders = 1 + this.peers.filter((peer) => this.matchIndex.get(peer) >= index).length;
      if (holders > this.members.length / 2) {
        this.commitIndex = index;
        return;
      }
    }
  }

  // ---- Helpers ----

  resetElectionTimer() {
    // Randomness only from the source the host gives us: the same seed gives the same run.
    const { electionTimeoutMinTicks: min, electionTimeoutMaxTicks: max } = this.options;
    this.electionTimeout = min + Math.floor(this.random.next() * (max - min + 1));
    this.electionElapsed = 0;
  }

  send(message) {
    this.outbox.push(message);
  }
}

/** The export raftsim looks for: a name and a way to create a node. */
export const implementation = {
  name: 'minimal-raft',
  create: (config) => new MinimalRaftNode(config),
};

export default implementation;
