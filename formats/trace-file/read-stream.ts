/**
 * Reads a trace file as a stream of pieces, checking it as readTraceFile does (the text, each line's
 * shape, both hashes), in memory bounded by a line and the messages still referred to, whatever the
 * file's length. Each record goes to the reader's visitor as soon as it is checked; whether the file
 * as a whole holds comes only at the end, with the trailer, so a visitor keeps what it makes aside
 * until then.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';
import { checkArguments, string } from '../../core/argument-checks.js';
import { TraceRecorder } from '../../sim/index.js';
import { printable } from '../../sim/printable.js';
import { COMPRESSED_FORMATS, controlByteProblem } from '../../scenarios/text-file.js';
import type { TraceFileEvent, TraceFileHeader, TraceFileTrailer } from './format.js';
import { LineProblem, parseEvent, parseHeader, parseJson, parseTrailer, recordAgain } from './read.js';
import type { EarlierRecords } from './read.js';

/**
 * The most recent sent messages kept for the records that refer back to them (a delivery, a drop, a
 * duplicate). A message is referred to within its flight, which lasts far fewer sends than this; a
 * reference further back cannot be checked in one pass and is reported as such.
 */
export const MESSAGES_KEPT = 1 << 14;

/** A line longer than this is no trace record (a record of the largest message is a small part of it). */
const LONGEST_LINE_BYTES = 64 * 1024 * 1024;

/** The file is read in pieces of this many bytes. */
const READ_BYTES = 1 << 20;

const LINE_FEED = 0x0a;

/** What a stream reader tells as it goes. */
export interface TraceStreamVisitor {
  /** The header, checked, before any record. */
  header?(header: TraceFileHeader): void;
  /**
   * A record, checked, with its line as written and, for a record that refers to a sending, the
   * message it names.
   */
  record?(event: TraceFileEvent, line: string, referredMessage: Record<string, unknown> | undefined): void;
}

export type TraceStreamEnd = { readonly ok: true; readonly header: TraceFileHeader; readonly trailer: TraceFileTrailer } | { readonly ok: false; readonly problem: string };

export class TraceStreamReader {
  private problem: string | null = null;
  private bytesSeen = 0;
  /** The bytes of a line not yet ended. */
  private partial: Uint8Array[] = [];
  private partialBytes = 0;
  private lineCount = 0;
  /** The last complete line, held back: it is the trailer if no line follows. */
  private held: string | null = null;
  private header: TraceFileHeader | null = null;
  private kindCodes = new Map<string, number>();
  private readonly contentHash = createHash('sha256');
  private readonly recorder = new TraceRecorder('hash', 0);
  private recordCount = 0;
  private lastTime: number | null = null;
  /** One bit per record: whether it carries a message. */
  private carriers = new Uint8Array(1024);
  private readonly messages = new Map<number, Record<string, unknown>>();
  private readonly decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  constructor(
    private readonly name: string,
    private readonly visitor: TraceStreamVisitor = {},
  ) {
    checkArguments('TraceStreamReader', ['name', name, string()]);
  }

  /** The next piece of the file. */
  push(piece: string | Uint8Array): void {
    if (this.problem !== null) return;
    const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    try {
      if (this.bytesSeen === 0) this.checkNotCompressed(bytes);
      const control = controlByteProblem(bytes);
      if (control !== null) throw new LineProblem(null, `${control.problem} at byte offset ${this.bytesSeen + control.offset}, not a raftsim trace`);
      let start = 0;
      for (let end = bytes.indexOf(LINE_FEED, start); end >= 0; end = bytes.indexOf(LINE_FEED, start)) {
        this.addToLine(bytes.subarray(start, end));
        this.endLine();
        start = end + 1;
      }
      // A copy: the caller may reuse its buffer for the next piece (a Buffer's slice() would share it).
      if (start < bytes.length) this.addToLine(Uint8Array.prototype.slice.call(bytes, start));
      this.bytesSeen += bytes.length;
    } catch (error) {
      this.fail(error);
    }
  }

  /** The end of the file: whether it held, with its header and trailer. */
  end(): TraceStreamEnd {
    try {
      if (this.problem === null && this.partial.length > 0) this.endLine();
      if (this.problem === null) return this.finish();
    } catch (error) {
      this.fail(error);
    }
    return { ok: false, problem: this.problem! };
  }

  private fail(error: unknown): void {
    if (!(error instanceof LineProblem)) throw error;
    this.problem = `${printable(this.name)}${error.line === null ? '' : `:${error.line}`}: ${error.message}`;
  }

  private checkNotCompressed(bytes: Uint8Array): void {
    const compressed = COMPRESSED_FORMATS.find(({ magic }) => magic.every((byte, index) => bytes[index] === byte));
    if (compressed !== undefined) throw new LineProblem(null, `not a text file but ${compressed.what}, not a raftsim trace`);
  }

  private addToLine(piece: Uint8Array): void {
    this.partial.push(piece);
    this.partialBytes += piece.length;
    if (this.partialBytes > LONGEST_LINE_BYTES) throw new LineProblem(this.lineCount + 1, `the line is longer than ${LONGEST_LINE_BYTES / (1024 * 1024)} MiB, more than any trace record; not a raftsim trace`);
  }

  private endLine(): void {
    const bytes = this.partial.length === 1 ? this.partial[0]! : Buffer.concat(this.partial);
    this.partial = [];
    this.partialBytes = 0;
    let text: string;
    try {
      text = this.decoder.decode(this.lineCount === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes);
    } catch {
      throw new LineProblem(null, 'not a text file: its bytes are not UTF-8, not a raftsim trace');
    }
    // A line ending in CRLF reads as the line it is (see parseTraceText).
    if (text.endsWith('\r')) text = text.slice(0, -1);
    this.lineCount++;
    if (this.held !== null) this.takeLine(this.held, this.lineCount - 1);
    this.held = text;
  }

  /** A line that is not the last: the header, or a record. */
  private takeLine(line: string, number: number): void {
    this.contentHash.update(`${line}\n`);
    if (number === 1) {
      this.header = parseHeader(parseJson(line, 1));
      this.kindCodes = new Map(this.header.kinds.map((kind, code) => [kind, code]));
      this.visitor.header?.(this.header);
      return;
    }
    const event = parseEvent(parseJson(line, number), number, this.earlier(), this.kindCodes);
    let referred: Record<string, unknown> | undefined;
    if (event.ref !== undefined) {
      referred = this.messages.get(event.ref);
      if (referred === undefined) throw new LineProblem(number, `"ref": ${event.ref} names a message sent more than ${MESSAGES_KEPT} messages before, further back than a trace is read in one pass`);
    }
    if (event.message !== undefined) this.keepMessage(event.i, event.message);
    recordAgain(this.recorder, event, event.message ?? referred, this.kindCodes);
    this.recordCount++;
    this.lastTime = event.t;
    this.visitor.record?.(event, line, referred);
  }

  private earlier(): EarlierRecords {
    const carriers = this.carriers;
    return {
      count: this.recordCount,
      lastTime: this.lastTime,
      carriesMessage: (index) => index >= 0 && index < this.recordCount && (carriers[index >> 3]! & (1 << (index & 7))) !== 0,
    };
  }

  private keepMessage(index: number, message: Record<string, unknown>): void {
    if (index >> 3 >= this.carriers.length) {
      const grown = new Uint8Array(this.carriers.length * 2);
      grown.set(this.carriers);
      this.carriers = grown;
    }
    this.carriers[index >> 3]! |= 1 << (index & 7);
    this.messages.set(index, message);
    if (this.messages.size > MESSAGES_KEPT) this.messages.delete(this.messages.keys().next().value!);
  }

  private finish(): TraceStreamEnd {
    if (this.held === null) throw new LineProblem(null, 'the file is empty, not a raftsim trace');
    if (this.header === null) {
      parseHeader(parseJson(this.held, 1));
      throw new LineProblem(1, 'the trace ends after its header; the file may be cut short');
    }
    const number = this.lineCount;
    const last = parseJson(this.held, number);
    if (typeof last !== 'object' || last === null || (last as { type?: unknown }).type !== 'end') {
      throw new LineProblem(number, 'the last line is not the trailer ("type": "end"); the file may be cut short');
    }
    const trailer = parseTrailer(last, number, this.recordCount);
    const { contentHash, ...rest } = trailer;
    this.contentHash.update(JSON.stringify(rest));
    const recomputed = `sha256:${this.contentHash.digest('hex')}`;
    if (recomputed !== contentHash) {
      throw new LineProblem(null, `content hash mismatch: the trailer says ${contentHash} but the file hashes to ${recomputed}; it was changed after it was written`);
    }
    const traceHash = this.recorder.hashHex();
    if (traceHash !== trailer.traceHash) throw new LineProblem(null, `trace hash mismatch: the trailer says ${trailer.traceHash} but the records hash to ${traceHash}`);
    return { ok: true, header: this.header, trailer };
  }
}

/** Reads a trace file in pieces through a stream reader; a file that cannot be read is a problem like any other. */
export function streamTraceFile(path: string, visitor: TraceStreamVisitor = {}): TraceStreamEnd {
  checkArguments('streamTraceFile', ['path', path, string({ nonEmpty: true })]);
  const reader = new TraceStreamReader(path, visitor);
  let descriptor: number;
  try {
    descriptor = openSync(path, 'r');
  } catch (error) {
    return { ok: false, problem: `${printable(path)}: cannot read it (${printable(readProblem(error))})` };
  }
  try {
    const buffer = Buffer.allocUnsafe(READ_BYTES);
    for (let read = readSync(descriptor, buffer); read > 0; read = readSync(descriptor, buffer)) reader.push(buffer.subarray(0, read));
  } catch (error) {
    return { ok: false, problem: `${printable(path)}: cannot read it (${printable(readProblem(error))})` };
  } finally {
    closeSync(descriptor);
  }
  return reader.end();
}

function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? String(error));
}
