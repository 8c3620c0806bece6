/**
 * Writes a trace file as the run goes, in memory bounded by a batch whatever the run's length. The
 * records' lines go to a scratch file while the run lasts, since the header comes first but says what
 * only the whole run can tell (see TraceFacts). When the run is over, finish() writes the header, the
 * scratch file's lines and the trailer to their destination, hashing the bytes on the way: the file is
 * byte for byte what traceToJsonLines gives for the same run.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import type { ScenarioRunResult } from '../../scenarios/index.js';
import type { TraceRecord, TraceSink } from '../../sim/index.js';
import { eventLine, TraceFacts, traceHeader, traceTrailer } from './write.js';

/** Lines are gathered up to about this many characters before each write to the scratch file. */
const WRITE_CHARACTERS = 1 << 20;
/** The scratch file is copied to the destination in pieces of this many bytes. */
const COPY_BYTES = 1 << 20;

/** Where finish() sends the file, in order: a function that writes (or appends) each piece it is given. */
export type TraceFileDestination = (piece: string | Uint8Array) => void;

export class TraceFileStream implements TraceSink {
  private readonly facts = new TraceFacts();
  private recordCount = 0;
  private scratchBytes = 0;
  private scratch: number | null;
  private pending: string[] = [];
  private pendingCharacters = 0;

  /** `scratchPath`: a file of its own, written while the run lasts and removed by finish() or discard(). */
  constructor(private readonly scratchPath: string) {
    this.scratch = openSync(scratchPath, 'w+');
  }

  /** Records written so far. */
  get records(): number {
    return this.recordCount;
  }

  /** The bytes of the records' lines so far, to be written out before the trailer (the header adds a little). */
  get recordBytes(): number {
    return this.scratchBytes + Buffer.byteLength(this.pending.join(''));
  }

  accept(records: readonly TraceRecord[]): void {
    if (this.scratch === null) throw new Error('the trace file is already finished');
    for (const record of records) {
      if (record.index !== this.recordCount) throw new Error(`trace record ${record.index} came where ${this.recordCount} was due`);
      this.facts.observe(record);
      const line = `${JSON.stringify(eventLine(record))}\n`;
      this.pending.push(line);
      this.pendingCharacters += line.length;
      this.recordCount++;
      if (this.pendingCharacters >= WRITE_CHARACTERS) this.writePending();
    }
  }

  /**
   * Writes the whole file to `destination`, piece by piece: header, records, trailer. The run must be
   * over, its every record accepted. The scratch file is removed, whether the writing succeeds or not.
   */
  finish(result: ScenarioRunResult, replay: string, destination: TraceFileDestination): void {
    if (this.recordCount !== result.run.trace.length) {
      throw new Error(`the trace file holds ${this.recordCount} of the run's ${result.run.trace.length} records; stream the run into it (trace mode 'stream')`);
    }
    try {
      this.writePending();
      const hash = createHash('sha256');
      const send = (piece: string | Uint8Array) => {
        hash.update(piece);
        destination(piece);
      };
      send(`${JSON.stringify(traceHeader(result, replay, this.facts))}\n`);
      this.copyScratch(send);
      const trailer = traceTrailer(result, replay, this.recordCount);
      hash.update(JSON.stringify(trailer));
      destination(`${JSON.stringify({ ...trailer, contentHash: `sha256:${hash.digest('hex')}` })}\n`);
    } finally {
      this.discard();
    }
  }

  /** Removes the scratch file without writing anything (a run that failed to finish). */
  discard(): void {
    if (this.scratch !== null) closeSync(this.scratch);
    this.scratch = null;
    this.pending = [];
    rmSync(this.scratchPath, { force: true });
  }

  private writePending(): void {
    if (this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending.join(''));
    // A write may take fewer bytes than it is given; each round must take some.
    for (let written = 0; written < bytes.length; ) {
      const taken = writeSync(this.scratch!, bytes, written, bytes.length - written);
      if (taken <= 0) throw new Error(`writing ${this.scratchPath} made no progress`);
      written += taken;
    }
    this.scratchBytes += bytes.length;
    this.pending = [];
    this.pendingCharacters = 0;
  }

  /** Sends the scratch file's bytes in pieces; each piece is a fresh buffer, as a destination may keep it. */
  private copyScratch(send: TraceFileDestination): void {
    const scratch = this.scratch!;
    const size = fstatSync(scratch).size;
    for (let position = 0; position < size; ) {
      const piece = Buffer.allocUnsafe(Math.min(COPY_BYTES, size - position));
      const read = readSync(scratch, piece, 0, piece.length, position);
      if (read === 0) throw new Error(`the trace's scratch file ${this.scratchPath} ended at byte ${position} of ${size}`);
      send(read === piece.length ? piece : piece.subarray(0, read));
      position += read;
    }
  }
}
