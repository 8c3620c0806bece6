/** Figure 2's persistent state: written before the messages that depend on it, and read back on restart. */
import type { RaftImplementation } from '../core/contract.js';
import type { ConformanceTest } from './test-case.js';
import { appendRequest, logOfTerms, messagesOfType, voteRequest } from '../core/testing.js';
import { expectThat, onlyMessage, Probe, tickUntilCandidate } from './probe.js';

export const PERSISTENCE_TESTS: readonly ConformanceTest[] = [
  {
    name: 'vote-persisted-before-reply',
    section: 'Figure 2, contract',
    rule: 'a granted vote leaves in a Ready that persists the term and vote (or after one that did)',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1 });
      // The probe fails the test if the grant leaves before {term 2, votedFor 2} is persisted.
      const response = onlyMessage(probe.step(voteRequest(2, 1, 2, 0, 0)), 'RequestVoteResponse', 'to node 2');
      expectThat(response.voteGranted, 'refused a vote it should grant');
    },
  },
  {
    name: 'append-persisted-before-reply',
    section: 'Figure 2, contract',
    rule: 'an acknowledgement of entries leaves in a Ready that persists them (or after one that did)',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1 });
      const response = onlyMessage(
        probe.step(appendRequest({ from: 2, to: 1, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: logOfTerms([1, 1]) })),
        'AppendEntriesResponse',
        'to the leader',
      );
      expectThat(response.success && response.matchIndex === 2, `expected a success with matchIndex 2, got success ${response.success}, matchIndex ${response.matchIndex}`);
    },
  },
  {
    name: 'same-term-vote-persisted-before-reply',
    section: 'Figure 2, contract',
    rule: 'a vote granted in the term the node already holds is persisted before the reply, and a restart keeps it: nothing but the vote changed, and it must be durable',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 3 });
      // The probe fails the test if the grant leaves before {term 3, votedFor 2} is persisted.
      const response = onlyMessage(probe.step(voteRequest(2, 1, 3, 0, 0)), 'RequestVoteResponse', 'to node 2');
      expectThat(response.voteGranted, 'refused a vote it should grant');
      const restarted = new Probe(implementation, { term: probe.hardState.term, votedFor: probe.hardState.votedFor, log: probe.log });
      const second = messagesOfType(restarted.step(voteRequest(3, 1, 3, 0, 0)), 'RequestVoteResponse');
      expectThat(second.every((answer) => !answer.voteGranted), `restarted from term ${probe.hardState.term}, votedFor ${probe.hardState.votedFor}, it granted node 3 a second vote in term 3`);
    },
  },
  {
    name: 'truncation-and-append-in-one-ready',
    section: 'Figure 2, contract',
    rule: 'a truncation and the appends after it, taken in one Ready, leave the log on disk as in memory',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 3, log: logOfTerms([1, 1, 2, 2]) });
      const leaderLog = logOfTerms([1, 1, 3, 3, 3], 'y');
      // Both requests arrive before the host takes a Ready: the first truncates at index 3, the second appends after it.
      const sent = probe.stepAll([
        appendRequest({ from: 2, to: 1, term: 3, prevLogIndex: 2, prevLogTerm: 1, entries: leaderLog.slice(2, 3) }),
        appendRequest({ from: 2, to: 1, term: 3, prevLogIndex: 3, prevLogTerm: 3, entries: leaderLog.slice(3) }),
      ]);
      const persisted = probe.log.map((entry) => `${entry.term}:${entry.command}`).join(', ');
      const expected = [...logOfTerms([1, 1]), ...leaderLog.slice(2)].map((entry) => `${entry.term}:${entry.command}`).join(', ');
      expectThat(persisted === expected, `expected the log on disk [${expected}], got [${persisted}]`);
      const acknowledged = Math.max(0, ...messagesOfType(sent, 'AppendEntriesResponse').filter((answer) => answer.success).map((answer) => answer.matchIndex));
      expectThat(acknowledged === 5, `expected the entries through index 5 acknowledged, got ${acknowledged === 0 ? 'no acknowledgement' : `through ${acknowledged}`}`);
    },
  },
  {
    name: 'candidacy-persisted-before-requests',
    section: 'Figure 2, contract',
    rule: 'a candidate persists its new term and its vote for itself before asking for votes',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 4 });
      const { requests } = tickUntilCandidate(probe, 11);
      expectThat(requests.length === 2, `expected RequestVote to both peers, got ${requests.length}`);
    },
  },
  {
    name: 'restart-keeps-term-and-vote',
    section: 'Figure 2',
    rule: 'a node restarted from {term 5, votedFor 2} refuses another candidate of term 5 and stands next in term 6',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 5, votedFor: 2 });
      const response = onlyMessage(probe.step(voteRequest(3, 1, 5, 0, 0)), 'RequestVoteResponse', 'to node 3');
      expectThat(!response.voteGranted && response.term === 5, `expected a refusal in term 5, got granted ${response.voteGranted} in term ${response.term}`);
      const { requests } = tickUntilCandidate(probe, 11);
      expectThat(requests.length > 0 && requests[0]!.term === 6, `expected to stand in term 6, got ${requests.length === 0 ? 'no election' : `term ${requests[0]!.term}`}`);
    },
  },
  {
    name: 'restart-keeps-log',
    section: 'Figure 2, §5.4.1',
    rule: 'a node restarted with the log [1,1,2] stands with last log 3/2 and refuses a candidate whose log ends earlier',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 2, log: logOfTerms([1, 1, 2]) });
      const response = onlyMessage(probe.step(voteRequest(3, 1, 3, 2, 1)), 'RequestVoteResponse', 'to node 3');
      expectThat(!response.voteGranted, 'voted for a candidate whose log [1,1] is behind its persisted [1,1,2]');
      const { requests } = tickUntilCandidate(probe, 11);
      const request = requests[0];
      expectThat(request !== undefined && request.lastLogIndex === 3 && request.lastLogTerm === 2, `expected last log 3/2 in its RequestVote, got ${request === undefined ? 'none' : `${request.lastLogIndex}/${request.lastLogTerm}`}`);
    },
  },
];
