import { describe, expect, it } from 'vitest';
import type { Ready } from '../../core/contract.js';
import type { Message } from '../../core/messages.js';
import { ServerRules } from './server-rules.js';

function readyWith(fields: Partial<Ready>): Ready {
  return { hardState: null, logWrite: null, messages: [], committedEntries: null, softState: null, commitIndex: 0, ...fields };
}

const higherTermResponse: Message = { type: 'AppendEntriesResponse', from: 2, to: 1, term: 5, success: false, matchIndex: 0, rejectedIndex: 3, conflictTerm: 0, conflictIndex: 0 };

function rulesReporting(into: string[]): ServerRules {
  return new ServerRules(3, () => 10, (rule, message) => into.push(`${rule}: ${message}`));
}

describe('term adoption (§5.1)', () => {
  it('a node that takes a higher-term response without persisting the term is reported', () => {
    const reports: string[] = [];
    const rules = rulesReporting(reports);
    rules.delivering(1, higherTermResponse, 3, false);
    rules.readyTaken(1, readyWith({ messages: [] }));
    rules.handled(1, false);
    expect(reports).toEqual(['term-adoption: node 1 received AppendEntriesResponse of term 5 from node 2 while in term 3 and did not adopt the term (§5.1)']);
  });

  it('adopting the term satisfies it; vote requests, pre-votes and messages met during a write are not judged', () => {
    const reports: string[] = [];
    const rules = rulesReporting(reports);
    rules.delivering(1, higherTermResponse, 3, false);
    rules.readyTaken(1, readyWith({ hardState: { term: 5, votedFor: null } }));
    rules.delivering(1, { type: 'RequestVoteRequest', from: 2, to: 1, term: 9, lastLogIndex: 0, lastLogTerm: 0 }, 5, false);
    rules.handled(1, false);
    rules.delivering(1, { type: 'RequestVoteResponse', from: 2, to: 1, term: 9, voteGranted: true, preVote: true }, 5, false);
    rules.handled(1, false);
    rules.delivering(1, { ...higherTermResponse, term: 9 }, 5, true);
    rules.handled(1, true);
    expect(reports).toEqual([]);
  });
});

describe('the election timer (§5.2)', () => {
  it('a follower that hears from no leader for more than its longest timeout and a tick, and stays a follower, is reported', () => {
    const reports: string[] = [];
    const rules = rulesReporting(reports);
    rules.started(1);
    for (let tick = 0; tick < 11; tick++) {
      rules.ticked(1);
      rules.handled(1, false);
    }
    expect(reports).toEqual([]);
    rules.ticked(1);
    rules.handled(1, false);
    expect(reports).toEqual(['election-timer: node 1 stayed a follower for 12 ticks without hearing from a leader or granting a vote; its election timeout is at most 10 ticks (§5.2)']);
  });

  it('AppendEntries of its term, a granted vote or a change of role restart the count', () => {
    const reports: string[] = [];
    const rules = rulesReporting(reports);
    rules.started(1);
    const tickTimes = (times: number) => {
      for (let tick = 0; tick < times; tick++) {
        rules.ticked(1);
        rules.handled(1, false);
      }
    };
    tickTimes(8);
    rules.delivering(1, { type: 'AppendEntriesRequest', from: 2, to: 1, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: 0 }, 1, false);
    tickTimes(8);
    rules.readyTaken(1, readyWith({ messages: [{ type: 'RequestVoteResponse', from: 1, to: 3, term: 2, voteGranted: true }] }));
    tickTimes(8);
    rules.readyTaken(1, readyWith({ softState: { role: 'candidate', leaderId: null } }));
    tickTimes(30);
    expect(reports).toEqual([]);
  });
});
