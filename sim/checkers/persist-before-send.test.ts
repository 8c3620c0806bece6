import { describe, expect, it } from 'vitest';
import type { Message } from '../../core/messages.js';
import { PersistBeforeSendChecker } from './persist-before-send.js';
import { CheckerScript, entry } from './testing.js';

const grant = (from: number, to: number, term: number, preVote = false): Message => ({ type: 'RequestVoteResponse', from, to, term, voteGranted: true, ...(preVote ? { preVote } : {}) });
const ask = (from: number, to: number, term: number, preVote = false): Message => ({ type: 'RequestVoteRequest', from, to, term, lastLogIndex: 0, lastLogTerm: 0, ...(preVote ? { preVote } : {}) });
const ack = (from: number, to: number, term: number, matchIndex: number): Message => ({ type: 'AppendEntriesResponse', from, to, term, success: true, matchIndex, rejectedIndex: 0, conflictTerm: 0, conflictIndex: 0 });

function script(): CheckerScript {
  return new CheckerScript(new PersistBeforeSendChecker());
}

describe('persist before send (Figure 2): a message never outruns the state it depends on', () => {
  it('a vote granted in the current term whose votedFor is not durable is reported', () => {
    const run = script();
    run.enterTerm(1, 4);
    run.ready(1, { messages: [grant(1, 2, 4)] });
    expect(run.reports).toEqual(['node 1 granted its vote in term 4 to node 2 before persisting that vote, with term 4, votedFor none and 0 entries durable']);
  });

  it('a vote granted with a new term whose hard state comes a Ready later is reported', () => {
    const run = script();
    run.enterTerm(1, 4);
    run.ready(1, { messages: [grant(1, 2, 5)] });
    expect(run.reports).toEqual(['node 1 sent a RequestVoteResponse of term 5 to node 2 before persisting that term, with term 4, votedFor none and 0 entries durable']);
  });

  it('a candidate asking for votes before its own vote is durable is reported', () => {
    const run = script();
    run.enterTerm(1, 4);
    run.ready(1, { messages: [ask(1, 2, 4)] });
    expect(run.reports[0]).toContain('asked node 2 for its vote in term 4 before persisting its vote for itself');
  });

  it('an acknowledgement beyond the durable log is reported', () => {
    const run = script();
    run.enterTerm(1, 2);
    run.append(1, entry(1, 'a'), entry(2, 'b'));
    run.ready(1, { messages: [ack(1, 2, 2, 3)] });
    expect(run.reports).toEqual(['node 1 acknowledged index 3 to node 2 in term 2 before persisting it, with term 2, votedFor none and 2 entries durable']);
  });

  it('the vote, term and entries in the same Ready as the messages pass, as the contract allows', () => {
    const run = script();
    run.ready(1, { hardState: { term: 3, votedFor: 2 }, messages: [grant(1, 2, 3)] });
    run.ready(1, { logWrite: { fromIndex: 1, entries: [entry(3, 'a')] }, messages: [ack(1, 2, 3, 1)] });
    run.ready(3, { hardState: { term: 4, votedFor: 3 }, messages: [ask(3, 1, 4), ask(3, 2, 4)] });
    expect(run.reports).toEqual([]);
  });

  it('a vote granted again to the same candidate in a later Ready (a retransmitted RequestVote) passes', () => {
    const run = script();
    run.ready(1, { hardState: { term: 3, votedFor: 2 }, messages: [grant(1, 2, 3)] });
    run.ready(1, { messages: [grant(1, 2, 3)] });
    run.ready(2, { hardState: { term: 3, votedFor: 2 }, messages: [ask(2, 1, 3)] });
    run.ready(2, { messages: [ask(2, 1, 3)] });
    expect(run.reports).toEqual([]);
  });

  it('pre-votes and their answers carry a proposed term and record nothing: they pass', () => {
    const run = script();
    run.enterTerm(1, 3);
    run.ready(1, { messages: [ask(1, 2, 4, true), grant(1, 3, 4, true), { type: 'RequestVoteResponse', from: 1, to: 2, term: 4, voteGranted: false, preVote: true }] });
    expect(run.reports).toEqual([]);
  });

  it('a vote, RequestVote or acknowledgement of a term older than a term durable in the same Ready passes (inputs batched while a write was in flight)', () => {
    const run = script();
    run.enterTerm(1, 3);
    run.append(1, entry(1, 'a'), entry(3, 'b'), entry(3, 'c'));
    // Voted for 2 in term 4 and acknowledged index 3 to it, then a leader of term 5 cut the log: one Ready.
    run.ready(1, { hardState: { term: 5, votedFor: null }, logWrite: { fromIndex: 2, entries: [entry(5, 'x')] }, messages: [grant(1, 2, 4), ask(1, 3, 4), ack(1, 2, 4, 3), ack(1, 3, 5, 2)] });
    expect(run.reports).toEqual([]);
  });

  it("an implementation's own message type with a term not durable (etcd's MsgPreVote polls at term + 1) passes", () => {
    const run = script();
    run.enterTerm(1, 4);
    run.ready(1, { messages: [{ type: 'MsgPreVote', from: 1, to: 2, term: 5 } as unknown as Message] });
    expect(run.reports).toEqual([]);
  });

  it('a response of an older term (an answer to a stale request) passes', () => {
    const run = script();
    run.enterTerm(1, 6);
    run.ready(1, { messages: [{ type: 'AppendEntriesResponse', from: 1, to: 2, term: 6, success: false, matchIndex: 0, rejectedIndex: 4, conflictTerm: 0, conflictIndex: 0 }] });
    expect(run.reports).toEqual([]);
  });

  it('after a restart the node is judged by what its disk gave back: a write the disk lost is not held against it', () => {
    const run = script();
    run.ready(1, { hardState: { term: 3, votedFor: 2 }, messages: [grant(1, 2, 3)] });
    run.crash(1);
    // A lying fsync lost the vote: the restarted node sees term 3 without it and votes for node 3.
    run.restartFrom(1, { hardState: { term: 3, votedFor: null }, log: [] });
    run.ready(1, { hardState: { term: 3, votedFor: 3 }, messages: [grant(1, 3, 3)] });
    run.crash(1);
    // The disk lost the whole term: the node is back in term 2 and may answer in it.
    run.restartFrom(1, { hardState: { term: 2, votedFor: null }, log: [] });
    run.ready(1, { messages: [{ type: 'RequestVoteResponse', from: 1, to: 3, term: 2, voteGranted: false }] });
    expect(run.reports).toEqual([]);
  });
});
