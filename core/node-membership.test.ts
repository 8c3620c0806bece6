import { describe, expect, it } from 'vitest';
import { appendSuccess, createTestNode, drain, electLeader, messagesOf, TEST_OPTIONS, tickTimes } from './testing.js';


/** Node 1, leader of term 1 in {1,2,3}, with its no-op committed. */
function leaderOfThree() {
  const leader = createTestNode({ id: 1 });
  electLeader(leader);
  drain(leader);
  leader.step(appendSuccess(2, 1, 1, 1));
  drain(leader);
  return leader;
}

describe('membership changes (dissertation §4)', () => {
  it('a spare server outside the configuration never stands, until a config entry adds it', () => {
    const spare = createTestNode({ id: 4, members: [1, 2, 3] });
    tickTimes(spare, 5 * TEST_OPTIONS.electionTimeoutMaxTicks);
    expect(messagesOf(drain(spare)).filter((message) => message.type === 'RequestVoteRequest')).toEqual([]);
    spare.step({
      type: 'AppendEntriesRequest',
      from: 1,
      to: 4,
      term: 1,
      prevLogIndex: 0,
      prevLogTerm: 0,
      entries: [{ term: 1, kind: 'config', command: '1,2,3,4' }],
      leaderCommit: 0,
    });
    drain(spare);
    tickTimes(spare, TEST_OPTIONS.electionTimeoutMaxTicks);
    const requests = messagesOf(drain(spare)).filter((message) => message.type === 'RequestVoteRequest');
    expect(requests.map((message) => message.to).sort()).toEqual([1, 2, 3]);
  });

  it('a new configuration counts at once: after adding node 4, a commit needs three of four', () => {
    const leader = leaderOfThree();
    const added = leader.proposeConfigChange!({ type: 'add', node: 4 });
    expect(added).toMatchObject({ accepted: true, index: 2 });
    drain(leader);
    tickTimes(leader, TEST_OPTIONS.heartbeatTicks);
    expect(messagesOf(drain(leader)).some((message) => message.to === 4)).toBe(true);
    leader.step(appendSuccess(2, 1, 1, 2));
    expect(drain(leader).at(-1)?.commitIndex ?? 1).toBe(1);
    leader.step(appendSuccess(4, 1, 1, 2));
    expect(drain(leader).at(-1)!.commitIndex).toBe(2);
  });

  it('refuses a second change while the first is uncommitted, and changes that change nothing', () => {
    const leader = leaderOfThree();
    expect(leader.proposeConfigChange!({ type: 'add', node: 2 })).toMatchObject({ accepted: false, reason: 'add 2 changes nothing' });
    expect(leader.proposeConfigChange!({ type: 'remove', node: 3 }).accepted).toBe(true);
    expect(leader.proposeConfigChange!({ type: 'add', node: 4 })).toMatchObject({ accepted: false, reason: expect.stringMatching(/not committed yet/) });
    const follower = createTestNode({ id: 2 });
    expect(follower.proposeConfigChange!({ type: 'add', node: 4 })).toMatchObject({ accepted: false, reason: 'not the leader' });
  });

  it('a leader that removes itself leads until the change commits, without counting itself, then steps down', () => {
    const leader = leaderOfThree();
    expect(leader.proposeConfigChange!({ type: 'remove', node: 1 }).accepted).toBe(true);
    drain(leader);
    leader.step(appendSuccess(2, 1, 1, 2));
    expect(drain(leader).some((ready) => ready.softState?.role === 'follower')).toBe(false);
    leader.step(appendSuccess(3, 1, 1, 2));
    const readies = drain(leader);
    expect(readies.at(-1)!.commitIndex).toBe(2);
    expect(readies.some((ready) => ready.softState?.role === 'follower')).toBe(true);
  });

  it('a server being removed hears heartbeats until its removal commits, and none after', () => {
    const leader = leaderOfThree();
    leader.proposeConfigChange!({ type: 'remove', node: 3 });
    drain(leader);
    tickTimes(leader, TEST_OPTIONS.heartbeatTicks);
    expect(messagesOf(drain(leader)).some((message) => message.to === 3)).toBe(true);
    leader.step(appendSuccess(2, 1, 1, 2));
    drain(leader);
    tickTimes(leader, TEST_OPTIONS.heartbeatTicks);
    const after = messagesOf(drain(leader));
    expect(after.some((message) => message.to === 2)).toBe(true);
    expect(after.some((message) => message.to === 3)).toBe(false);
  });

  it('a candidate counts only the votes of members of its configuration', () => {
    const candidate = createTestNode({ id: 1, members: [1, 2, 3] });
    tickTimes(candidate, TEST_OPTIONS.electionTimeoutMaxTicks);
    drain(candidate);
    candidate.step({ type: 'RequestVoteResponse', from: 4, to: 1, term: 1, voteGranted: true });
    expect(drain(candidate).some((ready) => ready.softState?.role === 'leader')).toBe(false);
    candidate.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 1, voteGranted: true });
    expect(drain(candidate).some((ready) => ready.softState?.role === 'leader')).toBe(true);
  });
});
