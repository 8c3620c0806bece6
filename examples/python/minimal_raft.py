"""A minimal Raft node in plain Python 3: the paper's Figure 2 and the section 8 no-op, nothing more.

It speaks raftsim's process protocol (docs/protocol.md) through raftsim_protocol.py, beside it, so
raftsim can run, explore and check it:

    npx raftsim conformance --impl-cmd "python3 examples/python/minimal_raft.py"
    npx raftsim explore --impl-cmd "python3 examples/python/minimal_raft.py"

Copy it and change it. It is the counterpart of examples/minimal-raft.js. It keeps the whole log in
memory, sends every entry a follower lacks in one request (no batching or flow control: it ignores
maxEntriesPerAppend and maxInflightAppends), backs up a whole term per refusal, and leaves out the
optional parts of the contract (PreVote, CheckQuorum, leadership transfer, snapshots, membership
changes, reads), which raftsim then does not exercise.

Determinism is the node's to keep: its only randomness is random(), it reads no clock, and it
iterates only lists and dictionaries (whose order is the order of insertion), never a set.
"""

from raftsim_protocol import serve


class MinimalRaftNode:
    name = "minimal_raft.py"
    features = []
    # advance() does nothing, so it never leaves anything to hand out: raftsim need not wait for its reply.
    quiet_advance = True

    def __init__(self, id, members, options, persisted, random):
        self.id = id
        self.members = members
        self.peers = [member for member in members if member != id]
        self.options = options
        self.random = random
        # Persistent state: what the host saved from our Readies before a crash.
        self.term = persisted["hardState"]["term"] if persisted else 0
        self.voted_for = persisted["hardState"]["votedFor"] if persisted else None
        self.log = list(persisted["log"]) if persisted else []
        # Volatile state.
        self.role = "follower"
        self.leader_id = None
        self.commit_index = 0
        self.last_applied = 0
        self.votes = set()  # only counted, never iterated
        self.next_index = {}
        self.match_index = {}
        self.heartbeat_elapsed = 0
        self.reset_election_timer()
        # Output not yet handed out in a Ready.
        self.outbox = []
        self.hard_state_changed = False
        self.soft_state_changed = False
        self.log_changed_from = 0  # the lowest log index changed since the last Ready; 0 for none

    # ---- Log helpers (indexes start at 1; index 0 has term 0) ----

    def last_index(self):
        return len(self.log)

    def term_at(self, index):
        """The term of the entry at index, or None where the log has no entry."""
        if index == 0:
            return 0
        return self.log[index - 1]["term"] if 1 <= index <= len(self.log) else None

    def append(self, entry):
        self.log.append(entry)
        if self.log_changed_from == 0:
            self.log_changed_from = len(self.log)

    def truncate_from(self, index):
        del self.log[index - 1:]
        if self.log_changed_from == 0 or index < self.log_changed_from:
            self.log_changed_from = index

    # ---- Inputs ----

    def tick(self):
        if self.role == "leader":
            self.heartbeat_elapsed += 1
            if self.heartbeat_elapsed >= self.options["heartbeatTicks"]:
                self.heartbeat_elapsed = 0
                for peer in self.peers:
                    self.send_append(peer)
            return
        self.election_elapsed += 1
        if self.election_elapsed >= self.election_timeout:
            self.become_candidate()

    def step(self, message):
        # Section 5.1: a higher term in any request or response makes us a follower of that term.
        if message["term"] > self.term:
            self.become_follower(message["term"], None)
        if message["term"] < self.term:
            # A stale sender that waits for an answer learns our term from the refusal.
            if message["type"] == "AppendEntriesRequest":
                self.send(self.append_response(message, False, 0))
            if message["type"] == "RequestVoteRequest":
                self.send(self.vote_response(message, False))
            return
        handler = {
            "RequestVoteRequest": self.handle_vote_request,
            "RequestVoteResponse": self.handle_vote_response,
            "AppendEntriesRequest": self.handle_append_request,
            "AppendEntriesResponse": self.handle_append_response,
        }.get(message["type"])
        if handler is not None:
            handler(message)

    def propose(self, command):
        if self.role != "leader":
            return {"accepted": False, "leaderId": self.leader_id}
        self.append({"term": self.term, "kind": "command", "command": command})
        for peer in self.peers:
            self.send_append(peer)
        self.advance_commit_index()
        return {"accepted": True, "index": self.last_index(), "term": self.term}

    # ---- Output ----

    def take_ready(self):
        """Everything to persist, send and apply since the last Ready, or None when there is nothing."""
        if not (self.outbox or self.hard_state_changed or self.soft_state_changed or self.log_changed_from or self.commit_index > self.last_applied):
            return None
        ready = {
            "hardState": {"term": self.term, "votedFor": self.voted_for} if self.hard_state_changed else None,
            "logWrite": {"fromIndex": self.log_changed_from, "entries": self.log[self.log_changed_from - 1:]} if self.log_changed_from else None,
            "messages": self.outbox,
            "committedEntries": (
                {"fromIndex": self.last_applied + 1, "entries": self.log[self.last_applied:self.commit_index]} if self.commit_index > self.last_applied else None
            ),
            "softState": {"role": self.role, "leaderId": self.leader_id} if self.soft_state_changed else None,
            "commitIndex": self.commit_index,
        }
        self.outbox = []
        self.hard_state_changed = False
        self.soft_state_changed = False
        self.log_changed_from = 0
        self.last_applied = self.commit_index
        return ready

    def advance(self):
        # The host has persisted, sent and applied the Ready; this node keeps no record of that.
        pass

    # ---- Roles ----

    def become_follower(self, term, leader_id):
        if term > self.term:
            self.term = term
            self.voted_for = None
            self.hard_state_changed = True
        if self.role != "follower" or self.leader_id != leader_id:
            self.soft_state_changed = True
        self.role = "follower"
        self.leader_id = leader_id

    def become_candidate(self):
        # Section 5.2: a new term, a vote for ourselves, a fresh timeout, and a request to every peer.
        self.term += 1
        self.voted_for = self.id
        self.hard_state_changed = True
        self.role = "candidate"
        self.leader_id = None
        self.soft_state_changed = True
        self.reset_election_timer()
        self.votes = {self.id}
        if self.has_majority(len(self.votes)):
            self.become_leader()
            return
        for peer in self.peers:
            self.send({
                "type": "RequestVoteRequest", "from": self.id, "to": peer, "term": self.term,
                "lastLogIndex": self.last_index(), "lastLogTerm": self.term_at(self.last_index()),
            })

    def become_leader(self):
        self.role = "leader"
        self.leader_id = self.id
        self.soft_state_changed = True
        self.heartbeat_elapsed = 0
        for peer in self.peers:
            self.next_index[peer] = self.last_index() + 1
            self.match_index[peer] = 0
        # Section 8: an entry of our own term, so that entries of earlier terms can commit with it.
        self.append({"term": self.term, "kind": "noop", "command": ""})
        for peer in self.peers:
            self.send_append(peer)
        self.advance_commit_index()

    # ---- RequestVote ----

    def handle_vote_request(self, request):
        granted = self.voted_for in (None, request["from"]) and self.candidate_log_is_up_to_date(request)
        if granted:
            self.voted_for = request["from"]
            self.hard_state_changed = True  # the Ready that carries the vote also persists it
            self.reset_election_timer()
        self.send(self.vote_response(request, granted))

    def candidate_log_is_up_to_date(self, request):
        # Section 5.4.1: a later last term wins; with equal last terms, the longer log (or as long) wins.
        last_term = self.term_at(self.last_index())
        if request["lastLogTerm"] != last_term:
            return request["lastLogTerm"] > last_term
        return request["lastLogIndex"] >= self.last_index()

    def handle_vote_response(self, response):
        if self.role != "candidate" or not response["voteGranted"]:
            return
        self.votes.add(response["from"])  # a set: a duplicated response counts once
        if self.has_majority(len(self.votes)):
            self.become_leader()

    def vote_response(self, request, vote_granted):
        return {"type": "RequestVoteResponse", "from": self.id, "to": request["from"], "term": self.term, "voteGranted": vote_granted}

    # ---- AppendEntries, follower side ----

    def handle_append_request(self, request):
        if self.role == "leader":
            return  # no other leader of our term can exist
        if self.role == "candidate" or self.leader_id != request["from"]:
            self.become_follower(self.term, request["from"])
        self.reset_election_timer()
        # Consistency check: our entry at prevLogIndex must have prevLogTerm.
        prev_index = request["prevLogIndex"]
        prev_term = self.term_at(prev_index)
        if prev_term != request["prevLogTerm"]:
            # A hint (section 5.3): where the leader should try next, past our log's end or at the start
            # of the term that conflicts, so that it skips a whole term per refusal rather than one entry.
            conflict_index = self.last_index() + 1
            if prev_term is not None:
                conflict_index = prev_index
                while self.term_at(conflict_index - 1) == prev_term:
                    conflict_index -= 1
            self.send(self.append_response(request, False, 0, conflict_index))
            return
        for offset, entry in enumerate(request["entries"]):
            index = prev_index + 1 + offset
            existing = self.term_at(index)
            if existing == entry["term"]:
                continue  # already there: a late or repeated request must not cut it
            if existing is not None:
                self.truncate_from(index)  # a conflict: delete it and all after it
            self.append(entry)
        last_new_index = prev_index + len(request["entries"])
        if request["leaderCommit"] > self.commit_index:
            self.commit_index = max(self.commit_index, min(request["leaderCommit"], last_new_index))
        self.send(self.append_response(request, True, last_new_index))

    def append_response(self, request, success, match_index, conflict_index=0):
        return {
            "type": "AppendEntriesResponse", "from": self.id, "to": request["from"], "term": self.term,
            "success": success,
            "matchIndex": match_index,
            "rejectedIndex": 0 if success else request["prevLogIndex"],
            "conflictTerm": 0,  # the term hint is optional; conflictIndex alone is enough here
            "conflictIndex": conflict_index,
        }

    # ---- AppendEntries, leader side ----

    def send_append(self, peer):
        prev_index = self.next_index[peer] - 1
        self.send({
            "type": "AppendEntriesRequest", "from": self.id, "to": peer, "term": self.term,
            "prevLogIndex": prev_index, "prevLogTerm": self.term_at(prev_index),
            "entries": self.log[prev_index:],
            "leaderCommit": self.commit_index,
        })

    def handle_append_response(self, response):
        if self.role != "leader":
            return
        peer = response["from"]
        if response["success"]:
            self.match_index[peer] = max(self.match_index[peer], response["matchIndex"])
            self.next_index[peer] = max(self.next_index[peer], self.match_index[peer] + 1)
            # Anything still missing goes with the next proposal or heartbeat: answering every success
            # with another request would multiply requests with every duplicated response.
            self.advance_commit_index()
            return
        # Only the refusal of what we last sent says anything; an older one arrived late.
        rejected = response["rejectedIndex"]
        if rejected != self.next_index[peer] - 1:
            return
        hinted = min(response["conflictIndex"], rejected) if response["conflictIndex"] > 0 else rejected
        self.next_index[peer] = max(self.match_index[peer] + 1, hinted)
        self.send_append(peer)

    def advance_commit_index(self):
        # Sections 5.3 and 5.4.2: the highest index a majority holds, if it is of our own term.
        for index in range(self.last_index(), self.commit_index, -1):
            if self.term_at(index) != self.term:
                break
            holders = 1 + sum(1 for peer in self.peers if self.match_index[peer] >= index)
            if self.has_majority(holders):
                self.commit_index = index
                return

    # ---- Helpers ----

    def has_majority(self, count):
        return count * 2 > len(self.members)

    def reset_election_timer(self):
        # Randomness only from the stream the host gives us: the same seed gives the same run.
        low, high = self.options["electionTimeoutMinTicks"], self.options["electionTimeoutMaxTicks"]
        self.election_timeout = low + int(self.random() * (high - low + 1))
        self.election_elapsed = 0

    def send(self, message):
        self.outbox.append(message)


if __name__ == "__main__":
    serve(MinimalRaftNode)
