import { describe, expect, it } from 'vitest';
import type { RaftNodeInstance, Ready } from './contract.js';
import type { AppendEntriesRequest, AppendEntriesResponse, Message } from './messages.js';
import { createTestNode, drain, electLeader, TEST_OPTIONS, tickTimes } from './testing.js';

const messagesOf = (readies: readonly Ready[]): Message[] => readies.flatMap((ready) => ready.messages);
const readsOf = (readies: readonly Ready[]) => readies.flatMap((ready) => ready.readStates ?? []);
const answer = (request: AppendEntriesRequest): AppendEntriesResponse => ({
  type: 'AppendEntriesResponse',
  from: request.to,
  to: request.from,
  term: request.term,
  success: true,
  matchIndex: request.prevLogIndex + request.entries.length,
  rejectedIndex: 0,
  conflictTerm: 0,
  conflictIndex: 0,
  ...(request.round === undefined ? {} : { round: request.round }),
});

/** Node 1 leads term 1 of {1,2,3} with its no-op committed; returns what it sent last. */
function leader(options: Parameters<typeof createTestNode>[0] = {}): RaftNodeInstance {
  const node = createTestNode({ id: 1, ...options });
  electLeader(node);
  const noop = messagesOf(drain(node)).find((message): message is AppendEntriesRequest => message.type === 'AppendEntriesRequest' && message.to === 2)!;
  node.step(answer(noop));
  drain(node);
  return node;
}

describe('reads (dissertation §6.4)', () => {
  it('only a leader with an entry of its term committed takes a read', () => {
    expect(createTestNode({ id: 2 }).read!(1)).toBe(false);
    const fresh = createTestNode({ id: 1 });
    electLeader(fresh);
    drain(fresh);
    expect(fresh.read!(1)).toBe(false);
    expect(leader().read!(1)).toBe(true);
  });

  it('ReadIndex: the read waits for a majority to answer a round sent after it, then is answered at the commit index it arrived at', () => {
    const node = leader();
    node.read!(42);
    const sent = drain(node);
    expect(readsOf(sent)).toEqual([]);
    const heartbeats = messagesOf(sent).filter((message): message is AppendEntriesRequest => message.type === 'AppendEntriesRequest');
    expect(heartbeats.map((message) => message.to).sort()).toEqual([2, 3]);
    // An answer to an older round confirms nothing.
    node.step({ ...answer(heartbeats[0]!), round: heartbeats[0]!.round! - 1 });
    expect(readsOf(drain(node))).toEqual([]);
    node.step(answer(heartbeats[0]!));
    expect(readsOf(drain(node))).toEqual([{ context: 42, index: 1 }]);
  });

  it('a round of an earlier leadership, answered late by a node of a newer term, confirms no read of the current one', () => {
    const node = leader();
    for (let context = 1; context <= 4; context++) node.read!(context);
    const earlier = messagesOf(drain(node)).filter((message): message is AppendEntriesRequest => message.type === 'AppendEntriesRequest' && message.to === 2);
    const lateHeartbeat = earlier[earlier.length - 1]!;
    expect(lateHeartbeat.round).toBeGreaterThanOrEqual(4);
    // Node 3 leads term 2 for a while; then node 1 is elected again, in term 3, and commits its no-op.
    node.step({ type: 'AppendEntriesRequest', from: 3, to: 1, term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: [], leaderCommit: 1 });
    drain(node);
    electLeader(node);
    const noop = messagesOf(drain(node)).find((message): message is AppendEntriesRequest => message.type === 'AppendEntriesRequest' && message.to === 2)!;
    expect(noop.term).toBe(3);
    node.step(answer(noop));
    drain(node);
    // Node 2, in term 3, gets the term-1 heartbeat only now: its answer tells of term 3 and nothing else.
    const follower = createTestNode({ id: 2, term: 3 });
    follower.step(lateHeartbeat);
    const lateAnswer = messagesOf(drain(follower)).find((message): message is AppendEntriesResponse => message.type === 'AppendEntriesResponse')!;
    expect(lateAnswer).toMatchObject({ term: 3, success: false, rejectedIndex: 0 });
    expect(lateAnswer.round ?? 0).toBe(0);
    node.read!(99);
    drain(node);
    node.step(lateAnswer);
    expect(readsOf(drain(node))).toEqual([]);
  });

  it('a leader that steps down drops its waiting reads', () => {
    const node = leader();
    node.read!(5);
    drain(node);
    node.step({ type: 'AppendEntriesRequest', from: 3, to: 1, term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: [], leaderCommit: 1 });
    expect(readsOf(drain(node))).toEqual([]);
  });

  it('lease reads: answered at once while a majority answered a round within the lease, and by ReadIndex once it ran out', () => {
    const node = leader({ options: { checkQuorum: true, leaseReads: true, leaseClockDrift: 0.1 } });
    // The no-op's answer confirmed the election round: the lease holds.
    node.read!(1);
    expect(readsOf(drain(node))).toEqual([{ context: 1, index: 1 }]);
    // floor((10 − 1) × 0.9 / 1.1) = 7 ticks of lease; heartbeats go unanswered meanwhile.
    tickTimes(node, 6);
    drain(node);
    node.read!(9);
    expect(readsOf(drain(node))).toEqual([{ context: 9, index: 1 }]);
    tickTimes(node, 1);
    drain(node);
    node.read!(2);
    const waiting = drain(node);
    expect(readsOf(waiting)).toEqual([]);
    const heartbeat = messagesOf(waiting).find((message): message is AppendEntriesRequest => message.type === 'AppendEntriesRequest')!;
    node.step(answer(heartbeat));
    expect(readsOf(drain(node))).toEqual([{ context: 2, index: 1 }]);
  });

  it('no lease after the leader has told a successor to stand', () => {
    const node = leader({ options: { checkQuorum: true, leaseReads: true } });
    expect(node.transferLeadership!(2)).toBe(true);
    drain(node);
    expect(node.read!(3)).toBe(false);
  });

  it('lease reads need CheckQuorum', () => {
    expect(() => createTestNode({ options: { leaseReads: true, checkQuorum: false } })).toThrow(/leaseReads needs checkQuorum/);
    expect(TEST_OPTIONS.leaseReads).toBe(false);
  });
});

describe('CheckQuorum stickiness, which leases rely on', () => {
  it('a follower that heard from its leader keeps ignoring vote requests after another message raised its term', () => {
    const follower = createTestNode({ id: 2, options: { checkQuorum: true } });
    follower.step({ type: 'AppendEntriesRequest', from: 1, to: 2, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 });
    drain(follower);
    follower.step({ type: 'RequestVoteResponse', from: 3, to: 2, term: 3, voteGranted: false });
    expect(drain(follower).some((ready) => ready.hardState?.term === 3)).toBe(true);
    follower.step({ type: 'RequestVoteRequest', from: 3, to: 2, term: 4, lastLogIndex: 5, lastLogTerm: 3 });
    const answered = drain(follower);
    expect(messagesOf(answered)).toEqual([]);
    expect(answered.some((ready) => ready.hardState !== null)).toBe(false);
    // Still sticky one tick short of the minimum timeout; its own election comes as usual after it.
    tickTimes(follower, TEST_OPTIONS.electionTimeoutMinTicks - 1);
    drain(follower);
    follower.step({ type: 'RequestVoteRequest', from: 3, to: 2, term: 4, lastLogIndex: 5, lastLogTerm: 3 });
    expect(messagesOf(drain(follower))).toEqual([]);
    tickTimes(follower, 1);
    expect(messagesOf(drain(follower)).filter((message) => message.type === 'RequestVoteRequest').map((message) => message.term)).toEqual([4, 4]);
  });

  it('a leader under CheckQuorum ignores a higher-term vote request, but not one for a transfer it asked for', () => {
    const node = leader({ options: { checkQuorum: true } });
    node.step({ type: 'RequestVoteRequest', from: 3, to: 1, term: 5, lastLogIndex: 0, lastLogTerm: 0 });
    expect(drain(node).some((ready) => ready.softState !== null || ready.hardState !== null)).toBe(false);
    node.step({ type: 'RequestVoteRequest', from: 2, to: 1, term: 2, lastLogIndex: 1, lastLogTerm: 1, leadershipTransfer: true });
    expect(drain(node).some((ready) => ready.softState?.role === 'follower')).toBe(true);
  });
});
