/** §5.3 and §5.4.2, leader side: appending, heartbeats, and when an entry counts as committed. */
import type { RaftImplementation } from '../core/contract.js';
import type { ConformanceTest } from './test-case.js';
import type { Message } from '../core/messages.js';
import { appendRefusal, appendRequest, appendSuccess, logOfTerms, messagesOfType, termsOf, TEST_OPTIONS, voteRequest } from '../core/testing.js';
import { electLeader, exchangeWithFollowers, expectThat, Probe } from './probe.js';

/** The followers sent an AppendEntries carrying the command, in order, as a list. */
function followersReached(sent: readonly Message[], command: string): string {
  const carrying = messagesOfType(sent, 'AppendEntriesRequest').filter((request) => request.entries.some((entry) => entry.command === command));
  return [...new Set(carrying.map((request) => request.to))].sort().join();
}

export const LEADER_TESTS: readonly ConformanceTest[] = [
  {
    name: 'leader-appends-proposals',
    section: '§5.3',
    rule: 'a leader appends a proposal to its own log in its term, at the next index, and sends it to its followers as they answer (it may wait for a probe’s answer first)',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1 });
      const term = electLeader(probe, [2]);
      const before = probe.log.length;
      const { result } = probe.propose('set x');
      expectThat(result.accepted && result.index === before + 1 && result.term === term, `expected accepted at index ${before + 1} in term ${term}, got ${JSON.stringify(result)}`);
      const stored = probe.log[before];
      expectThat(stored?.command === 'set x' && stored.term === term, `expected the proposal persisted at index ${before + 1} in term ${term}, got ${stored === undefined ? 'nothing' : `${stored.command} of term ${stored.term}`}`);
      // Every AppendEntries since the election is answered, as followers that match would.
      const sent = exchangeWithFollowers(probe, probe.sent.filter((message) => message.term === term), [2, 3], 2 * TEST_OPTIONS.heartbeatTicks);
      const reached = followersReached(sent, 'set x');
      expectThat(reached === '2,3', `expected the proposal sent to nodes 2 and 3 within two heartbeat intervals of answering followers, got it to [${reached}]`);
    },
  },
  {
    name: 'leader-resends-to-silent-followers',
    section: '§5.3',
    rule: 'a leader retries AppendEntries with a proposal to followers that do not answer, within a heartbeat interval (etcd waits for a probe’s answer instead)',
    strict: true,
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1 });
      electLeader(probe, [2]);
      const { messages } = probe.propose('set x');
      const reached = followersReached([...messages, ...probe.tick(TEST_OPTIONS.heartbeatTicks)], 'set x');
      expectThat(reached === '2,3', `expected the proposal sent to nodes 2 and 3 within a heartbeat interval, none of them answering, got it to [${reached}]`);
    },
  },
  {
    name: 'follower-redirects-proposals',
    section: '§5.1, contract',
    rule: 'a node that does not lead refuses a proposal and names the leader it knows',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 2 });
      probe.step(appendRequest({ from: 3, to: 1, term: 2, prevLogIndex: 0, prevLogTerm: 0 }));
      const { result } = probe.propose('set x');
      expectThat(!result.accepted && result.leaderId === 3, `expected a refusal naming leader 3, got ${JSON.stringify(result)}`);
    },
  },
  {
    name: 'leader-heartbeats-when-idle',
    section: '§5.2',
    rule: 'an idle leader sends AppendEntries to every follower at least once per heartbeat interval',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1 });
      electLeader(probe, [2]);
      for (let round = 1; round <= 3; round++) {
        const peers = new Set(messagesOfType(probe.tick(2), 'AppendEntriesRequest').map((request) => request.to));
        expectThat(peers.size === 2, `in heartbeat interval ${round} (2 ticks), expected AppendEntries to both followers, got it to ${peers.size}`);
      }
    },
  },
  {
    name: 'leader-never-overwrites-its-log',
    section: '§5.3 (Leader Append-Only)',
    rule: 'a leader never overwrites or deletes entries in its own log, whatever a deposed leader, a rival candidate or a follower’s refusal says',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 2, log: logOfTerms([1, 2]), members: [1, 2, 3, 4, 5] });
      const term = electLeader(probe, [2, 3]);
      const expected = termsOf(probe.log);
      const keptAfter = (what: string): void => {
        const now = termsOf(probe.log).slice(0, expected.length).join();
        expectThat(now === expected.join() && probe.role === 'leader', `after ${what}, expected a leader whose log begins [${expected}], got a ${probe.role} with [${termsOf(probe.log)}]`);
      };
      // A deposed leader of term 2 whose log went further than this one's.
      probe.step(appendRequest({ from: 4, to: 1, term: 2, prevLogIndex: 2, prevLogTerm: 2, entries: logOfTerms([1, 2, 2, 2], 'old').slice(2), leaderCommit: 3 }));
      keptAfter(`AppendEntries of term 2 from node 4 with entries at ${expected.length} and beyond`);
      // A candidate of this term that timed out while this node was winning.
      probe.step(voteRequest(5, 1, term, 4, 2));
      keptAfter(`a RequestVote of term ${term} from node 5`);
      // Followers whose logs lack the leader's entries.
      probe.step(appendRefusal(2, 1, term, expected.length - 1));
      probe.step({ ...appendRefusal(3, 1, term, expected.length - 1), conflictTerm: 1, conflictIndex: 1 });
      keptAfter('refusals from nodes 2 and 3');
      const { result } = probe.propose('set x');
      expectThat(result.accepted && result.index === expected.length + 1, `expected the next proposal at index ${expected.length + 1}, got ${JSON.stringify(result)}`);
      keptAfter('a proposal');
    },
  },
  {
    name: 'leader-commits-on-majority',
    section: '§5.3',
    rule: 'a leader commits an entry of its term once a majority holds it: in a cluster of five, itself and two followers',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1, members: [1, 2, 3, 4, 5] });
      const term = electLeader(probe, [2, 3]);
      const { result } = probe.propose('set x');
      expectThat(result.accepted, 'the leader refused a proposal');
      const index = result.accepted ? result.index : 0;
      probe.step(appendSuccess(2, 1, term, index));
      expectThat(probe.commitIndex < index, `committed index ${index} held by 2 of 5 nodes`);
      probe.step(appendSuccess(3, 1, term, index));
      expectThat(probe.commitIndex === index, `expected index ${index} committed once held by 3 of 5 nodes, got commit index ${probe.commitIndex}`);
    },
  },
  {
    name: 'leader-commits-only-current-term',
    section: '§5.4.2, Figure 8',
    rule: 'a leader never commits an entry of an earlier term by counting replicas; it commits with the first entry of its own term',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 3, log: logOfTerms([1, 2]), members: [1, 2, 3, 4, 5] });
      const term = electLeader(probe, [2, 3]);
      probe.step(appendSuccess(2, 1, term, 2));
      probe.step(appendSuccess(3, 1, term, 2));
      expectThat(probe.commitIndex === 0, `committed through index ${probe.commitIndex}, an entry of term 2 held by a majority, in term ${term}`);
      const { result } = probe.propose('set x');
      const index = result.accepted ? result.index : 0;
      expectThat(index > 2, `expected the proposal accepted after index 2, got ${JSON.stringify(result)}`);
      probe.step(appendSuccess(2, 1, term, index));
      probe.step(appendSuccess(3, 1, term, index));
      expectThat(probe.commitIndex === index, `expected commit index ${index} once its own entry is on a majority, got ${probe.commitIndex}`);
    },
  },
];
