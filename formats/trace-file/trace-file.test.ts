import { describe, expect, it } from 'vitest';
import { referenceImplementation } from '../../core/index.js';
import type { Message, RaftImplementation } from '../../core/index.js';
import { findNamedScenario, runScenario } from '../../scenarios/index.js';
import type { ScenarioRunResult } from '../../scenarios/index.js';
import { TRACE_KIND_NAMES } from '../../sim/index.js';
import type { TraceKind } from '../../sim/index.js';
import { traceContentHash } from './content-hash.js';
import { parseTraceText } from './read.js';
import { FIRST_VERSION_KIND_COUNT, traceToJsonLines } from './write.js';

function splitVote(): ScenarioRunResult {
  return runScenario(findNamedScenario('split-vote')!, { trace: 'full' });
}

function problemOf(text: string): string {
  const read = parseTraceText(text, 'run.jsonl');
  if (read.ok) throw new Error('expected the trace to be refused');
  return read.problem;
}

/** Replaces the trailer's content hash with the right one for the edited lines, as a careful forger would. */
function rehash(lines: string[]): string {
  const trailer = JSON.parse(lines[lines.length - 1]!);
  delete trailer.contentHash;
  const body = lines.slice(0, -1);
  return [...body, JSON.stringify({ ...trailer, contentHash: traceContentHash(body, JSON.stringify(trailer)) })].join('\n') + '\n';
}

describe('the JSON Lines trace file', () => {
  const result = splitVote();
  const text = traceToJsonLines(result, 'npx raftsim run --scenario split-vote');
  const lines = text.trimEnd().split('\n');

  it('has a header naming seed, scenario and version, one line per record, and a trailer with the run’s trace hash', () => {
    const header = JSON.parse(lines[0]!);
    expect(header).toMatchObject({ type: 'header', format: 'raftsim-trace', version: 1, raftsim: '0.1.0', seed: 17, nodes: result.run.options.nodeCount });
    expect(header.scenario.name).toBe('split-vote');
    expect(header.kinds).toEqual(TRACE_KIND_NAMES.slice(0, FIRST_VERSION_KIND_COUNT));
    expect(lines).toHaveLength(result.run.trace.length + 2);
    const trailer = JSON.parse(lines[lines.length - 1]!);
    expect(trailer).toMatchObject({ type: 'end', records: result.run.trace.length, traceHash: result.run.traceHash, passed: true });
    expect(trailer.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const first = JSON.parse(lines[1]!);
    expect(Object.keys(first).slice(0, 7)).toEqual(['i', 't', 'kind', 'node', 'peer', 'a', 'b']);
  });

  it('writes a message once, at its sending, and refers to that record from its delivery', () => {
    const events = lines.slice(1, -1).map((line) => JSON.parse(line));
    const delivery = events.find((event) => event.kind === 'deliver');
    expect(delivery.message).toBeUndefined();
    expect(events[delivery.ref]).toMatchObject({ kind: 'send', node: delivery.node, peer: delivery.peer });
    expect(events[delivery.ref].message.type).toMatch(/Request|Response/);
    const write = events.find((event) => event.kind === 'logWrite' && event.b > 0);
    expect(write.detail[0]).toMatchObject({ term: expect.any(Number), kind: expect.any(String) });
  });

  it('reads back, recomputing the same trace hash from the records', () => {
    const read = parseTraceText(text, 'run.jsonl');
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.trace.events).toHaveLength(result.run.trace.length);
  });

  it('is the same, byte for byte, for the same seed', () => {
    expect(traceToJsonLines(splitVote(), 'npx raftsim run --scenario split-vote')).toBe(text);
  });

  it('exports a kind it has no name for, and reads it back', () => {
    const extra = splitVote();
    const unknownKind = TRACE_KIND_NAMES.length + 3;
    extra.run.trace.record(unknownKind as TraceKind, extra.run.virtualMs * 1000, 2, 0, 7, 0, { snapshotIndex: 12 });
    const withUnknown = { ...extra, run: { ...extra.run, traceHash: extra.run.trace.hashHex() } };
    const exported = traceToJsonLines(withUnknown, 'replay');
    expect(exported).toContain(`"kind":"kind-${unknownKind}","node":2,"peer":0,"a":7,"b":0,"detail":{"snapshotIndex":12}`);
    expect(parseTraceText(exported, 'x.jsonl').ok).toBe(true);
  });

  it('names a kind or drop reason added after the first version only in a file that uses it', () => {
    const scenario = findNamedScenario('split-vote')!;
    const timeline = [...scenario.timeline, { atMs: 1, action: { type: 'drop-messages', messageType: 'RequestVoteRequest', forMs: 5000 } as const }];
    const exported = traceToJsonLines(runScenario({ ...scenario, timeline }), 'replay');
    const header = JSON.parse(exported.slice(0, exported.indexOf('\n')));
    expect(header.kinds).toContain('messageFilter');
    expect(header.dropReasons).toContain('filtered');
    expect(exported).toContain('"kind":"messageFilter"');
    expect(parseTraceText(exported, 'x.jsonl').ok).toBe(true);
    expect(JSON.parse(lines[0]!).dropReasons).not.toContain('filtered');
  });

  it('writes version 2 when a message carries extra fields or a declared type, keeps them, and reads it back', () => {
    const implementation: RaftImplementation = {
      name: 'reference-with-extras',
      extraMessageTypes: ['MsgHeartbeat'],
      create(config) {
        const node = referenceImplementation.create(config);
        const extra = (message: Message): Message[] =>
          message.type === 'AppendEntriesRequest' ? [{ ...message, context: 'c' } as Message, { type: 'MsgHeartbeat', from: message.from, to: message.to, term: message.term } as unknown as Message] : [message];
        return {
          ...node,
          tick: () => node.tick(),
          step: (message) => ((message.type as string) === 'MsgHeartbeat' ? undefined : node.step(message)),
          propose: (command) => node.propose(command),
          hasReady: () => node.hasReady(),
          ready: () => {
            const ready = node.ready();
            return { ...ready, messages: ready.messages.flatMap(extra) };
          },
          advance: (ready) => node.advance(ready),
        };
      },
    };
    const exported = traceToJsonLines(runScenario(findNamedScenario('split-vote')!, { implementation, trace: 'full' }), 'replay');
    const header = JSON.parse(exported.slice(0, exported.indexOf('\n')));
    expect(header.version).toBe(2);
    expect(header.messageTypes[6]).toBe('extra');
    expect(exported).toMatch(/"message":\{"type":"MsgHeartbeat","from":\d,"to":\d,"term":\d+\}/);
    expect(exported).toContain('"context":"c"');
    const read = parseTraceText(exported, 'x.jsonl');
    expect(read.ok).toBe(true);
    expect(header.version).not.toBe(JSON.parse(lines[0]!).version);
  });

  it('refuses an edited file: any change breaks the content hash', () => {
    expect(problemOf(text.replace('"command":"', '"command":"X'))).toMatch(/^run\.jsonl: content hash mismatch: the trailer says sha256:/);
  });

  it('refuses records that do not give the trailer’s trace hash, even with a fixed-up content hash', () => {
    const edited = lines.slice();
    const index = edited.findIndex((line) => line.includes('"kind":"roleChange"'));
    edited[index] = edited[index]!.replace(/"a":(\d)/, (_, role) => `"a":${(Number(role) + 1) % 3}`);
    expect(problemOf(rehash(edited))).toMatch(/^run\.jsonl: trace hash mismatch: the trailer says [0-9a-f]{16} but the records hash to [0-9a-f]{16}$/);
  });

  it('names the file and line of a line that is not JSON, a bad version, a missing field, and a cut-short file', () => {
    const broken = lines.slice();
    broken[4] = '{"i":3,';
    expect(problemOf(broken.join('\n'))).toMatch(/^run\.jsonl:5: not JSON/);
    const header = JSON.parse(lines[0]!);
    expect(problemOf([JSON.stringify({ ...header, version: 3 }), ...lines.slice(1)].join('\n'))).toBe(
      'run.jsonl:1: trace format version 3 is not supported; this raftsim reads versions 1 and 2',
    );
    const missing = lines.slice();
    missing[2] = missing[2]!.replace(/"kind":"[a-zA-Z]+",/, '');
    expect(problemOf(missing.join('\n'))).toBe('run.jsonl:3: the record is missing "kind" (expected a string)');
    expect(problemOf(lines.slice(0, 40).join('\n'))).toBe('run.jsonl:40: the last line is not the trailer ("type": "end"); the file may be cut short');
    expect(problemOf('hello\n')).toMatch(/^run\.jsonl:1: not JSON/);
    expect(problemOf('{"format":"something-else"}\n')).toMatch(/^run\.jsonl:1: not a raftsim trace/);
    expect(problemOf('')).toBe('run.jsonl: the file is empty, not a raftsim trace');
  });
});
