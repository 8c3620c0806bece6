/** §5.1: terms act as a logical clock; a higher term wins, a lower one is not accepted. */
import type { RaftImplementation } from '../core/contract.js';
import type { ConformanceTest } from './test-case.js';
import { appendRefusal, appendRequest, logOfTerms, termsOf, voteRequest, voteResponse } from '../core/testing.js';
import { electLeader, expectRefusedOrIgnored, expectThat, onlyMessage, Probe, tickUntilCandidate } from './probe.js';

export const TERM_TESTS: readonly ConformanceTest[] = [
  {
    name: 'term-adopted-from-request',
    section: '§5.1',
    rule: 'a request with a higher term makes the receiver adopt it before it answers',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 2, log: logOfTerms([1, 1]) });
      const response = onlyMessage(probe.step(appendRequest({ from: 2, to: 1, term: 5, prevLogIndex: 2, prevLogTerm: 1 })), 'AppendEntriesResponse', 'to the request');
      expectThat(probe.hardState.term === 5, `expected term 5 persisted, got ${probe.hardState.term}`);
      expectThat(response.term === 5 && response.success, `expected a success of term 5, got success ${response.success} in term ${response.term}`);
    },
  },
  {
    name: 'candidate-steps-down-on-response',
    section: '§5.1',
    rule: 'a candidate that sees a higher term in a vote response adopts it and becomes a follower',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 2 });
      expectThat(tickUntilCandidate(probe, 11).tick > 0, 'the node did not stand within 11 ticks');
      probe.step(voteResponse(2, 1, 7, false));
      expectThat(probe.hardState.term === 7, `expected term 7 persisted, got ${probe.hardState.term}`);
      expectThat(probe.hardState.votedFor === null, `expected no vote in term 7, got a vote for ${probe.hardState.votedFor}`);
      expectThat(probe.role === 'follower', `expected a follower, got a ${probe.role}`);
    },
  },
  {
    name: 'leader-steps-down-on-response',
    section: '§5.1',
    rule: 'a leader that sees a higher term in an AppendEntries response adopts it and becomes a follower',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 2 });
      electLeader(probe, [2]);
      probe.step(appendRefusal(3, 1, 9, 0));
      expectThat(probe.hardState.term === 9, `expected term 9 persisted, got ${probe.hardState.term}`);
      expectThat(probe.role === 'follower', `expected a follower, got a ${probe.role}`);
      expectThat(!probe.propose('late').result.accepted, 'a deposed leader accepted a proposal');
    },
  },
  {
    name: 'vote-cleared-in-new-term',
    section: '§5.1, Figure 2',
    rule: 'votedFor is the vote of the current term: a node that voted in term 3 may vote again in term 4',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 3, votedFor: 2 });
      const response = onlyMessage(probe.step(voteRequest(3, 1, 4, 0, 0)), 'RequestVoteResponse', 'to node 3');
      expectThat(response.voteGranted, 'node 3 was refused a vote in term 4 because of the vote for node 2 in term 3');
      expectThat(probe.hardState.term === 4 && probe.hardState.votedFor === 3, `expected term 4, votedFor 3 persisted, got term ${probe.hardState.term}, votedFor ${probe.hardState.votedFor}`);
    },
  },
  {
    name: 'append-stale-term-refused',
    section: '§5.1, Figure 2',
    rule: 'AppendEntries from an older term is not accepted: refused with the current term, or ignored; the log and term are left alone',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 5, log: logOfTerms([1, 1]) });
      const sent = probe.step(appendRequest({ from: 2, to: 1, term: 4, prevLogIndex: 2, prevLogTerm: 1, entries: logOfTerms([1, 1, 4]).slice(2) }));
      expectRefusedOrIgnored(sent, 'AppendEntriesResponse', 5);
      expectThat(termsOf(probe.log).join() === '1,1', `expected the log [1,1], got [${termsOf(probe.log)}]`);
      expectThat(probe.hardState.term === 5, `expected term 5 to stay persisted, got ${probe.hardState.term}`);
    },
  },
  {
    name: 'append-stale-term-answered',
    section: '§5.1, Figure 2',
    rule: 'AppendEntries from an older term is answered false with the current term, so its sender learns it is deposed (etcd ignores it instead)',
    strict: true,
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 5, log: logOfTerms([1, 1]) });
      const response = onlyMessage(probe.step(appendRequest({ from: 2, to: 1, term: 4, prevLogIndex: 2, prevLogTerm: 1 })), 'AppendEntriesResponse', 'to the stale request');
      expectThat(!response.success && response.term === 5, `expected a refusal of term 5, got success ${response.success} in term ${response.term}`);
    },
  },
];
