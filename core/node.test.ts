import { describe, expect, it } from 'vitest';
import type { AppendEntriesRequest, AppendEntriesResponse, Message, RequestVoteResponse } from './messages.js';
import type { RaftNodeInstance } from './contract.js';
import { createTestNode, drain, drainMessages, electLeader, logOfTerms, messagesOf, TEST_OPTIONS, tickTimes } from './testing.js';
import type { Entry } from './types.js';

function appendRequest(fields: Partial<AppendEntriesRequest> & { term: number }): AppendEntriesRequest {
  return { type: 'AppendEntriesRequest', from: 2, to: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0, ...fields };
}

function onlyMessage<T extends Message['type']>(messages: Message[], type: T): Extract<Message, { type: T }> {
  const matching = messages.filter((message) => message.type === type);
  expect(matching).toHaveLength(1);
  return matching[0] as Extract<Message, { type: T }>;
}

function persistedLogTerms(node: RaftNodeInstance): number[] {
  // A follower's log is visible through what it persists; rebuild it from the writes.
  return persistedLog.get(node)!.map((entry) => entry.term);
}

const persistedLog = new WeakMap<RaftNodeInstance, Entry[]>();
function trackedNode(setup: Parameters<typeof createTestNode>[0]): RaftNodeInstance {
  const node = createTestNode(setup);
  persistedLog.set(node, (setup?.log ?? []).slice());
  return node;
}
function drainTracked(node: RaftNodeInstance): Message[] {
  const log = persistedLog.get(node)!;
  const messages: Message[] = [];
  for (const ready of drain(node)) {
    if (ready.logWrite !== null) {
      log.length = ready.logWrite.fromIndex - 1;
      log.push(...ready.logWrite.entries);
    }
    messages.push(...ready.messages);
  }
  return messages;
}

describe('terms (§5.1)', () => {
  it('a message with a higher term makes the node adopt the term, clear its vote and follow', () => {
    const node = createTestNode({ term: 3, votedFor: 1 });
    electLeader(node);
    drain(node);
    node.step({ type: 'AppendEntriesResponse', from: 2, to: 1, term: 9, success: false, matchIndex: 0, rejectedIndex: 0, conflictTerm: 0, conflictIndex: 0 });
    const [ready] = drain(node);
    expect(ready!.hardState).toEqual({ term: 9, votedFor: null });
    expect(ready!.softState).toEqual({ role: 'follower', leaderId: null });
  });

  it('a request from an older term is refused with the current term, so the sender learns it is stale', () => {
    const node = createTestNode({ term: 5 });
    node.step(appendRequest({ term: 4 }));
    const response = onlyMessage(drainMessages(node), 'AppendEntriesResponse');
    expect(response).toMatchObject({ success: false, term: 5 });
    node.step({ type: 'RequestVoteRequest', from: 3, to: 1, term: 4, lastLogIndex: 10, lastLogTerm: 4 });
    expect(onlyMessage(drainMessages(node), 'RequestVoteResponse')).toMatchObject({ voteGranted: false, term: 5 });
  });
});

describe('RequestVote (§5.2, §5.4.1)', () => {
  const vote = (node: RaftNodeInstance, from: number, term: number, lastLogIndex: number, lastLogTerm: number): RequestVoteResponse => {
    node.step({ type: 'RequestVoteRequest', from, to: 1, term, lastLogIndex, lastLogTerm });
    return onlyMessage(drainMessages(node), 'RequestVoteResponse');
  };

  it('grants a vote to a candidate whose log is at least as up to date, and persists the vote with the answer', () => {
    const node = createTestNode({ term: 1, log: logOfTerms([1, 1]) });
    node.step({ type: 'RequestVoteRequest', from: 2, to: 1, term: 2, lastLogIndex: 2, lastLogTerm: 1 });
    const [ready] = drain(node);
    expect(ready!.hardState).toEqual({ term: 2, votedFor: 2 });
    expect(onlyMessage([...ready!.messages], 'RequestVoteResponse').voteGranted).toBe(true);
  });

  it('grants at most one vote per term, but repeats a vote for the same candidate', () => {
    const node = createTestNode({ term: 1 });
    expect(vote(node, 2, 2, 0, 0).voteGranted).toBe(true);
    expect(vote(node, 3, 2, 0, 0).voteGranted).toBe(false);
    expect(vote(node, 2, 2, 0, 0).voteGranted).toBe(true);
  });

  it('refuses a candidate whose last entry has an older term, however long its log', () => {
    const node = createTestNode({ term: 3, log: logOfTerms([1, 3]) });
    expect(vote(node, 2, 4, 10, 2).voteGranted).toBe(false);
  });

  it('refuses a candidate with the same last term and a shorter log; accepts an equal one', () => {
    expect(vote(createTestNode({ term: 3, log: logOfTerms([1, 3, 3]) }), 2, 4, 2, 3).voteGranted).toBe(false);
    expect(vote(createTestNode({ term: 3, log: logOfTerms([1, 3, 3]) }), 2, 4, 3, 3).voteGranted).toBe(true);
  });
});

describe('elections (§5.2)', () => {
  it('a follower that hears nothing for an election timeout becomes candidate of the next term and asks everyone', () => {
    const node = createTestNode({ term: 4, log: logOfTerms([2, 4]) });
    tickTimes(node, TEST_OPTIONS.electionTimeoutMinTicks - 1);
    expect(node.hasReady()).toBe(false);
    node.tick();
    const [ready] = drain(node);
    expect(ready!.hardState).toEqual({ term: 5, votedFor: 1 });
    expect(ready!.softState?.role).toBe('candidate');
    expect(ready!.messages.map((message) => [message.type, message.to])).toEqual([
      ['RequestVoteRequest', 2],
      ['RequestVoteRequest', 3],
    ]);
    expect(ready!.messages[0]).toMatchObject({ term: 5, lastLogIndex: 2, lastLogTerm: 4 });
  });

  it('a candidate with a majority becomes leader and appends a no-op of its term (§8)', () => {
    const node = createTestNode();
    electLeader(node);
    const readies = drain(node);
    expect(readies[0]!.softState).toEqual({ role: 'leader', leaderId: 1 });
    expect(readies[0]!.logWrite).toEqual({ fromIndex: 1, entries: [{ term: 1, kind: 'noop', command: '' }] });
  });

  it('a candidate that hears from a leader of its own term steps down and follows it', () => {
    const node = createTestNode();
    tickTimes(node, TEST_OPTIONS.electionTimeoutMaxTicks);
    drain(node);
    node.step(appendRequest({ term: 1 }));
    const [ready] = drain(node);
    expect(ready!.softState).toEqual({ role: 'follower', leaderId: 2 });
    expect(onlyMessage([...ready!.messages], 'AppendEntriesResponse').success).toBe(true);
  });

  it('a single-node cluster elects itself and commits its own entries', () => {
    const node = createTestNode({ members: [1] });
    tickTimes(node, TEST_OPTIONS.electionTimeoutMaxTicks);
    drain(node);
    expect(node.propose('a')).toEqual({ accepted: true, index: 2, term: 1 });
    const applied = drain(node).flatMap((ready) => ready.committedEntries?.entries ?? []);
    expect(applied.map((entry) => entry.command)).toEqual(['a']);
  });
});

describe('AppendEntries, follower side (§5.3)', () => {
  it('refuses when its log has no entry at prevLogIndex, hinting its next index', () => {
    const node = createTestNode({ term: 2, log: logOfTerms([1, 1]) });
    node.step(appendRequest({ term: 2, prevLogIndex: 5, prevLogTerm: 2 }));
    expect(onlyMessage(drainMessages(node), 'AppendEntriesResponse')).toMatchObject({
      success: false,
      rejectedIndex: 5,
      conflictTerm: 0,
      conflictIndex: 3,
    });
  });

  it('refuses when the term at prevLogIndex differs, hinting the conflicting term and its first index', () => {
    const node = createTestNode({ term: 3, log: logOfTerms([1, 2, 2, 2]) });
    node.step(appendRequest({ term: 3, prevLogIndex: 4, prevLogTerm: 3 }));
    expect(onlyMessage(drainMessages(node), 'AppendEntriesResponse')).toMatchObject({ success: false, conflictTerm: 2, conflictIndex: 2 });
  });

  it('truncates a conflicting suffix and appends the new entries', () => {
    const node = trackedNode({ term: 3, log: logOfTerms([1, 2, 2]) });
    node.step(appendRequest({ term: 3, prevLogIndex: 1, prevLogTerm: 1, entries: logOfTerms([3, 3]) }));
    const response = onlyMessage(drainTracked(node), 'AppendEntriesResponse');
    expect(response).toMatchObject({ success: true, matchIndex: 3 });
    expect(persistedLogTerms(node)).toEqual([1, 3, 3]);
  });

  it('a conflict in the middle of a longer log of an old term cuts the whole old tail, and the Ready persists exactly that', () => {
    // The follower holds a deposed term-2 leader's entries at 3..6; the leader of term 3 holds [1,1,3,3].
    const node = createTestNode({ term: 3, log: [...logOfTerms([1, 1]), ...logOfTerms([1, 1, 2, 2, 2, 2], 'old').slice(2)] });
    const leaderLog = logOfTerms([1, 1, 3, 3]);
    node.step(appendRequest({ term: 3, prevLogIndex: 2, prevLogTerm: 1, entries: leaderLog.slice(2, 3) }));
    const readies = drain(node);
    expect(readies.map((ready) => ready.logWrite)).toEqual([{ fromIndex: 3, entries: leaderLog.slice(2, 3) }]);
    expect(onlyMessage(messagesOf(readies), 'AppendEntriesResponse')).toMatchObject({ success: true, matchIndex: 3 });
    // Its log now ends at the leader's entry: it stands with last log 3/3, not with the old tail's 6/2.
    tickTimes(node, TEST_OPTIONS.electionTimeoutMaxTicks);
    expect(onlyMessage(drainMessages(node).filter((message) => message.to === 2), 'RequestVoteRequest')).toMatchObject({ lastLogIndex: 3, lastLogTerm: 3 });
  });

  it('a conflict followed by the rest of the leader’s entries leaves the leader’s log on disk, nothing of the old term', () => {
    const node = trackedNode({ term: 3, log: logOfTerms([1, 2, 2, 2, 2, 2]) });
    const leaderLog = logOfTerms([1, 3, 3, 3], 'leader');
    node.step(appendRequest({ term: 3, prevLogIndex: 1, prevLogTerm: 1, entries: leaderLog.slice(1, 3) }));
    node.step(appendRequest({ term: 3, prevLogIndex: 3, prevLogTerm: 3, entries: leaderLog.slice(3) }));
    const acknowledged = drainTracked(node).filter((message): message is AppendEntriesResponse => message.type === 'AppendEntriesResponse');
    expect(acknowledged.map((response) => [response.success, response.matchIndex])).toEqual([[true, 3], [true, 4]]);
    expect(persistedLog.get(node)!.map((entry) => entry.command)).toEqual(['x1@1', 'leader2@3', 'leader3@3', 'leader4@3']);
  });

  it('never truncates entries that match, even when a delayed request carries fewer of them', () => {
    const node = trackedNode({ term: 2, log: logOfTerms([1, 2, 2, 2]) });
    const log = logOfTerms([1, 2, 2, 2]);
    node.step(appendRequest({ term: 2, prevLogIndex: 1, prevLogTerm: 1, entries: log.slice(1, 2) }));
    const messages = drainTracked(node);
    expect(onlyMessage(messages, 'AppendEntriesResponse').matchIndex).toBe(2);
    expect(persistedLogTerms(node)).toEqual([1, 2, 2, 2]);
  });

  it('advances its commit index to min(leaderCommit, index of the last new entry)', () => {
    const node = createTestNode({ term: 2 });
    node.step(appendRequest({ term: 2, entries: logOfTerms([1, 2]), leaderCommit: 5 }));
    const readies = drain(node);
    expect(readies.at(-1)!.commitIndex).toBe(2);
    node.step(appendRequest({ term: 2, prevLogIndex: 1, prevLogTerm: 1, leaderCommit: 5 }));
    // The heartbeat proved only index 1 matches, so the commit index may not move past 2 on it.
    expect(drain(node).at(-1)?.commitIndex ?? 2).toBe(2);
  });

  it('hands committed entries out in order, exactly once', () => {
    const node = createTestNode({ term: 2 });
    node.step(appendRequest({ term: 2, entries: logOfTerms([1, 2, 2]), leaderCommit: 2 }));
    const first = drain(node).flatMap((ready) => (ready.committedEntries === null ? [] : [ready.committedEntries]));
    node.step(appendRequest({ term: 2, prevLogIndex: 3, prevLogTerm: 2, leaderCommit: 3 }));
    const second = drain(node).flatMap((ready) => (ready.committedEntries === null ? [] : [ready.committedEntries]));
    expect(first.map((batch) => [batch.fromIndex, batch.entries.length])).toEqual([[1, 2]]);
    expect(second.map((batch) => [batch.fromIndex, batch.entries.length])).toEqual([[3, 1]]);
  });

  it('resets its election timer on a valid AppendEntries, so a live leader keeps it a follower', () => {
    const node = createTestNode({ term: 2 });
    for (let round = 0; round < 5; round++) {
      tickTimes(node, TEST_OPTIONS.electionTimeoutMinTicks - 1);
      node.step(appendRequest({ term: 2 }));
      drain(node);
    }
    tickTimes(node, TEST_OPTIONS.electionTimeoutMinTicks - 1);
    expect(node.hasReady()).toBe(false);
  });
});

describe('AppendEntries, leader side (§5.3, §5.4.2)', () => {
  const responseFrom = (from: number, fields: Partial<AppendEntriesResponse>): AppendEntriesResponse => ({
    type: 'AppendEntriesResponse',
    from,
    to: 1,
    term: 0,
    success: true,
    matchIndex: 0,
    rejectedIndex: 0,
    conflictTerm: 0,
    conflictIndex: 0,
    ...fields,
  });

  it('backs up a whole term per refusal using the hint (Figure 7 (f))', () => {
    // Leader of term 8 with Figure 7's log; follower (f) holds terms 1,1,1,2,2,2,3,3,3,3,3.
    const leaderLog = logOfTerms([1, 1, 1, 4, 4, 5, 5, 6, 6, 6]);
    const node = createTestNode({ term: 7, log: leaderLog });
    electLeader(node);
    const first = drainMessages(node).find((message): message is AppendEntriesRequest => message.type === 'AppendEntriesRequest' && message.to === 2)!;
    expect(first.prevLogIndex).toBe(10);
    // (f) has term 3 at index 10; its first term-3 entry is index 7. The leader has no term 3: next = 7.
    node.step(responseFrom(2, { term: 8, success: false, rejectedIndex: 10, conflictTerm: 3, conflictIndex: 7 }));
    const second = onlyMessage(drainMessages(node), 'AppendEntriesRequest');
    expect(second.prevLogIndex).toBe(6);
    // At index 6 (f) has term 2, first at index 4: the leader has no term 2 either, next = 4.
    node.step(responseFrom(2, { term: 8, success: false, rejectedIndex: 6, conflictTerm: 2, conflictIndex: 4 }));
    const third = onlyMessage(drainMessages(node), 'AppendEntriesRequest');
    expect(third).toMatchObject({ prevLogIndex: 3, prevLogTerm: 1 });
    expect(third.entries).toHaveLength(8);
  });

  it('ignores a refusal of an index the follower already acknowledged', () => {
    const node = createTestNode({ term: 1, log: logOfTerms([1, 1]) });
    electLeader(node);
    drain(node);
    node.step(responseFrom(2, { term: 2, success: true, matchIndex: 3 }));
    drain(node);
    node.step(responseFrom(2, { term: 2, success: false, rejectedIndex: 2, conflictIndex: 1 }));
    expect(drainMessages(node)).toEqual([]);
  });

  it('commits by counting replicas only an entry of its own term (Figure 8)', () => {
    // Term-2 entry at index 2 sits on the leader and node 2: a majority of three, yet not committable.
    const node = createTestNode({ term: 3, log: logOfTerms([1, 2]) });
    electLeader(node); // term 4, no-op at index 3
    drain(node);
    node.step(responseFrom(2, { term: 4, success: true, matchIndex: 2 }));
    expect(drain(node).every((ready) => ready.commitIndex === 0)).toBe(true);
    node.step(responseFrom(2, { term: 4, success: true, matchIndex: 3 }));
    const readies = drain(node);
    expect(readies.at(-1)!.commitIndex).toBe(3);
    expect(readies.flatMap((ready) => ready.committedEntries?.entries ?? []).map((entry) => entry.term)).toEqual([1, 2, 4]);
  });

  it('sends a heartbeat to every follower each heartbeat interval, carrying its commit index', () => {
    const node = createTestNode();
    electLeader(node);
    drain(node);
    tickTimes(node, TEST_OPTIONS.heartbeatTicks);
    const heartbeats = drainMessages(node).filter((message) => message.type === 'AppendEntriesRequest');
    expect(heartbeats.map((message) => message.to)).toEqual([2, 3]);
  });
});

describe('proposals', () => {
  it('a leader appends a proposal to its log and replicates it', () => {
    const node = createTestNode();
    electLeader(node);
    drain(node);
    node.step({ type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: true, matchIndex: 1, rejectedIndex: 0, conflictTerm: 0, conflictIndex: 0 });
    drain(node);
    expect(node.propose('set x=1')).toEqual({ accepted: true, index: 2, term: 1 });
    const ready = drain(node)[0]!;
    expect(ready.logWrite).toEqual({ fromIndex: 2, entries: [{ term: 1, kind: 'command', command: 'set x=1' }] });
    expect(ready.messages.some((message) => message.type === 'AppendEntriesRequest' && message.to === 2 && message.entries.length === 1)).toBe(true);
  });

  it('a follower refuses a proposal and names the leader it knows', () => {
    const node = createTestNode({ term: 2 });
    expect(node.propose('x')).toEqual({ accepted: false, leaderId: null });
    node.step(appendRequest({ term: 2, from: 3 }));
    drain(node);
    expect(node.propose('x')).toEqual({ accepted: false, leaderId: 3 });
  });
});

describe('persistence and restart', () => {
  it('messages that depend on a vote come in the same Ready as the vote to persist', () => {
    const node = createTestNode();
    node.step({ type: 'RequestVoteRequest', from: 2, to: 1, term: 1, lastLogIndex: 0, lastLogTerm: 0 });
    const ready = node.ready();
    expect(ready.hardState).toEqual({ term: 1, votedFor: 2 });
    expect(ready.messages).toHaveLength(1);
  });

  it('a restarted node keeps its term, vote and log, and starts with nothing committed', () => {
    const node = createTestNode({ term: 7, votedFor: 3, log: logOfTerms([1, 7]) });
    expect(node.propose('x')).toEqual({ accepted: false, leaderId: null });
    expect(vote(node)).toBe(false);
    tickTimes(node, TEST_OPTIONS.electionTimeoutMaxTicks);
    const [ready] = drain(node);
    expect(ready!.hardState).toEqual({ term: 8, votedFor: 1 });
    expect(ready!.messages[0]).toMatchObject({ lastLogIndex: 2, lastLogTerm: 7 });
    expect(ready!.commitIndex).toBe(0);

    function vote(target: RaftNodeInstance): boolean {
      target.step({ type: 'RequestVoteRequest', from: 2, to: 1, term: 7, lastLogIndex: 9, lastLogTerm: 7 });
      return onlyMessage(drainMessages(target), 'RequestVoteResponse').voteGranted;
    }
  });
});

describe('election timer (Figure 2)', () => {
  it('a refused vote request of a higher term does not reset a follower’s timer; a granted one does', () => {
    const refusing = createTestNode({ term: 1, log: logOfTerms([1, 1]) });
    tickTimes(refusing, TEST_OPTIONS.electionTimeoutMinTicks - 1);
    refusing.step({ type: 'RequestVoteRequest', from: 2, to: 1, term: 5, lastLogIndex: 1, lastLogTerm: 1 });
    drain(refusing);
    refusing.tick();
    expect(drain(refusing)[0]?.softState?.role).toBe('candidate');

    const granting = createTestNode({ term: 1, log: logOfTerms([1, 1]) });
    tickTimes(granting, TEST_OPTIONS.electionTimeoutMinTicks - 1);
    granting.step({ type: 'RequestVoteRequest', from: 2, to: 1, term: 5, lastLogIndex: 2, lastLogTerm: 1 });
    drain(granting);
    granting.tick();
    expect(granting.hasReady()).toBe(false);
  });
});

describe('PreVote (dissertation §9.6)', () => {
  const preVoteNode = (setup: Parameters<typeof createTestNode>[0] = {}) => createTestNode({ ...setup, options: { ...setup?.options, preVote: true } });

  it('on timeout a node asks for pre-votes for the next term without raising its own term or voting', () => {
    const node = preVoteNode({ term: 3, log: logOfTerms([1, 3]) });
    tickTimes(node, TEST_OPTIONS.electionTimeoutMaxTicks);
    const [ready] = drain(node);
    expect(ready!.hardState).toBeNull();
    expect(ready!.softState?.role).toBe('precandidate');
    expect(ready!.messages[0]).toMatchObject({ type: 'RequestVoteRequest', term: 4, preVote: true, lastLogIndex: 2, lastLogTerm: 3 });
  });

  it('with a majority of pre-votes it stands in a real election', () => {
    const node = preVoteNode({ term: 3 });
    tickTimes(node, TEST_OPTIONS.electionTimeoutMaxTicks);
    drain(node);
    node.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 4, voteGranted: true, preVote: true });
    const [ready] = drain(node);
    expect(ready!.hardState).toEqual({ term: 4, votedFor: 1 });
    expect(ready!.messages.every((message) => message.type === 'RequestVoteRequest' && message.preVote === undefined && message.term === 4)).toBe(true);
  });

  it('a voter grants a pre-vote without adopting the term or recording a vote, and refuses a stale log', () => {
    const node = createTestNode({ term: 3, log: logOfTerms([1, 3]) });
    node.step({ type: 'RequestVoteRequest', from: 2, to: 1, term: 4, lastLogIndex: 2, lastLogTerm: 3, preVote: true });
    const [granted] = drain(node);
    expect(granted!.hardState).toBeNull();
    expect(granted!.messages[0]).toMatchObject({ type: 'RequestVoteResponse', term: 4, voteGranted: true, preVote: true });
    node.step({ type: 'RequestVoteRequest', from: 3, to: 1, term: 4, lastLogIndex: 1, lastLogTerm: 1, preVote: true });
    expect(drainMessages(node)[0]).toMatchObject({ term: 3, voteGranted: false, preVote: true });
  });

  it('a refused pre-vote from a higher term sends the pre-candidate back to following that term', () => {
    const node = preVoteNode({ term: 3 });
    tickTimes(node, TEST_OPTIONS.electionTimeoutMaxTicks);
    drain(node);
    node.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 7, voteGranted: false, preVote: true });
    const [ready] = drain(node);
    expect(ready!.hardState).toEqual({ term: 7, votedFor: null });
    expect(ready!.softState?.role).toBe('follower');
  });
});

describe('CheckQuorum', () => {
  it('a leader that hears from no majority for an election timeout steps down; one that does stays', () => {
    const lonely = createTestNode({ options: { checkQuorum: true } });
    electLeader(lonely);
    drain(lonely);
    tickTimes(lonely, TEST_OPTIONS.electionTimeoutMinTicks);
    expect(drain(lonely).some((ready) => ready.softState?.role === 'follower')).toBe(true);

    const heard = createTestNode({ options: { checkQuorum: true } });
    electLeader(heard);
    drain(heard);
    for (let tick = 0; tick < 3 * TEST_OPTIONS.electionTimeoutMinTicks; tick++) {
      heard.tick();
      heard.step({ type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: true, matchIndex: 1, rejectedIndex: 0, conflictTerm: 0, conflictIndex: 0 });
      expect(drain(heard).some((ready) => ready.softState?.role === 'follower')).toBe(false);
    }
  });

  it('a follower that hears from its leader ignores vote requests of higher terms (leader stickiness)', () => {
    const node = createTestNode({ term: 2, options: { checkQuorum: true } });
    node.step({ type: 'AppendEntriesRequest', from: 2, to: 1, term: 2, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 });
    drain(node);
    node.step({ type: 'RequestVoteRequest', from: 3, to: 1, term: 9, lastLogIndex: 5, lastLogTerm: 5 });
    expect(node.hasReady()).toBe(false);
    tickTimes(node, TEST_OPTIONS.electionTimeoutMinTicks - 1);
    node.step({ type: 'RequestVoteRequest', from: 3, to: 1, term: 9, lastLogIndex: 5, lastLogTerm: 5 });
    expect(node.hasReady()).toBe(false);
    // Once the leader has been silent for an election timeout, the lease is over and the vote is given.
    node.tick();
    drain(node);
    node.step({ type: 'RequestVoteRequest', from: 3, to: 1, term: 9, lastLogIndex: 5, lastLogTerm: 5 });
    expect(drain(node)[0]!.hardState).toEqual({ term: 9, votedFor: 3 });
  });
});

describe('leadership transfer (dissertation §3.10)', () => {
  it('a leader tells an up-to-date follower to stand at once, and takes no proposals meanwhile', () => {
    const node = createTestNode();
    electLeader(node);
    drain(node);
    node.step({ type: 'AppendEntriesResponse', from: 2, to: 1, term: 1, success: true, matchIndex: 1, rejectedIndex: 0, conflictTerm: 0, conflictIndex: 0 });
    drain(node);
    expect(node.transferLeadership!(2)).toBe(true);
    expect(drainMessages(node)).toEqual([{ type: 'TimeoutNowRequest', from: 1, to: 2, term: 1 }]);
    expect(node.propose('x')).toMatchObject({ accepted: false });
  });

  it('a lagging successor is first sent what it lacks, and told to stand once it acknowledges all of it', () => {
    const node = createTestNode({ term: 1, log: logOfTerms([1, 1, 1]) });
    electLeader(node);
    drain(node);
    node.transferLeadership!(3);
    expect(drainMessages(node).some((message) => message.type === 'TimeoutNowRequest')).toBe(false);
    node.step({ type: 'AppendEntriesResponse', from: 3, to: 1, term: 2, success: true, matchIndex: 4, rejectedIndex: 0, conflictTerm: 0, conflictIndex: 0 });
    expect(drainMessages(node)).toContainEqual({ type: 'TimeoutNowRequest', from: 1, to: 3, term: 2 });
  });

  it('a follower told to stand does so at once, skipping PreVote, and its requests pass CheckQuorum leases', () => {
    const node = createTestNode({ term: 4, options: { preVote: true, checkQuorum: true } });
    node.step({ type: 'TimeoutNowRequest', from: 2, to: 1, term: 4 });
    const [ready] = drain(node);
    expect(ready!.hardState).toEqual({ term: 5, votedFor: 1 });
    expect(ready!.messages[0]).toMatchObject({ type: 'RequestVoteRequest', term: 5, leadershipTransfer: true });
    expect(ready!.messages[0]).not.toHaveProperty('preVote');
  });
});
