import { describe as group, expect, it } from 'vitest';
import { describe } from './page/describe.js';
import { TraceData } from './page/trace-data.js';

/** A trace file's text with the given header names and records; the trailer carries only what the page reads. */
function traceText(names: { kinds: string[]; dropReasons: string[] }, records: object[]): string {
  const header = { type: 'header', nodes: 3, seed: 1, scenario: {}, roles: ['follower', 'candidate', 'leader', 'precandidate'], messageTypes: ['RequestVoteRequest'], ...names };
  const trailer = { type: 'end', virtualMs: 1, passed: true, stats: {} };
  return [header, ...records.map((record, i) => ({ i, ...record })), trailer].map((line) => JSON.stringify(line)).join('\n');
}

const request = { type: 'RequestVoteRequest', from: 1, to: 2, term: 3, lastLogIndex: 0, lastLogTerm: 0 };

group('the explorer page reads names from the trace header', () => {
  it('names a drop reason the header lists, whatever it is, and shows a code it lacks as a number', () => {
    const trace = TraceData.fromText(
      traceText({ kinds: ['send', 'drop'], dropReasons: ['partition', 'dropped by message type'] }, [
        { t: 0, kind: 'send', node: 1, peer: 2, a: 0, b: 24, message: request },
        { t: 5, kind: 'drop', node: 1, peer: 2, a: 0, b: 25, ref: 0 },
        { t: 6, kind: 'drop', node: 1, peer: 2, a: 0, b: 31, ref: 0 },
      ]),
    );
    expect(describe(trace, 1)).toBe('drop RequestVoteRequest 1→2 t3 (dropped by message type)');
    expect(describe(trace, 2)).toBe('drop RequestVoteRequest 1→2 t3 (reason 7)');
  });

  it('writes out a fault it has no words for by its type and fields', () => {
    const trace = TraceData.fromText(
      traceText({ kinds: ['faultApplied'], dropReasons: [] }, [
        { t: 0, kind: 'faultApplied', node: 0, peer: 0, a: 0, b: 0, detail: { type: 'drop-messages', messageTypes: ['AppendEntriesRequest'], probability: 0.5 } },
      ]),
    );
    expect(describe(trace, 0)).toBe('faultApplied cluster a=0 b=0 drop-messages (messageTypes ["AppendEntriesRequest"], probability 0.5)');
  });
});

group('the explorer page shows what an implementation sent beyond the contract', () => {
  const types = ['RequestVoteRequest', 'RequestVoteResponse', 'AppendEntriesRequest', 'AppendEntriesResponse', 'TimeoutNowRequest', 'InstallSnapshotRequest', 'extra'];
  const append = { type: 'AppendEntriesRequest', from: 1, to: 2, term: 3, prevLogIndex: 4, prevLogTerm: 2, leaderCommit: 4 };

  function traceOf(...messages: object[]): TraceData {
    const records = messages.map((message) => ({ t: 0, kind: 'send', node: 1, peer: 2, a: types.indexOf((message as { type: string }).type) === -1 ? 6 : types.indexOf((message as { type: string }).type), b: 24, message }));
    const header = { type: 'header', nodes: 3, seed: 1, scenario: {}, roles: ['follower'], messageTypes: types, kinds: ['send'], dropReasons: [] };
    const trailer = { type: 'end', virtualMs: 1, passed: true, stats: {} };
    return TraceData.fromText([header, ...records.map((record, i) => ({ i, ...record })), trailer].map((line) => JSON.stringify(line)).join('\n'));
  }

  it('tells a heartbeat from an AppendEntries with entries, and lists fields of the implementation its own', () => {
    const trace = traceOf({ ...append, entries: [] }, { ...append, entries: [{ term: 3, kind: 'command', command: 'x' }], context: 'c' });
    expect(describe(trace, 0)).toBe('send AppendEntriesRequest 1→2 t3 heartbeat, prev 4/2, 0 entries, commit 4');
    expect(describe(trace, 1)).toBe('send AppendEntriesRequest 1→2 t3 prev 4/2, 1 entries, commit 4 + context "c"');
  });

  it('shows a message of a declared type with every field it carries', () => {
    const trace = traceOf({ type: 'MsgHeartbeat', from: 1, to: 2, term: 3, commit: 4 });
    expect(describe(trace, 0)).toBe('send MsgHeartbeat 1→2 t3 (the implementation’s own type) + commit 4');
  });
});
