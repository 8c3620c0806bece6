import { describe, expect, it } from 'vitest';
import type { AppendEntriesResponse, InstallSnapshotRequest } from './messages.js';
import { referenceImplementation } from './node.js';
import { appendSuccess, createTestNode, drain, electLeader, messagesOf, FIXED_RANDOM, logOfTerms, TEST_OPTIONS, tickTimes } from './testing.js';
import type { Snapshot } from './types.js';


describe('snapshots (§7)', () => {
  it('a leader compacts only what it applied, then sends its snapshot to a follower that needs compacted entries', () => {
    const leader = createTestNode({ id: 1 });
    electLeader(leader);
    drain(leader);
    for (let index = 0; index < 4; index++) leader.propose(`c${index}`);
    drain(leader);
    expect(leader.compact!(3, 'early')).toBeNull();
    leader.step(appendSuccess(2, 1, 1, 5));
    const applied = drain(leader).flatMap((ready) => ready.committedEntries?.entries ?? []);
    expect(applied).toHaveLength(5);
    expect(leader.compact!(6, 'beyond')).toBeNull();
    const snapshot = leader.compact!(5, 'state through 5');
    expect(snapshot).toEqual({ lastIndex: 5, lastTerm: 1, members: [1, 2, 3], data: 'state through 5' });
    expect(leader.compact!(5, 'again')).toBeNull();

    tickTimes(leader, TEST_OPTIONS.heartbeatTicks);
    const toThree = messagesOf(drain(leader)).filter((message) => message.to === 3);
    expect(toThree.map((message) => message.type)).toEqual(['InstallSnapshotRequest']);
    expect((toThree[0] as InstallSnapshotRequest).snapshot).toBe(snapshot);

    // Until node 3 answers, each heartbeat sends the snapshot again; once it does, entries follow it.
    tickTimes(leader, TEST_OPTIONS.heartbeatTicks);
    expect(messagesOf(drain(leader)).filter((message) => message.to === 3).map((message) => message.type)).toEqual(['InstallSnapshotRequest']);
    leader.step(appendSuccess(3, 1, 1, 5));
    leader.propose('after');
    const appends = messagesOf(drain(leader)).filter((message) => message.to === 3 && message.type === 'AppendEntriesRequest');
    expect(appends.map((message) => (message.type === 'AppendEntriesRequest' ? message.prevLogIndex : -1))).toEqual([5]);
  });

  it('a follower whose log conflicts with the snapshot replaces it, persists the snapshot, and goes on after it', () => {
    const follower = createTestNode({ id: 2, term: 3, log: logOfTerms([1, 1, 2]) });
    const snapshot: Snapshot = { lastIndex: 4, lastTerm: 3, members: [1, 2, 3], data: 'state through 4' };
    follower.step({ type: 'InstallSnapshotRequest', from: 1, to: 2, term: 3, snapshot, round: 7 });
    const readies = drain(follower);
    expect(readies[0]!.snapshot).toBe(snapshot);
    expect(readies[0]!.commitIndex).toBe(4);
    expect(readies.flatMap((ready) => (ready.committedEntries === null ? [] : [ready.committedEntries]))).toEqual([]);
    const answer = messagesOf(readies)[0] as AppendEntriesResponse;
    expect(answer).toMatchObject({ type: 'AppendEntriesResponse', success: true, matchIndex: 4, round: 7 });

    const next = { term: 3, kind: 'command' as const, command: 'five' };
    follower.step({ type: 'AppendEntriesRequest', from: 1, to: 2, term: 3, prevLogIndex: 4, prevLogTerm: 3, entries: [next], leaderCommit: 5 });
    const after = drain(follower);
    expect(after.find((ready) => ready.logWrite !== null)!.logWrite).toEqual({ fromIndex: 5, entries: [next] });
    expect(after.flatMap((ready) => (ready.committedEntries === null ? [] : [ready.committedEntries]))).toEqual([{ fromIndex: 5, entries: [next] }]);
  });

  it('a request that starts inside a follower’s snapshot is acknowledged up to the snapshot', () => {
    const follower = createTestNode({ id: 2, term: 3, log: logOfTerms([1, 1, 2]) });
    follower.step({ type: 'InstallSnapshotRequest', from: 1, to: 2, term: 3, snapshot: { lastIndex: 6, lastTerm: 3, members: [1, 2, 3], data: 'd' } });
    drain(follower);
    follower.step({ type: 'AppendEntriesRequest', from: 1, to: 2, term: 3, prevLogIndex: 2, prevLogTerm: 1, entries: logOfTerms([1, 3, 3]), leaderCommit: 6 });
    expect(messagesOf(drain(follower))).toEqual([expect.objectContaining({ success: true, matchIndex: 6 })]);
  });

  it('restarts from a snapshot and the log after it, with the snapshot committed and applied', () => {
    const node = referenceImplementation.create({
      id: 1,
      members: [1, 2, 3],
      options: TEST_OPTIONS,
      random: FIXED_RANDOM,
      persisted: {
        hardState: { term: 2, votedFor: null },
        snapshot: { lastIndex: 3, lastTerm: 1, members: [1, 2, 3], data: 'd' },
        log: logOfTerms([2]),
      },
    });
    tickTimes(node, TEST_OPTIONS.electionTimeoutMaxTicks);
    const requests = messagesOf(drain(node)).filter((message) => message.type === 'RequestVoteRequest');
    expect(requests[0]).toMatchObject({ term: 3, lastLogIndex: 4, lastLogTerm: 2 });
    node.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 3, voteGranted: true });
    node.step(appendSuccess(2, 1, 3, 5));
    const applied = drain(node).flatMap((ready) => (ready.committedEntries === null ? [] : [ready.committedEntries]));
    // Nothing through the snapshot is applied again: the first applied entry is the one after it.
    expect(applied[0]!.fromIndex).toBe(4);
  });
});
