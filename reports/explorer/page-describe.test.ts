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
    const trace = new TraceData(
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
    const trace = new TraceData(
      traceText({ kinds: ['faultApplied'], dropReasons: [] }, [
        { t: 0, kind: 'faultApplied', node: 0, peer: 0, a: 0, b: 0, detail: { type: 'drop-messages', messageTypes: ['AppendEntriesRequest'], probability: 0.5 } },
      ]),
    );
    expect(describe(trace, 0)).toBe('faultApplied cluster a=0 b=0 drop-messages (messageTypes ["AppendEntriesRequest"], probability 0.5)');
  });
});
