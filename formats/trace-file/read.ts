/**
 * Reads a JSON Lines trace file back and checks it: the shape of every line, then both hashes (the
 * content hash over the lines, and the run's trace hash recomputed from the records). A problem comes
 * back as one line naming the file and, where there is one, the line number.
 */
import { readFileSync } from 'node:fs';
import { checkArguments, string } from '../../core/argument-checks.js';
import type { Message } from '../../core/index.js';
import { decodeText } from '../../scenarios/text-file.js';
import { TraceRecorder } from '../../sim/index.js';
import { printable, quoted } from '../../sim/printable.js';
import { traceContentHash } from './content-hash.js';
import { READABLE_TRACE_FORMAT_VERSIONS, TRACE_FORMAT } from './format.js';
import type { TraceFile, TraceFileEvent, TraceFileHeader, TraceFileTrailer } from './format.js';

export type TraceFileRead = { readonly ok: true; readonly trace: TraceFile } | { readonly ok: false; readonly problem: string };

/** A problem found in a line; `line` is 1-based. */
export class LineProblem extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}

/** Reads and checks a trace file; what is wrong with it comes back as a value naming the file and line. */
export function readTraceFile(path: string): TraceFileRead {
  checkArguments('readTraceFile', ['path', path, string({ nonEmpty: true })]);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(error));
    return { ok: false, problem: `${printable(path)}: cannot read it (${printable(reason)})` };
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { ok: false, problem: `${printable(path)}: ${decoded.problem}, not a raftsim trace` };
  return parseTraceText(decoded.text, path);
}

/**
 * Lines ending in CRLF, as a Windows checkout or editor may leave them, are read as the lines they are:
 * both hashes are defined over the lines (each hashed with its `\n`), not over the bytes that end them,
 * so converting line endings changes neither. A carriage return anywhere else is an edit, which the
 * content hash catches.
 */
export function parseTraceText(text: string, name = 'trace'): TraceFileRead {
  checkArguments('parseTraceText', ['text', text, string()], ['name', name, string()]);
  try {
    return { ok: true, trace: parseLines(text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text) };
  } catch (error) {
    if (!(error instanceof LineProblem)) throw error;
    return { ok: false, problem: `${printable(name)}${error.line === null ? '' : `:${error.line}`}: ${error.message}` };
  }
}

function parseLines(text: string): TraceFile {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new LineProblem(null, 'the file is empty, not a raftsim trace');
  const header = parseHeader(parseJson(lines[0]!, 1));
  if (lines.length < 2) throw new LineProblem(1, 'the trace ends after its header; the file may be cut short');
  const last = parseJson(lines[lines.length - 1]!, lines.length);
  if (typeof last !== 'object' || last === null || (last as { type?: unknown }).type !== 'end') {
    throw new LineProblem(lines.length, 'the last line is not the trailer ("type": "end"); the file may be cut short');
  }
  const kindCodes = new Map(header.kinds.map((kind, code) => [kind, code]));
  const events: TraceFileEvent[] = [];
  const earlier: EarlierRecords = {
    get count() {
      return events.length;
    },
    get lastTime() {
      return events[events.length - 1]?.t ?? null;
    },
    carriesMessage: (index) => events[index]?.message !== undefined,
  };
  for (let number = 2; number < lines.length; number++) {
    events.push(parseEvent(parseJson(lines[number - 1]!, number), number, earlier, kindCodes));
  }
  const trailer = parseTrailer(last, lines.length, events.length);
  const { contentHash, ...rest } = trailer;
  const recomputed = traceContentHash(lines.slice(0, -1), JSON.stringify(rest));
  if (recomputed !== contentHash) {
    throw new LineProblem(null, `content hash mismatch: the trailer says ${contentHash} but the file hashes to ${recomputed}; it was changed after it was written`);
  }
  const traceHash = recomputeTraceHash(events, kindCodes);
  if (traceHash !== trailer.traceHash) {
    throw new LineProblem(null, `trace hash mismatch: the trailer says ${trailer.traceHash} but the records hash to ${traceHash}`);
  }
  return { header, events, trailer, text };
}

export function parseJson(line: string, number: number): unknown {
  try {
    return JSON.parse(line);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    throw new LineProblem(number, `not JSON (${printable(reason)})`);
  }
}

type Field = 'number' | 'integer' | 'string' | 'boolean' | 'object' | 'array' | 'string array';

function fieldProblem(value: unknown, type: Field): boolean {
  switch (type) {
    case 'number':
      return typeof value !== 'number' || !Number.isFinite(value);
    case 'integer':
      return !Number.isSafeInteger(value);
    case 'string':
      return typeof value !== 'string';
    case 'boolean':
      return typeof value !== 'boolean';
    case 'object':
      return typeof value !== 'object' || value === null || Array.isArray(value);
    case 'array':
      return !Array.isArray(value);
    case 'string array':
      return !Array.isArray(value) || value.some((item) => typeof item !== 'string');
  }
}

function requireFields(value: unknown, fields: Readonly<Record<string, Field>>, what: string, number: number): Record<string, unknown> {
  if (fieldProblem(value, 'object')) throw new LineProblem(number, `${what} is not a JSON object`);
  const object = value as Record<string, unknown>;
  for (const [field, type] of Object.entries(fields)) {
    if (!(field in object)) throw new LineProblem(number, `${what} is missing "${field}" (expected ${type === 'integer' ? 'a whole number' : `a ${type}`})`);
    if (fieldProblem(object[field], type)) throw new LineProblem(number, `${what} has a bad "${field}": expected ${type === 'integer' ? 'a whole number' : `a ${type}`}`);
  }
  return object;
}

export function parseHeader(value: unknown): TraceFileHeader {
  if (fieldProblem(value, 'object') || (value as { format?: unknown }).format !== TRACE_FORMAT) {
    throw new LineProblem(1, `not a raftsim trace: the first line must be a header with "format": "${TRACE_FORMAT}"`);
  }
  const version = (value as { version?: unknown }).version;
  if (typeof version !== 'number' || !READABLE_TRACE_FORMAT_VERSIONS.includes(version)) {
    throw new LineProblem(1, `trace format version ${printable(JSON.stringify(version) ?? String(version))} is not supported; this raftsim reads versions ${READABLE_TRACE_FORMAT_VERSIONS.join(' and ')}`);
  }
  const header = requireFields(
    value,
    {
      type: 'string',
      raftsim: 'string',
      seed: 'integer',
      nodes: 'integer',
      implementation: 'string',
      replay: 'string',
      scenario: 'object',
      kinds: 'string array',
      roles: 'string array',
      dropReasons: 'string array',
      messageTypes: 'string array',
    },
    'the header',
    1,
  );
  if (new Set(header.kinds as string[]).size !== (header.kinds as string[]).length) throw new LineProblem(1, 'the header names a kind twice in "kinds"');
  return header as unknown as TraceFileHeader;
}

const EVENT_FIELDS = { i: 'integer', t: 'number', kind: 'string', node: 'integer', peer: 'integer', a: 'integer', b: 'integer' } as const;

/** What checking a record needs to know of the records before it. */
export interface EarlierRecords {
  readonly count: number;
  /** The time of the last record; null before the first. */
  readonly lastTime: number | null;
  /** Whether the record at this index carries a message (a `ref` must name one). */
  carriesMessage(index: number): boolean;
}

export function parseEvent(value: unknown, number: number, earlier: EarlierRecords, kindCodes: ReadonlyMap<string, number>): TraceFileEvent {
  const event = requireFields(value, EVENT_FIELDS, 'the record', number) as unknown as TraceFileEvent;
  if (event.i !== earlier.count) throw new LineProblem(number, `record "i": ${event.i} is out of order: expected ${earlier.count}`);
  if (!kindCodes.has(event.kind)) throw new LineProblem(number, `record kind ${quoted(event.kind)} is not among the header's "kinds"`);
  const lastTime = earlier.lastTime;
  if (lastTime !== null && event.t < lastTime) throw new LineProblem(number, `record time ${event.t} goes back before ${lastTime}`);
  if (event.message !== undefined) {
    const message = requireFields(event.message, { type: 'string', from: 'integer', to: 'integer', term: 'integer' }, 'the message', number);
    if (message.from !== event.node || message.to !== event.peer) throw new LineProblem(number, 'the message’s "from" and "to" differ from the record’s "node" and "peer"');
  }
  if (event.ref !== undefined) {
    if (!Number.isSafeInteger(event.ref) || !earlier.carriesMessage(event.ref)) throw new LineProblem(number, `"ref": ${printable(JSON.stringify(event.ref) ?? String(event.ref))} does not name an earlier record that carries a message`);
  }
  return event;
}

export function parseTrailer(value: unknown, number: number, records: number): TraceFileTrailer {
  const trailer = requireFields(
    value,
    {
      records: 'integer',
      events: 'integer',
      virtualMs: 'number',
      outcome: 'string',
      passed: 'boolean',
      stats: 'object',
      violations: 'array',
      failures: 'array',
      expectations: 'array',
      traceHash: 'string',
      contentHash: 'string',
    },
    'the trailer',
    number,
  );
  if (trailer.records !== records) throw new LineProblem(number, `the trailer counts ${String(trailer.records)} records but the file holds ${records}; the file may be cut short`);
  return trailer as unknown as TraceFileTrailer;
}

/** Records every record again, as the simulator did, to get the run's trace hash. */
function recomputeTraceHash(events: readonly TraceFileEvent[], kindCodes: ReadonlyMap<string, number>): string {
  const recorder = new TraceRecorder('hash', 0);
  for (const event of events) {
    recordAgain(recorder, event, event.message ?? (event.ref === undefined ? undefined : events[event.ref]!.message), kindCodes);
  }
  return recorder.hashHex();
}

/** Records one record again, as the simulator did; `message` is its own or, for a `ref`, the one it names. */
export function recordAgain(recorder: TraceRecorder, event: TraceFileEvent, message: Record<string, unknown> | undefined, kindCodes: ReadonlyMap<string, number>): void {
  const kind = kindCodes.get(event.kind)! as Parameters<TraceRecorder['record']>[0];
  if (message === undefined) recorder.record(kind, event.t, event.node, event.peer, event.a, event.b, event.detail ?? null);
  else recorder.recordMessage(kind, event.t, message as unknown as Message, event.b - (message as unknown as Message).term * 8, event.ref ?? -1);
}
