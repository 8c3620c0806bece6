/**
 * The optional parts of the contract: snapshots (§7, Figure 13), single-server membership changes
 * (dissertation §4.2) and ReadIndex reads (dissertation §6.4). Each test runs only against an
 * implementation that has the method it is about.
 */
import type { RaftImplementation } from '../core/contract.js';
import type { Message } from '../core/messages.js';
import type { Snapshot } from '../core/types.js';
import type { ConformanceTest } from './test-case.js';
import { appendSuccess, logOfTerms, messagesOfType, termsOf } from '../core/testing.js';
import { electLeader, expectThat, onlyMessage, Probe } from './probe.js';

function installSnapshot(from: number, to: number, term: number, snapshot: Snapshot): Message {
  return { type: 'InstallSnapshotRequest', from, to, term, snapshot };
}

/** A leader of term 1 in a cluster of three, its no-op committed with node 2's acknowledgement. */
function leaderWithCommittedNoop(implementation: RaftImplementation): { probe: Probe; term: number } {
  const probe = new Probe(implementation);
  const term = electLeader(probe, [2]);
  const last = probe.log.length;
  probe.step(appendSuccess(2, 1, term, last));
  expectThat(probe.commitIndex === last, `the leader did not commit its no-op at index ${last} once node 2 held it (commit index ${probe.commitIndex})`);
  return { probe, term };
}

/** Answers every AppendEntries request among `messages` as its follower would, echoing its round. */
function acknowledge(probe: Probe, messages: readonly Message[], from: number): Message[] {
  const answers: Message[] = [];
  for (const request of messagesOfType(messages, 'AppendEntriesRequest')) {
    if (request.to !== from) continue;
    answers.push(...probe.step(appendSuccess(from, probe.id, request.term, request.prevLogIndex + request.entries.length, request.round)));
  }
  return answers;
}

export const OPTIONAL_TESTS: readonly ConformanceTest[] = [
  {
    name: 'snapshot-keeps-following-entries',
    section: '§7, Figure 13',
    rule: 'a follower whose log holds the snapshot’s last entry keeps the entries after it, and commits through the snapshot',
    requires: 'compact',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1, log: logOfTerms([1, 1, 1, 1, 1]) });
      const messages = probe.step(installSnapshot(2, 1, 1, { lastIndex: 3, lastTerm: 1, members: [1, 2, 3], data: 'state through 3' }));
      const answer = onlyMessage(messages, 'AppendEntriesResponse', 'to the leader');
      expectThat(answer.success && answer.matchIndex >= 3, `expected a success covering index 3, got success ${answer.success}, matchIndex ${answer.matchIndex}`);
      expectThat(probe.log.length === 5 && probe.snapshotIndex === 0, `dropped entries: it holds ${probe.log.length} entries (snapshot through ${probe.snapshotIndex}) where it held 5`);
      expectThat(probe.commitIndex === 3, `expected commit index 3, got ${probe.commitIndex}`);
    },
  },
  {
    name: 'snapshot-older-than-commit-ignored',
    section: '§7, Figure 13',
    rule: 'a snapshot of entries a follower has already committed changes nothing',
    requires: 'compact',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1, log: logOfTerms([1, 1, 1, 1]) });
      probe.step({ type: 'AppendEntriesRequest', from: 2, to: 1, term: 1, prevLogIndex: 4, prevLogTerm: 1, entries: [], leaderCommit: 4 });
      expectThat(probe.commitIndex === 4, `expected commit index 4 from the leader's heartbeat, got ${probe.commitIndex}`);
      probe.step(installSnapshot(2, 1, 1, { lastIndex: 2, lastTerm: 1, members: [1, 2, 3], data: 'state through 2' }));
      expectThat(probe.log.length === 4 && probe.snapshotIndex === 0, `an old snapshot changed the log: ${probe.log.length} entries, snapshot through ${probe.snapshotIndex}`);
      expectThat(probe.commitIndex === 4, `an old snapshot moved the commit index to ${probe.commitIndex}`);
    },
  },
  {
    name: 'snapshot-replaces-conflicting-log',
    section: '§7, Figure 13',
    rule: 'a follower whose log does not hold the snapshot’s last entry replaces its log by the snapshot',
    requires: 'compact',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 3, log: logOfTerms([1, 1, 2]) });
      const messages = probe.step(installSnapshot(2, 1, 3, { lastIndex: 4, lastTerm: 3, members: [1, 2, 3], data: 'state through 4' }));
      const answer = onlyMessage(messages, 'AppendEntriesResponse', 'to the leader');
      expectThat(answer.success && answer.matchIndex === 4, `expected a success with matchIndex 4, got success ${answer.success}, matchIndex ${answer.matchIndex}`);
      expectThat(probe.snapshotIndex === 4 && probe.log.length === 4, `expected the snapshot through 4 in place of the log, got snapshot through ${probe.snapshotIndex} and terms [${termsOf(probe.log)}]`);
      expectThat(probe.commitIndex === 4, `expected commit index 4, got ${probe.commitIndex}`);
    },
  },
  {
    name: 'config-change-one-at-a-time',
    section: 'dissertation §4.2',
    rule: 'a leader refuses a membership change while an earlier one is uncommitted, and accepts it once that one commits',
    requires: 'proposeConfigChange',
    run(implementation: RaftImplementation) {
      const { probe, term } = leaderWithCommittedNoop(implementation);
      const change = probe.optional('proposeConfigChange');
      const first = change({ type: 'add', node: 4 });
      probe.drain();
      expectThat(first.accepted, 'refused the first change, adding node 4');
      const second = change({ type: 'add', node: 5 });
      probe.drain();
      expectThat(!second.accepted, 'accepted a second change, adding node 5, while adding node 4 was not committed');
      // Nodes 2 and 3 of the new configuration {1,2,3,4} acknowledge: with the leader, a majority of four.
      const last = probe.log.length;
      probe.step(appendSuccess(2, 1, term, last));
      probe.step(appendSuccess(3, 1, term, last));
      expectThat(probe.commitIndex === last, `the change at index ${last} was not committed with nodes 1, 2 and 3 (commit index ${probe.commitIndex})`);
      expectThat(change({ type: 'add', node: 5 }).accepted, 'refused adding node 5 after the first change was committed');
      probe.drain();
    },
  },
  {
    name: 'config-change-after-own-term-commit',
    section: 'dissertation §4.2',
    rule: 'a new leader refuses a membership change until it has committed an entry of its own term',
    requires: 'proposeConfigChange',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation);
      electLeader(probe, [2]);
      const early = probe.optional('proposeConfigChange')({ type: 'add', node: 4 });
      probe.drain();
      expectThat(!early.accepted, 'accepted a change before committing an entry of its term');
    },
  },
  {
    name: 'read-index-confirms-leadership',
    section: 'dissertation §6.4',
    rule: 'a leader answers a read only after a majority has answered a heartbeat it sent after the read arrived, at its commit index',
    requires: 'read',
    run(implementation: RaftImplementation) {
      const { probe } = leaderWithCommittedNoop(implementation);
      const commitIndex = probe.commitIndex;
      const taken = probe.optional('read')(7);
      expectThat(taken, 'the leader did not take the read');
      const sent = [...probe.drain(), ...probe.tick(1)];
      expectThat(probe.readStates.length === 0, `answered read 7 before any follower confirmed its leadership`);
      let heartbeats = messagesOfType(sent, 'AppendEntriesRequest').filter((request) => request.to === 2);
      for (let tick = 0; heartbeats.length === 0 && tick < 20; tick++) heartbeats = messagesOfType(probe.tick(1), 'AppendEntriesRequest').filter((request) => request.to === 2);
      expectThat(heartbeats.length > 0, 'sent no AppendEntries to node 2 after the read');
      expectThat(probe.readStates.length === 0, `answered read 7 before any follower confirmed its leadership`);
      acknowledge(probe, heartbeats, 2);
      const answer = probe.readStates.find((read) => read.context === 7);
      expectThat(answer !== undefined, 'did not answer read 7 once node 2 had acknowledged a heartbeat sent after it');
      expectThat(answer!.index === commitIndex, `answered read 7 at index ${answer!.index}; its commit index was ${commitIndex}`);
    },
  },
  {
    name: 'stale-term-answer-echoes-no-round',
    section: 'dissertation §6.4, §5.1',
    rule: 'an answer to an AppendEntries of an older term echoes none of its heartbeat round: by the time it arrives its sender may lead a newer term, and would count it as an answer to a round of its current leadership, confirming reads for a node that never heard from it',
    requires: 'read',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 5, log: logOfTerms([1, 1]) });
      const sent = probe.step({ type: 'AppendEntriesRequest', from: 2, to: 1, term: 4, prevLogIndex: 2, prevLogTerm: 1, entries: [], leaderCommit: 0, round: 57 });
      const echoed = messagesOfType(sent, 'AppendEntriesResponse').find((response) => (response.round ?? 0) !== 0);
      expectThat(echoed === undefined, `answered a heartbeat of term 4 in term ${echoed?.term} with its round ${echoed?.round} echoed`);
    },
  },
  {
    name: 'follower-does-not-answer-reads-alone',
    section: 'dissertation §6.4',
    rule: 'a follower does not answer a read from its own state: it refuses it, or learns the read index from the leader first',
    requires: 'read',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { id: 2 });
      probe.step({ type: 'AppendEntriesRequest', from: 1, to: 2, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [{ term: 1, kind: 'noop', command: '' }], leaderCommit: 1 });
      expectThat(probe.role === 'follower' && probe.commitIndex === 1, `node 2 did not follow leader 1 and commit its no-op (role ${probe.role}, commit index ${probe.commitIndex})`);
      probe.optional('read')(9);
      probe.drain();
      probe.tick(1);
      expectThat(!probe.readStates.some((read) => read.context === 9), 'a follower answered read 9 from its own state, without hearing from the leader');
    },
  },
  {
    name: 'acknowledges-only-committed',
    section: 'Figure 2, contract',
    rule: 'a node acknowledges a client command (Ready.acknowledgedIndexes) only once it is committed',
    run(implementation: RaftImplementation) {
      const { probe } = leaderWithCommittedNoop(implementation);
      const { result } = probe.propose('x');
      expectThat(result.accepted, 'the leader refused a command');
      probe.tick(1);
      for (const ready of probe.readies) {
        const early = (ready.acknowledgedIndexes ?? []).find((index) => index > ready.commitIndex);
        expectThat(early === undefined, `acknowledged index ${early} with its commit index at ${ready.commitIndex}`);
      }
    },
  },
];
