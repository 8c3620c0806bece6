/**
 * examples/python/minimal_raft.py driven by hand over the process protocol, as raftsim drives it: its
 * hello, its election timeout drawn from the host's numbers, its votes (§5.4.1), a leader's no-op (§8),
 * its errors and its exit. Node 2 of three throughout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli-process.js';
import type { Line, ProtocolSession } from './protocol-session.js';
import { programsKilledAfterEach, skipPythonTests } from './protocol-session.js';

const MINIMAL = 'examples/python/minimal_raft.py';
const MEMBERS = [1, 2, 3];

const startProgram = programsKilledAfterEach();
const start = () => startProgram(MINIMAL);

const entry = (term: number, kind = 'command', command = `c${term}`) => ({ term, kind, command });

/** Ticks until the node stands for election; returns the tick that made it stand, counted from 1, and its reply. */
async function tickUntilCandidate(session: ProtocolSession, random: readonly number[], limit = 40): Promise<{ ticks: number; reply: Line }> {
  for (let ticks = 1; ticks <= limit; ticks++) {
    const reply = await session.request('tick', random);
    if (reply.ready !== null) return { ticks, reply };
    expect(reply).toMatchObject({ type: 'reply', randomUsed: 0 });
  }
  throw new Error(`no election within ${limit} ticks`);
}

/** A fresh node 2 whose timeout is the minimum, 10 ticks, made a candidate of term 1. */
async function candidate(): Promise<ProtocolSession> {
  const session = start();
  await session.create(2, MEMBERS, [0]);
  await tickUntilCandidate(session, [0.5]);
  await session.request('advance', [0.5]);
  return session;
}

/** A vote request of `term` from node 1 to node 2, with the candidate's last log entry. */
const voteRequest = (term: number, lastLogIndex: number, lastLogTerm: number) => ({
  message: { type: 'RequestVoteRequest', from: 1, to: 2, term, lastLogIndex, lastLogTerm },
});

describe.skipIf(skipPythonTests())('the Python minimal Raft over the protocol', () => {
  it('says hello as minimal_raft.py, with no optional parts, promising a quiet advance', async () => {
    expect(await start().read()).toEqual({ type: 'hello', protocol: 1, name: 'minimal_raft.py', features: [], quietAdvance: true });
  });

  it.each([
    [0, 10],
    [0.42, 14],
    [0.999999, 20],
  ])('with the number %d from the host, times out after min + floor(r × (max − min + 1)) = %d ticks and asks for votes', async (random, timeout) => {
    const session = start();
    expect(await session.create(2, MEMBERS, [random, 0.5])).toEqual({ type: 'reply', id: 1, randomUsed: 1, ready: null });
    const { ticks, reply } = await tickUntilCandidate(session, [0.5, 0.5]);
    expect(ticks).toBe(timeout);
    const request = { type: 'RequestVoteRequest', from: 2, term: 1, lastLogIndex: 0, lastLogTerm: 0 };
    expect(reply).toEqual({
      type: 'reply',
      id: 1 + ticks,
      randomUsed: 1, // the new election's timeout
      ready: {
        hardState: { term: 1, votedFor: 2 },
        logWrite: null,
        messages: [
          { ...request, to: 1 },
          { ...request, to: 3 },
        ],
        committedEntries: null,
        softState: { role: 'candidate', leaderId: null },
        commitIndex: 0,
      },
    });
  });

  it('asks for a random number mid-call when the request carries none, and counts it', async () => {
    const session = start();
    await session.create(2, MEMBERS, [0]);
    for (let tick = 1; tick < 10; tick++) await session.request('tick', []);
    const id = session.sendRequest('tick', []);
    expect(await session.read()).toEqual({ type: 'random', count: 1 });
    session.send({ type: 'random', values: [0.5] });
    expect(await session.read()).toMatchObject({ type: 'reply', id, randomUsed: 1, ready: { softState: { role: 'candidate' } } });
  });

  it('as a candidate that wins, appends a no-op of its term and sends it to both peers (§8)', async () => {
    const session = await candidate();
    const reply = await session.request('step', [0.5], { message: { type: 'RequestVoteResponse', from: 1, to: 2, term: 1, voteGranted: true } });
    const append = { type: 'AppendEntriesRequest', from: 2, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [entry(1, 'noop', '')], leaderCommit: 0 };
    expect(reply).toEqual({
      type: 'reply',
      id: 13,
      randomUsed: 0,
      ready: {
        hardState: null,
        logWrite: { fromIndex: 1, entries: [entry(1, 'noop', '')] },
        messages: [
          { ...append, to: 1 },
          { ...append, to: 3 },
        ],
        committedEntries: null,
        softState: { role: 'leader', leaderId: 2 },
        commitIndex: 0,
      },
    });
    expect(await session.request('advance', [0.5])).toMatchObject({ ready: null });
    const acknowledged = { type: 'AppendEntriesResponse', from: 3, to: 2, term: 1, success: true, matchIndex: 1, rejectedIndex: 0, conflictTerm: 0, conflictIndex: 0 };
    expect(await session.request('step', [0.5], { message: acknowledged })).toMatchObject({
      randomUsed: 0,
      ready: { committedEntries: { fromIndex: 1, entries: [entry(1, 'noop', '')] }, commitIndex: 1 },
    });
  });

  it('hands out one Ready at a time: what it produces before the advance waits in the node until then', async () => {
    const session = start();
    await session.create(2, MEMBERS, [0]);
    const { reply } = await tickUntilCandidate(session, [0.5]);
    expect(reply).toMatchObject({ id: 11, ready: { softState: { role: 'candidate' } } });
    // A disk latency: the candidacy is not yet durable when the vote that wins arrives.
    const won = await session.request('step', [0.5], { message: { type: 'RequestVoteResponse', from: 3, to: 2, term: 1, voteGranted: true } });
    expect(won).toEqual({ type: 'reply', id: 12, randomUsed: 0, ready: null });
    expect(await session.request('tick', [0.5])).toEqual({ type: 'reply', id: 13, randomUsed: 0, ready: null });
    expect(await session.request('advance', [0.5])).toMatchObject({
      id: 14,
      randomUsed: 0,
      ready: { hardState: null, logWrite: { fromIndex: 1, entries: [entry(1, 'noop', '')] }, softState: { role: 'leader', leaderId: 2 } },
    });
    expect(await session.request('tick', [0.5])).toMatchObject({ id: 15, ready: null });
  });

  it('as a leader, accepts a proposal at the next index; as a follower, refuses naming no leader', async () => {
    const follower = start();
    await follower.create(2, MEMBERS, [0.5]);
    expect(await follower.request('propose', [0.5], { command: 'x' })).toMatchObject({ result: { accepted: false, leaderId: null }, ready: null });
    const leader = await candidate();
    await leader.requestThenAdvance('step', [0.5], { message: { type: 'RequestVoteResponse', from: 3, to: 2, term: 1, voteGranted: true } });
    const reply = await leader.request('propose', [0.5], { command: 'set x 4' });
    expect(reply).toMatchObject({ result: { accepted: true, index: 2, term: 1 }, ready: { logWrite: { fromIndex: 2, entries: [entry(1, 'command', 'set x 4')] } } });
  });

  describe('grants a vote only to a candidate whose log is at least as up to date (§5.4.1)', () => {
    // Node 2 restarted in term 2 with entries of terms 1 and 2; each request comes in a new term.
    const persisted = { hardState: { term: 2, votedFor: null }, snapshot: null, log: [entry(1), entry(2)] };
    it.each([
      ['an earlier last term, however long its log', 3, 9, 1, false],
      ['the same last term and a shorter log', 4, 1, 2, false],
      ['the same last term and as long a log', 5, 2, 2, true],
      ['a later last term and a shorter log', 6, 1, 3, true],
    ])('%s', async (_name, term, lastLogIndex, lastLogTerm, granted) => {
      const session = start();
      await session.create(2, MEMBERS, [0.5], persisted);
      const reply = await session.request('step', [0.5], voteRequest(term, lastLogIndex, lastLogTerm));
      expect(reply).toMatchObject({
        // A granted vote restarts the election timer: one number. The vote is persisted by the Ready that sends it.
        randomUsed: granted ? 1 : 0,
        ready: {
          hardState: { term, votedFor: granted ? 1 : null },
          messages: [{ type: 'RequestVoteResponse', from: 2, to: 1, term, voteGranted: granted }],
        },
      });
    });
  });

  it('in the broken copy (test/fixtures/python/broken_vote.py), grants the vote that §5.4.1 refuses', async () => {
    const session = startProgram('test/fixtures/python/broken_vote.py');
    await session.create(2, MEMBERS, [0.5], { hardState: { term: 2, votedFor: null }, snapshot: null, log: [entry(1), entry(2)] });
    const reply = await session.request('step', [0.5], voteRequest(3, 9, 1));
    expect(reply).toMatchObject({ ready: { hardState: { term: 3, votedFor: 1 }, messages: [{ voteGranted: true }] } });
  });

  it('keeps one vote per term, and answers a stale request with its own term', async () => {
    const session = start();
    await session.create(2, MEMBERS, [0.5]);
    expect(await session.requestThenAdvance('step', [0.5], voteRequest(1, 0, 0))).toMatchObject({ ready: { messages: [{ voteGranted: true }] } });
    const other = { message: { type: 'RequestVoteRequest', from: 3, to: 2, term: 1, lastLogIndex: 5, lastLogTerm: 1 } };
    expect(await session.requestThenAdvance('step', [0.5], other)).toMatchObject({ ready: { hardState: null, messages: [{ to: 3, voteGranted: false }] } });
    expect(await session.requestThenAdvance('step', [0.5], voteRequest(1, 0, 0))).toMatchObject({ ready: { messages: [{ to: 1, voteGranted: true }] } });
    const stale = { message: { type: 'AppendEntriesRequest', from: 3, to: 2, term: 0, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 } };
    expect(await session.requestThenAdvance('step', [0.5], stale)).toMatchObject({ ready: { messages: [{ type: 'AppendEntriesResponse', term: 1, success: false }] } });
  });

  it('refuses an append that does not match with a hint at the start of the conflicting term (§5.3)', async () => {
    const session = start();
    const persisted = { hardState: { term: 3, votedFor: null }, snapshot: null, log: [entry(1), entry(2), entry(2), entry(2)] };
    await session.create(2, MEMBERS, [0.5], persisted);
    const append = { type: 'AppendEntriesRequest', from: 1, to: 2, term: 3, prevLogIndex: 4, prevLogTerm: 3, entries: [], leaderCommit: 0 };
    expect(await session.requestThenAdvance('step', [0.5], { message: append })).toMatchObject({
      ready: { messages: [{ type: 'AppendEntriesResponse', success: false, matchIndex: 0, rejectedIndex: 4, conflictIndex: 2 }] },
    });
    const beyond = { ...append, prevLogIndex: 9 };
    expect(await session.requestThenAdvance('step', [0.5], { message: beyond })).toMatchObject({ ready: { messages: [{ rejectedIndex: 9, conflictIndex: 5 }] } });
  });

  it("answers a node's exception with an error naming the line of minimal_raft.py that raised it", async () => {
    const session = start();
    await session.create(2, MEMBERS, [0.5]);
    const lines = readFileSync(join(ROOT, MINIMAL), 'utf8').split('\n');
    const raising = lines.findIndex((line) => line.includes('if request["lastLogTerm"] != last_term')) + 1;
    expect(raising).toBeGreaterThan(0);
    const broken = { message: { type: 'RequestVoteRequest', from: 1, to: 2, term: 1, lastLogIndex: 0 } };
    expect(await session.request('step', [0.5], broken)).toEqual({ type: 'error', id: 2, message: `KeyError: 'lastLogTerm' (minimal_raft.py line ${raising})` });
  });

  it('exits with 0 when its standard input ends, having written nothing to standard error', async () => {
    const session = await candidate();
    expect(await session.endInput()).toBe(0);
    expect(session.stderr).toBe('');
    expect(session.unread()).toEqual([]);
  });
});
