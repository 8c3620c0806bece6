/** §5.2 and §5.4.1: who stands, who votes for whom, and when a candidate has won or lost. */
import type { RaftImplementation } from '../core/contract.js';
import type { ConformanceTest } from './test-case.js';
import { appendRequest, logOfTerms, messagesOfType, voteRequest, voteResponse } from '../core/testing.js';
import { expectRefusedOrIgnored, expectThat, onlyMessage, Probe, tickUntilCandidate, tickUntilTermAbove } from './probe.js';

function voteFrom(probe: Probe, candidate: number, term: number, lastLogIndex: number, lastLogTerm: number): boolean {
  return onlyMessage(probe.step(voteRequest(candidate, probe.id, term, lastLogIndex, lastLogTerm)), 'RequestVoteResponse', `to node ${candidate}`).voteGranted;
}

export const ELECTION_TESTS: readonly ConformanceTest[] = [
  {
    name: 'election-starts-on-timeout',
    section: '§5.2',
    rule: 'a follower that hears nothing for its election timeout stands: a new term, a vote for itself, RequestVote to every peer with its last log index and term',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 2, log: logOfTerms([1, 1, 2]) });
      const { tick, requests } = tickUntilCandidate(probe, 11);
      expectThat(tick >= 10 && tick <= 11, `expected to stand on tick 10 or 11 of a 10-tick timeout, ${tick === 0 ? 'did not stand' : `stood on tick ${tick}`}`);
      expectThat(probe.hardState.term === 3 && probe.hardState.votedFor === 1, `expected term 3, votedFor 1 persisted, got term ${probe.hardState.term}, votedFor ${probe.hardState.votedFor}`);
      const peers = requests.map((request) => request.to).sort().join();
      expectThat(peers === '2,3', `expected RequestVote to nodes 2 and 3, got it to [${peers}]`);
      for (const request of requests) {
        expectThat(request.term === 3 && request.lastLogIndex === 3 && request.lastLogTerm === 2, `expected term 3, last log 3/2 in the request, got ${request.term}, ${request.lastLogIndex}/${request.lastLogTerm}`);
      }
    },
  },
  {
    name: 'vote-stale-term-refused',
    section: '§5.1, Figure 2',
    rule: 'a vote request of an older term is not granted: refused with the current term, or ignored; the term and vote are left alone',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 5 });
      expectRefusedOrIgnored(probe.step(voteRequest(2, 1, 4, 10, 4)), 'RequestVoteResponse', 5);
      expectThat(probe.hardState.term === 5 && probe.hardState.votedFor === null, `expected term 5, no vote persisted, got term ${probe.hardState.term}, votedFor ${probe.hardState.votedFor}`);
    },
  },
  {
    name: 'vote-stale-term-answered',
    section: '§5.1, Figure 2',
    rule: 'a vote request of an older term is answered false with the current term (etcd ignores it instead)',
    strict: true,
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 5 });
      const response = onlyMessage(probe.step(voteRequest(2, 1, 4, 10, 4)), 'RequestVoteResponse', 'to node 2');
      expectThat(!response.voteGranted && response.term === 5, `expected a refusal of term 5, got granted ${response.voteGranted} in term ${response.term}`);
    },
  },
  {
    name: 'vote-once-per-term',
    section: '§5.2',
    rule: 'a node that voted for one candidate in a term refuses every other candidate of that term',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 3, votedFor: 2 });
      expectThat(!voteFrom(probe, 3, 3, 0, 0), 'node 3 got a vote in term 3 from a node that had voted for node 2');
      expectThat(probe.hardState.votedFor === 2, `expected votedFor 2 to stay persisted, got ${probe.hardState.votedFor}`);
    },
  },
  {
    name: 'vote-same-candidate-again',
    section: '§5.2, Figure 2',
    rule: 'a repeated request from the candidate already voted for is granted again (its first answer may have been lost)',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 3, votedFor: 2 });
      expectThat(voteFrom(probe, 2, 3, 0, 0), 'node 2 was refused the vote it already had');
    },
  },
  {
    name: 'vote-up-to-date-last-term',
    section: '§5.4.1',
    rule: 'of two logs, the one whose last entry has the later term is more up to date, whatever the lengths',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 2, log: logOfTerms([1, 1, 2]) });
      expectThat(!voteFrom(probe, 2, 3, 5, 1), 'a candidate with a longer log ending in term 1 got a vote from a log ending in term 2');
      expectThat(voteFrom(probe, 3, 3, 1, 3), 'a candidate with a shorter log ending in term 3 was refused by a log ending in term 2');
    },
  },
  {
    name: 'vote-up-to-date-length',
    section: '§5.4.1',
    rule: 'of two logs ending in the same term, the longer one is more up to date; an equal one is up to date too',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 2, log: logOfTerms([1, 1, 2]) });
      expectThat(!voteFrom(probe, 2, 3, 2, 2), 'a candidate with a shorter log ending in the same term got a vote');
      expectThat(voteFrom(probe, 3, 3, 3, 2), 'a candidate with an equal log was refused');
    },
  },
  {
    name: 'candidate-counts-own-vote-once',
    section: '§5.2',
    rule: 'a candidate counts each server once, itself included: in a cluster of five it needs two other votes, however often one repeats',
    run(implementation: RaftImplementation) {
      const three = new Probe(implementation, { term: 1 });
      expectThat(tickUntilCandidate(three, 11).tick > 0, 'the node did not stand within 11 ticks');
      expectThat(three.role === 'candidate', `in a cluster of three, expected a candidate before any vote, got a ${three.role}`);
      const five = new Probe(implementation, { term: 1, members: [1, 2, 3, 4, 5] });
      expectThat(tickUntilCandidate(five, 11).tick > 0, 'the node did not stand within 11 ticks');
      five.step(voteResponse(2, 1, 2, true));
      five.step(voteResponse(2, 1, 2, true));
      expectThat(five.role === 'candidate', `in a cluster of five, expected a candidate with its own vote and node 2's (twice), got a ${five.role}`);
      five.step(voteResponse(3, 1, 2, true));
      expectThat(five.role === 'leader', `in a cluster of five, expected a leader with the votes of 1, 2 and 3, got a ${five.role}`);
    },
  },
  {
    name: 'leader-announces-itself',
    section: '§5.2',
    rule: 'a candidate that wins sends AppendEntries to every peer at once, to establish its authority',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1 });
      expectThat(tickUntilCandidate(probe, 11).tick > 0, 'the node did not stand within 11 ticks');
      const sent = probe.step(voteResponse(2, 1, 2, true));
      expectThat(probe.role === 'leader', `expected a leader, got a ${probe.role}`);
      const peers = [...new Set(messagesOfType(sent, 'AppendEntriesRequest').map((request) => request.to))].sort().join();
      expectThat(peers === '2,3', `expected AppendEntries to nodes 2 and 3 on winning, got it to [${peers}]`);
    },
  },
  {
    name: 'candidate-follows-leader-of-its-term',
    section: '§5.2',
    rule: 'a candidate that receives AppendEntries from a leader of its own term recognises it and becomes a follower',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 2 });
      expectThat(tickUntilCandidate(probe, 11).tick > 0, 'the node did not stand within 11 ticks');
      const response = onlyMessage(probe.step(appendRequest({ from: 2, to: 1, term: 3, prevLogIndex: 0, prevLogTerm: 0 })), 'AppendEntriesResponse', 'to the leader');
      expectThat(probe.role === 'follower' && probe.leaderId === 2, `expected a follower of node 2, got a ${probe.role} following ${probe.leaderId}`);
      expectThat(response.success && response.term === 3, `expected a success of term 3, got success ${response.success} in term ${response.term}`);
    },
  },
  {
    name: 'candidate-stands-again-on-timeout',
    section: '§5.2',
    rule: 'a candidate that neither wins nor loses within its election timeout starts a new election in the next term (RequestVote retransmitted within its term is no new election)',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 2 });
      expectThat(tickUntilCandidate(probe, 11).tick > 0, 'the node did not stand within 11 ticks');
      const first = probe.hardState.term;
      const { tick, requests } = tickUntilTermAbove(probe, first, 11);
      expectThat(tick >= 10, `expected a new election 10 or 11 ticks after the first, ${tick === 0 ? 'got none' : `got one after ${tick}`}`);
      const terms = [...new Set(requests.map((request) => request.term))].join();
      expectThat(probe.hardState.term === first + 1 && terms === String(first + 1), `expected the election of term ${first + 1}, got term ${probe.hardState.term} persisted and RequestVote of term [${terms}]`);
    },
  },
];
