/**
 * The trace embedded in the page (the JSON Lines file as written, see formats/trace-file/format.ts),
 * decoded once into columns: one typed array per field, so that a run of a million records stays
 * small and quick to search. Kinds are read by the names the header gives, and mapped onto the
 * simulator's kind codes for the cluster fold; a kind the page does not know keeps its name.
 */
import { TraceKind } from '../../../sim/trace/trace.js';
import type { ClusterFoldState, FoldRecord } from '../../../sim/trace/cluster-fold.js';
import type { TraceFileEvent, TraceFileHeader, TraceFileTrailer } from '../../../formats/trace-file/format.js';
import type { CarriedRecord } from '../window-format.js';

/** A message as the trace file writes it: the fields every message has, and those of some types. */
export interface WireMessage {
  readonly type: string;
  readonly from: number;
  readonly to: number;
  readonly term: number;
  readonly entries?: readonly { readonly term: number; readonly kind: string; readonly command: string }[];
  readonly prevLogIndex?: number;
  readonly prevLogTerm?: number;
  readonly leaderCommit?: number;
  readonly snapshot?: { readonly lastIndex: number; readonly lastTerm: number; readonly members?: readonly number[] } | null;
  readonly voteGranted?: boolean;
  readonly success?: boolean;
  readonly matchIndex?: number;
  readonly round?: number;
  readonly preVote?: boolean;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The records the page decodes, read one at a time so that their text need not all be parsed at once. */
export interface RecordSource {
  readonly count: number;
  at(index: number): CarriedRecord;
}

/** A part of a run: where it lies, and the cluster as it stood at its start. */
export interface TraceWindow {
  readonly firstRecord: number;
  readonly fromUs: number;
  readonly toUs: number;
  readonly start: ClusterFoldState;
}

export class TraceData {
  readonly header: TraceFileHeader;
  readonly trailer: TraceFileTrailer;
  readonly count: number;
  readonly time: Float64Array;
  /** The kind as the header's index into its `kinds`. */
  readonly kind: Int32Array;
  /** The kind as the simulator's code (TraceKind), or -1 for a kind it has no code for. */
  readonly kindCode: Int32Array;
  readonly node: Int32Array;
  readonly peer: Int32Array;
  readonly a: Float64Array;
  readonly b: Float64Array;
  /** The record that carries this record's message, or -1. */
  readonly ref: Int32Array;
  readonly detail: unknown[];
  readonly nodeCount: number;
  /** The first configuration: servers outside it are spares until a membership change adds them. */
  readonly initialMembers: readonly number[];
  readonly endUs: number;
  /** The records a person steps through: everything but the clock's ticks. */
  readonly steps: Int32Array;
  /** The run's index of record 0 here: 0 for a whole run, more for a window of one. */
  readonly firstRecord: number;
  readonly startUs: number;
  /** The cluster before record 0; null for a whole run, which starts from nothing. */
  readonly startState: ClusterFoldState | null;
  /** Records whose message was sent before the window, by their index here, with the run's index of the sending. */
  private readonly sentBefore = new Map<number, number>();
  private readonly foldRecord: Mutable<FoldRecord> = { kind: 0, timeUs: 0, node: 0, peer: 0, a: 0, b: 0, detail: null };

  /** A whole trace file's text, as the single page embeds it. */
  static fromText(text: string): TraceData {
    const lines = text.split('\n').filter((line) => line.length > 0);
    const header = JSON.parse(lines[0]!) as TraceFileHeader;
    const trailer = JSON.parse(lines[lines.length - 1]!) as TraceFileTrailer;
    return new TraceData(header, trailer, { count: lines.length - 2, at: (index) => JSON.parse(lines[index + 1]!) as TraceFileEvent });
  }

  constructor(header: TraceFileHeader, trailer: TraceFileTrailer, records: RecordSource, window: TraceWindow | null = null) {
    this.header = header;
    this.trailer = trailer;
    this.firstRecord = window === null ? 0 : window.firstRecord;
    this.startUs = window === null ? 0 : window.fromUs;
    this.startState = window === null ? null : window.start;
    const count = (this.count = records.count);
    this.time = new Float64Array(count);
    this.kind = new Int32Array(count);
    this.kindCode = new Int32Array(count);
    this.node = new Int32Array(count);
    this.peer = new Int32Array(count);
    this.a = new Float64Array(count);
    this.b = new Float64Array(count);
    this.ref = new Int32Array(count).fill(-1);
    this.detail = new Array<unknown>(count);
    this.decodeRecords(records);
    this.nodeCount = this.header.nodes;
    this.initialMembers = firstConfiguration(this.header);
    this.endUs = window === null ? Math.max(this.trailer.virtualMs * 1000, count > 0 ? this.time[count - 1]! : 0, 1) : Math.max(window.toUs, this.startUs + 1);
    this.steps = this.stepRecords();
  }

  private decodeRecords(records: RecordSource): void {
    const kindIndex = new Map<string, number>();
    const codes = this.header.kinds.map((name, index) => {
      kindIndex.set(name, index);
      return Object.hasOwn(TraceKind, name) ? TraceKind[name as keyof typeof TraceKind] : -1;
    });
    for (let line = 0; line < this.count; line++) {
      const record = records.at(line);
      const kind = kindIndex.get(record.kind) ?? -1;
      this.time[line] = record.t;
      this.kind[line] = kind;
      this.kindCode[line] = codes[kind] ?? -1;
      this.node[line] = record.node;
      this.peer[line] = record.peer;
      this.a[line] = record.a;
      this.b[line] = record.b;
      if (record.ref !== undefined) this.ref[line] = record.ref - this.firstRecord;
      if (record.sentAs !== undefined) this.sentBefore.set(line, record.sentAs);
      this.detail[line] = record.message !== undefined ? record.message : record.detail !== undefined ? record.detail : null;
    }
  }

  private stepRecords(): Int32Array {
    const steps: number[] = [];
    for (let index = 0; index < this.count; index++) if (this.kindCode[index] !== TraceKind.tick) steps.push(index);
    return Int32Array.from(steps);
  }

  /** The run's index of the sending of a record's message when it lies before this window, else -1. */
  sentBeforeWindow(index: number): number {
    return this.sentBefore.get(index) ?? -1;
  }

  kindName(index: number): string {
    return this.header.kinds[this.kind[index]!]!;
  }

  /** The message a record is about: its own, or the one on the record it refers to. */
  messageOf(index: number): unknown {
    const ref = this.ref[index]!;
    return ref >= 0 ? this.detail[ref] : this.detail[index];
  }

  /** The message of a record of a message (its type code and sender are the record's), else null. */
  wireMessage(index: number): WireMessage | null {
    const message = this.messageOf(index) as Partial<WireMessage> | null;
    if (message === null || typeof message !== 'object' || Array.isArray(message) || typeof message.type !== 'string') return null;
    const typeName = this.header.messageTypes[this.a[index]!];
    // A type the implementation declared is recorded under the one code named "extra" (format version 2).
    const typeMatches = typeName === message.type || (typeName === 'extra' && !this.header.messageTypes.includes(message.type));
    return typeMatches && message.from === this.node[index] ? (message as WireMessage) : null;
  }

  /** Record `index` as the cluster fold reads it; one object, refilled on every call. */
  foldRecordAt(index: number): FoldRecord {
    const record = this.foldRecord;
    record.kind = this.kindCode[index]!;
    record.timeUs = this.time[index]!;
    record.node = this.node[index]!;
    record.peer = this.peer[index]!;
    record.a = this.a[index]!;
    record.b = this.b[index]!;
    record.detail = this.detail[index];
    return record;
  }

  /** The last record at or before a time, or -1. */
  lastAtOrBefore(timeUs: number): number {
    return lastBelow(this.time, this.count, timeUs, true);
  }

  /** The first record at or after a time, or the record count. */
  firstAtOrAfter(timeUs: number): number {
    return lastBelow(this.time, this.count, timeUs, false) + 1;
  }

  /** The position in `steps` of the last step at or before a record, or -1. */
  stepPosition(recordIndex: number): number {
    return lastBelow(this.steps, this.steps.length, recordIndex, true);
  }
}

/**
 * By binary search, the last position among the first `length` of ascending values whose value is
 * below `limit` (or equal to it, when `orEqual`), or -1 when there is none.
 */
function lastBelow(values: ArrayLike<number>, length: number, limit: number, orEqual: boolean): number {
  let low = 0;
  let high = length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = values[middle]!;
    if (value < limit || (orEqual && value === limit)) {
      found = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** The servers of the scenario's first configuration; every server when it names none. */
function firstConfiguration(header: TraceFileHeader): number[] {
  const cluster = (header.scenario?.cluster ?? {}) as { members?: unknown };
  const members: number[] = [];
  for (let member = 1; member <= header.nodes; member++) {
    if (!Array.isArray(cluster.members) || cluster.members.indexOf(member) >= 0) members.push(member);
  }
  return members;
}
