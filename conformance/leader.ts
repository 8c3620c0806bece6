/** §5.3 and §5.4.2, leader side: appending, heartbeats, and when an entry counts as committed. */
import type { RaftImplementation } from '../core/contract.js';
import type { ConformanceTest } from './test-case.js';
import { appendRequest, appendSuccess, logOfTerms, messagesOfType, termsOf } from '../core/testing.js';
import { electLeader, expectThat, Probe } from './probe.js';

export const LEADER_TESTS: readonly ConformanceTest[] = [
  {
    name: 'leader-appends-proposals',
    section: '§5.3',
    rule: 'a leader appends a proposal to its own log in its term, at the next index, and sends it to its followers',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1 });
      const term = electLeader(probe, [2]);
      const before = probe.log.length;
      const { result, messages } = probe.propose('set x');
      expectThat(result.accepted && result.index === before + 1 && result.term === term, `expected accepted at index ${before + 1} in term ${term}, got ${JSON.stringify(result)}`);
      expectThat(probe.log[before]?.command === 'set x' && probe.log[before]?.term === term, 'the proposal is not persisted at its index');
      const carried = messagesOfType([...messages, ...probe.tick(2)], 'AppendEntriesRequest').filter((request) => request.entries.some((entry) => entry.command === 'set x'));
      expectThat(new Set(carried.map((request) => request.to)).size === 2, 'the proposal did not go to both followers within a heartbeat');
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
    rule: 'a leader never overwrites or deletes entries in its own log, whatever AppendEntries of its term claims',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 2, log: logOfTerms([1, 2]) });
      const term = electLeader(probe, [2]);
      const before = termsOf(probe.log).join();
      probe.step(appendRequest({ from: 2, to: 1, term, prevLogIndex: 1, prevLogTerm: 1, entries: logOfTerms([1, term, term, term], 'y').slice(1), leaderCommit: 4 }));
      expectThat(termsOf(probe.log).join() === before && probe.role === 'leader', `expected the leader's log [${before}] untouched, got [${termsOf(probe.log)}] as a ${probe.role}`);
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
