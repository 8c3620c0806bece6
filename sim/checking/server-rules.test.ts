import { describe, expect, it } from 'vitest';
import type { Ready } from '../../core/contract.js';
import type { Message } from '../../core/messages.js';
import { ServerRules } from './server-rules.js';

function readyWith(fields: Partial<Ready>): Ready {
  return { hardState: null, logWrite: null, messages: [], committedEntries: null, softState: null, commitIndex: 0, ...fields };
}

const higherTermResponse: Message = { type: 'AppendEntriesResponse', from: 2, to: 1, term: 5, success: false, matchIndex: 0, rejectedIndex: 3, conflictTerm: 0, conflictIndex: 0 };
const heartbeat = (from: number, term: number): Message => ({ type: 'AppendEntriesRequest', from, to: 1, term, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 });
const voteRequest = (from: number, term: number, preVote = false): Message => ({ type: 'RequestVoteRequest', from, to: 1, term, lastLogIndex: 0, lastLogTerm: 0, ...(preVote ? { preVote } : {}) });

class RulesScript {
  readonly reports: string[] = [];
  readonly rules = new ServerRules(3, () => 10, (rule, message) => this.reports.push(`${rule}: ${message}`));

  constructor() {
    this.rules.started(1);
  }

  /** Node 1 steps `message` with `term` durable and hands out `readies`. */
  step(message: Message, term: number, ...readies: Partial<Ready>[]): void {
    this.rules.delivering(1, message, term, false);
    for (const ready of readies) this.rules.readyTaken(1, readyWith(ready));
    this.rules.handled(1, false);
  }

  ticks(times: number): void {
    for (let tick = 0; tick < times; tick++) {
      this.rules.ticked(1);
      this.rules.handled(1, false);
    }
  }

  leads(term: number): void {
    this.rules.readyTaken(1, readyWith({ hardState: { term, votedFor: 1 }, softState: { role: 'leader', leaderId: 1 } }));
  }
}

describe('term adoption (§5.1): the rule fires on a node that acts in its old term', () => {
  it('a leader that hands out nothing after a higher-term response still leads its old term', () => {
    const script = new RulesScript();
    script.leads(3);
    script.step(higherTermResponse, 3);
    expect(script.reports).toEqual(['term-adoption: node 1 received AppendEntriesResponse of term 5 from node 2 while in term 3 and did not adopt the term (§5.1)']);
  });

  it('a node that sends a request of its old term before persisting the higher one', () => {
    const script = new RulesScript();
    script.step(higherTermResponse, 3, { messages: [{ ...heartbeat(1, 3), to: 2 }] });
    expect(script.reports).toEqual([
      'term-adoption: node 1 received AppendEntriesResponse of term 5 from node 2 while in term 3 and did not adopt the term and went on to send a AppendEntriesRequest of term 3 (§5.1)',
    ]);
  });

  it('a candidate that stays a candidate without the higher term', () => {
    const script = new RulesScript();
    script.rules.readyTaken(1, readyWith({ hardState: { term: 3, votedFor: 1 }, softState: { role: 'candidate', leaderId: null } }));
    script.step(higherTermResponse, 3, { messages: [] });
    expect(script.reports).toHaveLength(1);
    expect(script.reports[0]).toContain('went on as candidate');
  });
});

describe('term adoption (§5.1): every behaviour the paper allows passes', () => {
  it('persisting the higher term in the next Ready (etcd)', () => {
    const script = new RulesScript();
    script.leads(3);
    script.step(higherTermResponse, 3, { hardState: { term: 5, votedFor: null }, softState: { role: 'follower', leaderId: null } });
    expect(script.reports).toEqual([]);
  });

  it('stepping down at once and persisting the term only before it next sends (Figure 2 asks durability before answering)', () => {
    const script = new RulesScript();
    script.leads(3);
    script.step(higherTermResponse, 3, { softState: { role: 'follower', leaderId: null } });
    script.ticks(3);
    script.step(heartbeat(2, 5), 3, { hardState: { term: 5, votedFor: null }, messages: [{ ...higherTermResponse, from: 1, to: 2, success: true }] });
    expect(script.reports).toEqual([]);
  });

  it('a follower that adopts the term without any output, then polls with a pre-vote', () => {
    const script = new RulesScript();
    script.step(higherTermResponse, 3);
    script.rules.readyTaken(1, readyWith({ softState: { role: 'precandidate', leaderId: null }, messages: [{ ...voteRequest(1, 6, true), to: 2 }] }));
    script.rules.handled(1, false);
    expect(script.reports).toEqual([]);
  });

  it('ignoring a higher-term vote request (CheckQuorum leader stickiness), pre-votes and their answers', () => {
    const script = new RulesScript();
    script.leads(3);
    script.step(voteRequest(2, 9), 3);
    script.step(voteRequest(2, 9, true), 3);
    script.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 9, voteGranted: true, preVote: true }, 3);
    script.step({ type: 'RequestVoteResponse', from: 2, to: 1, term: 9, voteGranted: false, preVote: true }, 3);
    expect(script.reports).toEqual([]);
  });

  it("an implementation's own message types, whose term may be only proposed (etcd's MsgPreVote and its answer)", () => {
    const script = new RulesScript();
    script.leads(3);
    const ownPreVote = { type: 'MsgPreVote', from: 2, to: 1, term: 9 } as unknown as Message;
    const ownAnswer = { type: 'MsgPreVoteResp', from: 2, to: 1, term: 9, reject: false } as unknown as Message;
    script.step(ownPreVote, 3);
    script.step(ownAnswer, 3);
    expect(script.reports).toEqual([]);
  });

  it('ignoring a stale message instead of refusing it (etcd), or refusing it (the paper)', () => {
    const script = new RulesScript();
    script.leads(7);
    script.step(heartbeat(2, 3), 7);
    script.step(heartbeat(2, 3), 7, { messages: [{ ...higherTermResponse, from: 1, to: 2, term: 7 }] });
    expect(script.reports).toEqual([]);
  });

  it('a message met while a write is outstanding is not judged, since the node may already hold the term', () => {
    const script = new RulesScript();
    script.leads(3);
    script.rules.delivering(1, { ...higherTermResponse, term: 9 }, 3, true);
    script.rules.handled(1, true);
    expect(script.reports).toEqual([]);
  });
});

describe('the election timer (§5.2): the rule fires on a follower that never stands', () => {
  it('a follower that hears nothing for more than its longest timeout and a tick, and stays a follower', () => {
    const script = new RulesScript();
    script.ticks(11);
    expect(script.reports).toEqual([]);
    script.ticks(1);
    expect(script.reports).toEqual([
      'election-timer: node 1 stayed a follower for 12 ticks without hearing from a leader, adopting a term or granting a vote; its election timeout is at most 10 ticks (§5.2)',
    ]);
  });

  it('refused vote requests and pre-votes of its term, responses and a deposed leader’s heartbeats do not hold it back', () => {
    const script = new RulesScript();
    for (let round = 0; round < 4; round++) {
      script.ticks(3);
      script.step(voteRequest(2, 4), 4, { messages: [{ type: 'RequestVoteResponse', from: 1, to: 2, term: 4, voteGranted: false }] });
      script.step(voteRequest(3, 5, true), 4, { messages: [{ type: 'RequestVoteResponse', from: 1, to: 3, term: 4, voteGranted: false, preVote: true }] });
      script.step(heartbeat(3, 2), 4);
      script.step({ ...higherTermResponse, term: 4 }, 4);
    }
    expect(script.reports).toHaveLength(1);
    expect(script.reports[0]).toContain('stayed a follower for 12 ticks');
  });
});

describe('the election timer (§5.2): every restart the paper or a faithful implementation makes passes', () => {
  /** Node 1 hears `message` every `every` ticks for 40 ticks, handing out `ready` each time. */
  function hearsEvery(every: number, message: Message, term: number, ready: Partial<Ready> = {}): string[] {
    const script = new RulesScript();
    for (let round = 0; round < 40 / every; round++) {
      script.ticks(every);
      script.step(message, term, ready);
    }
    return script.reports;
  }

  it('AppendEntries and heartbeats of its term, from the current leader', () => {
    expect(hearsEvery(8, heartbeat(2, 4), 4)).toEqual([]);
  });

  it('snapshots and TimeoutNow from the current leader, and message types the contract does not know', () => {
    const snapshot: Message = { type: 'InstallSnapshotRequest', from: 2, to: 1, term: 4, snapshot: { lastIndex: 3, lastTerm: 2, members: [1, 2, 3], data: '' } };
    expect(hearsEvery(8, snapshot, 4)).toEqual([]);
    expect(hearsEvery(8, { type: 'TimeoutNowRequest', from: 2, to: 1, term: 4 } as Message, 4)).toEqual([]);
    expect(hearsEvery(8, { type: 'Heartbeat', from: 2, to: 1, term: 4 } as unknown as Message, 4)).toEqual([]);
  });

  it('adopting a higher term from a vote request it refuses (etcd: becomeFollower resets the timer)', () => {
    const script = new RulesScript();
    for (let term = 5; term < 10; term++) {
      script.ticks(8);
      script.step(voteRequest(2, term), term - 1, { hardState: { term, votedFor: null }, messages: [{ type: 'RequestVoteResponse', from: 1, to: 2, term, voteGranted: false }] });
    }
    expect(script.reports).toEqual([]);
  });

  it('any message of a higher term, even one the node then ignores (stickiness), and a recorded vote', () => {
    const script = new RulesScript();
    for (let term = 5; term < 10; term++) {
      script.ticks(8);
      script.step(voteRequest(2, term), 4);
    }
    script.ticks(8);
    script.rules.readyTaken(1, readyWith({ hardState: { term: 4, votedFor: 3 } }));
    script.ticks(8);
    expect(script.reports).toEqual([]);
  });

  it('a granted vote, including a retransmitted RequestVote granted again within one term (§5.1), and a granted pre-vote', () => {
    const grant: Partial<Ready> = { messages: [{ type: 'RequestVoteResponse', from: 1, to: 2, term: 4, voteGranted: true }] };
    expect(hearsEvery(8, voteRequest(2, 4), 4, grant)).toEqual([]);
    const preGrant: Partial<Ready> = { messages: [{ type: 'RequestVoteResponse', from: 1, to: 2, term: 5, voteGranted: true, preVote: true }] };
    expect(hearsEvery(8, voteRequest(2, 5, true), 4, preGrant)).toEqual([]);
  });

  it('any step down or change of role or leader', () => {
    const script = new RulesScript();
    script.ticks(8);
    script.rules.readyTaken(1, readyWith({ softState: { role: 'follower', leaderId: 2 } }));
    script.ticks(8);
    script.rules.readyTaken(1, readyWith({ softState: { role: 'candidate', leaderId: null } }));
    script.ticks(30);
    script.rules.readyTaken(1, readyWith({ softState: { role: 'follower', leaderId: null } }));
    script.ticks(8);
    expect(script.reports).toEqual([]);
  });

  it('a restart of the node', () => {
    const script = new RulesScript();
    script.ticks(8);
    script.rules.started(1);
    script.ticks(8);
    expect(script.reports).toEqual([]);
  });

  it('a follower is not judged while a write is outstanding, nor when its configuration does not let it stand', () => {
    const reports: string[] = [];
    const spare = new ServerRules(3, () => 10, (rule, message) => reports.push(`${rule}: ${message}`), (id) => id !== 1);
    for (let tick = 0; tick < 30; tick++) {
      spare.ticked(1);
      spare.handled(1, false);
      spare.ticked(2);
      spare.handled(2, true);
    }
    expect(reports).toEqual([]);
  });
});
