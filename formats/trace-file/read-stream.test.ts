/**
 * The streamed reading of a trace file must agree with the whole-file reading: the same records, the
 * same header and trailer for a sound file, and a refusal, naming the same line, for a damaged one,
 * however the file is cut into pieces.
 */
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findNamedScenario, runScenario } from '../../scenarios/index.js';
import type { TraceFileEvent } from './format.js';
import { parseTraceText } from './read.js';
import { streamTraceFile, TraceStreamReader } from './read-stream.js';
import { traceToJsonLines } from './write.js';

const text = traceToJsonLines(runScenario(findNamedScenario('leader-crash')!, { trace: 'full' }), 'npx raftsim run --scenario leader-crash');
const bytes = Buffer.from(text);
const workspace = mkdtempSync(join(tmpdir(), 'raftsim-read-stream-'));

/** Streams bytes in pieces of the given sizes (the last size repeated), collecting the records. */
function streamInPieces(data: Uint8Array, sizes: readonly number[]) {
  const records: TraceFileEvent[] = [];
  const lines: string[] = [];
  const reader = new TraceStreamReader('run.jsonl', { record: (event, line) => (records.push(event), lines.push(line)) });
  for (let offset = 0, piece = 0; offset < data.length; piece++) {
    const size = sizes[Math.min(piece, sizes.length - 1)]!;
    reader.push(data.subarray(offset, offset + size));
    offset += size;
  }
  return { end: reader.end(), records, lines };
}

describe('a trace file read as a stream', () => {
  const whole = parseTraceText(text, 'run.jsonl');
  if (!whole.ok) throw new Error(whole.problem);

  it('gives every record, the header and the trailer, as the whole-file reading does, however it is cut into pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 8 }), (sizes) => {
        const { end, records, lines } = streamInPieces(bytes, sizes);
        expect(end).toEqual({ ok: true, header: whole.trace.header, trailer: whole.trace.trailer });
        expect(records).toEqual(whole.trace.events);
        expect(lines).toEqual(text.trimEnd().split('\n').slice(1, -1));
      }),
      { numRuns: 40 },
    );
  });

  it('hands a record that refers to a sending the message it names', () => {
    const referred: unknown[] = [];
    new TraceStreamReader('run.jsonl', { record: (event, _line, message) => event.ref !== undefined && referred.push([message, whole.trace.events[event.ref]!.message]) }).push(text);
    expect(referred.length).toBeGreaterThan(100);
    for (const [given, sent] of referred as [unknown, unknown][]) expect(given).toEqual(sent);
  });

  it('refuses a damaged file as the whole-file reading does, naming the same line', () => {
    const lines = text.trimEnd().split('\n');
    const damaged = [
      lines.slice(0, -1).join('\n') + '\n',
      [...lines.slice(0, 5), '{"i":', ...lines.slice(6)].join('\n') + '\n',
      text.replace('"kind":"send"', '"kind":"sent"'),
      text.replace('"t":', '"t":-'),
      [...lines.slice(0, 40), ...lines.slice(41)].join('\n') + '\n',
      text.replace(/"term":1/, '"term":2'),
      lines[0] + '\n',
      '',
    ];
    for (const edited of damaged) {
      const read = parseTraceText(edited, 'run.jsonl');
      expect(read.ok).toBe(false);
      const streamed = streamInPieces(Buffer.from(edited), [777]).end;
      expect(streamed, edited.slice(0, 80)).toEqual({ ok: false, problem: read.ok ? '' : read.problem });
    }
  });

  it('reads CRLF line endings and a byte order mark as the lines they are', () => {
    const converted = streamInPieces(Buffer.from('\ufeff' + text.replace(/\n/g, '\r\n')), [4096]);
    expect(converted.end.ok).toBe(true);
    expect(converted.records).toEqual(whole.trace.events);
  });

  it('reads a file from disk, and names a compressed, binary or missing one in one line', () => {
    const path = join(workspace, 'run.jsonl');
    writeFileSync(path, text);
    expect(streamTraceFile(path).ok).toBe(true);
    writeFileSync(path, gzipSync(text));
    expect(streamTraceFile(path)).toEqual({ ok: false, problem: `${path}: not a text file but a gzip-compressed file: decompress it first (gunzip), not a raftsim trace` });
    writeFileSync(path, text.replace('"kind"', '"ki\u0001nd"'));
    expect(streamTraceFile(path)).toMatchObject({ ok: false, problem: expect.stringMatching(/: not a text file: it holds the control byte 0x01 at byte offset \d+, not a raftsim trace$/) });
    expect(streamTraceFile(join(workspace, 'none.jsonl'))).toEqual({ ok: false, problem: `${join(workspace, 'none.jsonl')}: cannot read it (no such file)` });
  });
});
