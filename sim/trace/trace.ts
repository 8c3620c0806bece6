/**
 * The record of a run. Every event the engine handles and every change it observes in a node becomes a
 * record of fixed shape (kind, virtual time, node, peer, and two numbers whose meaning the kind gives),
 * stored as 32-bit words (see trace-tape.ts) and folded into a running hash. Two runs with the same
 * seed and options give the same records and so the same hash, in any process on any machine.
 */
import type { Message } from '../../core/messages.js';
import type { Entry, Role, Snapshot } from '../../core/types.js';
import { emptyObjectArray } from '../engine/empty-array.js';
import { hashString, RunningHash } from './hash.js';
import { carriesExtras } from './message-extras.js';
import { DetailForm, TraceTape } from './trace-tape.js';
import type { TapeRecord } from './trace-tape.js';

export const TraceKind = {
  tick: 0,
  send: 1,
  deliver: 2,
  drop: 3,
  duplicate: 4,
  roleChange: 5,
  logWrite: 6,
  commit: 7,
  apply: 8,
  propose: 9,
  crash: 10,
  restart: 11,
  pause: 12,
  resume: 13,
  partition: 14,
  heal: 15,
  networkChange: 16,
  cut: 17,
  voteGranted: 18,
  violation: 19,
  faultSkipped: 20,
  termChange: 21,
  clockDrift: 22,
  alignTimers: 23,
  settle: 24,
  leadershipTransfer: 25,
  /** A node compacted its log: a = the snapshot's last index, b = its term. */
  compact: 26,
  /** A node replaced its log by a leader's snapshot: a = the snapshot's last index, b = its term. */
  installSnapshot: 27,
  /** A configuration change asked of a leader: peer = the node, a = the entry's index (0 refused), b = 1 add, 0 remove. */
  membershipChange: 28,
  /**
   * A node outside the committed configuration was shut down: a = 0 for good (it was removed), a = 1
   * until it is added again (its add was never committed).
   */
  retire: 29,
  /** A client read asked of a node: a = the read's number, b = 1 when the node took it. */
  read: 30,
  /** A read answered: a = the read's number, b = the index the answering state machine had applied. */
  readAnswer: 31,
  /**
   * Messages of one type dropped on some links (a drop-messages fault): a = 1 when it starts (b = the
   * links it covers), a = 0 when it ends (b = the messages it dropped); node and peer are the sending
   * and receiving node when there is one of each, else 0; the detail is the fault action.
   */
  messageFilter: 32,
  /**
   * An attack beyond Raft's fault model (an attack fault kind): node and peer are the message's sender
   * as it now claims and its receiver (0 for a disk record), a = the attack (TamperKind), b = the message's
   * code (or the rotten record's index); the detail says what was done.
   */
  tamper: 33,
  /**
   * Something refused on sight with integrity on: a message (node = the refusing node, peer = the sender
   * it names, a = the message's code) or a disk record read back at a restart (peer = 0, a = its index);
   * b = why (RejectReason); the detail says so in words.
   */
  rejected: 34,
} as const;
export type TraceKind = (typeof TraceKind)[keyof typeof TraceKind];

export const TRACE_KIND_NAMES: readonly string[] = Object.entries(TraceKind)
  .sort((a, b) => a[1] - b[1])
  .map(([name]) => name);

/** Why a message never arrived. */
export const DropReason = {
  partition: 0,
  loss: 1,
  nodeDown: 2,
  overflow: 3,
  staleIncarnation: 4,
  senderCrashed: 5,
  /** A drop-messages fault covers the message's type and link. */
  filtered: 6,
} as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];
export const DROP_REASON_NAMES: readonly string[] = ['partition', 'loss', 'node down', 'queue full', 'node restarted', 'sender crashed', 'filtered'];

/** What an attack did (a tamper record's a). */
export const TamperKind = { corrupted: 0, replayed: 1, forged: 2, outsider: 3, rotten: 4 } as const;
export type TamperKind = (typeof TamperKind)[keyof typeof TamperKind];
export const TAMPER_KIND_NAMES: readonly string[] = ['corrupted', 'replayed', 'forged sender', 'from outside the configuration', 'bit rot'];

/** Why something was refused (a rejected record's b). */
export const RejectReason = { checksum: 0, sender: 1, outsider: 2, discardedRecord: 3, repairedRecord: 4, other: 5 } as const;
export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason];
export const REJECT_REASON_NAMES: readonly string[] = [
  'checksum mismatch',
  'MAC not the sender\'s',
  'sender outside the configuration',
  'torn record discarded',
  'rotten record repaired from a peer',
  'refused',
];

/** Numeric codes for roles in records. */
export const ROLE_CODE = { follower: 0, candidate: 1, leader: 2, precandidate: 3 } as const;
export const ROLE_NAMES: readonly Role[] = ['follower', 'candidate', 'leader', 'precandidate'];

export const MESSAGE_CODE = {
  RequestVoteRequest: 0,
  RequestVoteResponse: 1,
  AppendEntriesRequest: 2,
  AppendEntriesResponse: 3,
  TimeoutNowRequest: 4,
  InstallSnapshotRequest: 5,
} as const;
/** The code of every message of a type the implementation declared beyond the contract's; the message names its type. */
export const EXTRA_MESSAGE_CODE = 6;

export interface TraceRecord {
  readonly index: number;
  readonly kind: TraceKind;
  readonly timeUs: number;
  readonly node: number;
  readonly peer: number;
  readonly a: number;
  readonly b: number;
  /**
   * The message, fault or entry the record is about, kept only in full and streamed traces. A streamed
   * trace gives a delivery, drop or duplicate no detail: its message is its sending's (see `sentAs`).
   */
  readonly detail: unknown;
  /** On a delivery, drop or duplicate: the index of the record of the message's sending, which carries the message. */
  readonly sentAs?: number;
}

/**
 * full: every record is kept for records(); hash: records only reach the hash; stream: records are
 * handed to a TraceSink in batches as the run goes, and only the batch being filled is held.
 */
export type TraceMode = 'full' | 'hash' | 'stream';

/** Where a streamed trace goes: every record, in order, in batches. */
export interface TraceSink {
  /** The next records of the run; the array and its records are the sink's to keep or drop. */
  accept(records: readonly TraceRecord[]): void;
}

/**
 * Keeps every record of a run and folds each into a running hash. Messages, the bulk of a trace, are
 * kept as numbers and rebuilt by records(): holding on to every message object a run sends would make
 * the garbage collector copy each of them, and that cost more than the rest of the recording. A
 * streamed trace keeps one tape chunk's worth of records: each time the chunk fills, its records are
 * rebuilt and handed to the sink, and the memory is reused, so a run of any length holds the same.
 */
export class TraceRecorder {
  private readonly hash = new RunningHash();
  private count = 0;
  /** Records with an index below this are kept; the rest only reach the hash. */
  private readonly keepLimit: number;
  private readonly tape: TraceTape;
  /** Streaming: records before this index have been handed to the sink. */
  private drainedCount = 0;
  /** The most records held in memory at once, for the bound a streamed trace keeps (see peakHeldRecords). */
  private peakHeld = 0;
  /** Streaming: the batch being rebuilt for the sink, and the position in `details` of the next detail it takes. */
  private batch: TraceRecord[] = [];
  private batchDetail = 0;
  /**
   * Details that are not messages (faults, violations), in record order. A list (written entries, a
   * message's entries) goes in item by item: the items live on in the nodes' logs anyway, and a list
   * object kept for each record would be one more object for the garbage collector to copy.
   */
  private readonly details = emptyObjectArray<unknown>();

  constructor(
    readonly mode: TraceMode,
    maxRecords: number,
    private readonly sink: TraceSink | null = null,
  ) {
    if ((mode === 'stream') !== (sink !== null)) throw new Error('a streamed trace needs a sink, and only a streamed trace takes one');
    this.keepLimit = mode === 'full' ? maxRecords : mode === 'stream' ? Infinity : 0;
    this.tape = new TraceTape(this.hash, mode === 'stream' ? () => this.drain() : null);
  }

  get length(): number {
    return this.count;
  }

  /**
   * The most records this recorder has held in memory at once: every record for a full trace, none
   * for a hash-only one, and at most one tape chunk's worth (MOST_RECORDS_PER_CHUNK) for a streamed
   * one, however long the run.
   */
  get peakHeldRecords(): number {
    return this.mode === 'stream' ? this.peakHeld : this.mode === 'full' ? this.count : 0;
  }

  /** Streaming: hands the records not yet handed out to the sink. The run calls it once it is over. */
  flush(): void {
    if (this.sink !== null && this.drainedCount < this.count) this.tape.drain(this.batchVisitor());
    this.sendBatch();
  }

  /** Records one event or change; a detail that is an array comes back from records() as an equal array. */
  record(kind: TraceKind, timeUs: number, node: number, peer: number, a: number, b: number, detail: unknown = null): void {
    const keep = this.count++ < this.keepLimit;
    if (detail === null) {
      this.tape.append(keep, kind, DetailForm.none, timeUs, node, peer, a, b);
    } else if (Array.isArray(detail)) {
      this.tape.appendWithWord(keep, kind, DetailForm.list, timeUs, node, peer, a, b, detail.length);
      if (keep) this.keepItems(detail);
    } else {
      this.tape.append(keep, kind, DetailForm.object, timeUs, node, peer, a, b);
      if (keep) this.details.push(detail);
    }
  }

  /**
   * Records a message with all its fields, so the hash covers what was said, not only who spoke.
   * `recordedAs`, when given, is the index of an earlier record of this same message (its sending): the
   * fields are then not written again but referred to, and records() gives both records the same
   * message. Returns the index of the new record.
   */
  recordMessage(kind: TraceKind, timeUs: number, message: Message, extra: number, recordedAs = -1): number {
    const index = this.count++;
    const keep = index < this.keepLimit;
    const b = message.term * 8 + extra;
    if (recordedAs >= 0) {
      this.tape.appendWithWord(keep, kind, DetailForm.recordedMessage, timeUs, message.from, message.to, messageCode(message), b, recordedAs);
      return index;
    }
    if (carriesExtras(message)) {
      // Kept whole, as sent: its own fields are what the implementation said, and the hash covers them.
      const copy = { ...message };
      this.tape.appendWithWord(keep, kind, DetailForm.extendedMessage, timeUs, message.from, message.to, messageCode(message), b, hashString(JSON.stringify(copy)));
      if (keep) this.details.push(copy);
      return index;
    }
    // The fields of each type are gathered first and written by one call, which keeps this function
    // small for the compiler (it runs for every message sent).
    let word1 = 0;
    let word2 = 0;
    let word3 = 0;
    let word4 = 0;
    let word5 = 0;
    let entries: readonly unknown[] | null = null;
    switch (message.type) {
      case 'RequestVoteRequest':
        word1 = message.lastLogIndex;
        word2 = message.lastLogTerm;
        word3 = (message.preVote === true ? 1 : 0) + (message.leadershipTransfer === true ? 2 : 0);
        break;
      case 'TimeoutNowRequest':
        break;
      case 'RequestVoteResponse':
        word1 = message.voteGranted ? 1 : 0;
        word2 = message.preVote === true ? 1 : 0;
        break;
      case 'AppendEntriesRequest':
        word1 = message.prevLogIndex;
        word2 = message.prevLogTerm;
        word3 = message.leaderCommit;
        word4 = message.entries.length;
        word5 = message.round ?? -1;
        entries = message.entries;
        break;
      case 'InstallSnapshotRequest':
        word1 = message.snapshot.lastIndex;
        word2 = message.snapshot.lastTerm;
        word3 = hashString(message.snapshot.members.join(','));
        word4 = hashString(message.snapshot.data);
        word5 = message.round ?? -1;
        entries = [message.snapshot];
        break;
      case 'AppendEntriesResponse':
        // The round shares a word with the success bit: -1 stands for no round.
        word1 = ((message.round ?? -1) + 1) * 2 + (message.success ? 1 : 0);
        word2 = message.matchIndex;
        word3 = message.rejectedIndex;
        word4 = message.conflictTerm;
        word5 = message.conflictIndex;
        break;
    }
    this.tape.appendMessage(keep, kind, timeUs, message.from, message.to, messageCode(message), b, message.term, word1, word2, word3, word4, word5);
    if (keep && entries !== null) this.keepItems(entries);
    return index;
  }

  private keepItems(items: readonly unknown[]): void {
    for (let index = 0; index < items.length; index++) this.details.push(items[index]);
  }

  hashHex(): string {
    this.tape.fold();
    return this.hash.hex();
  }

  /**
   * Called by the tape when its chunk is full, before the record that did not fit is written: every
   * record so far is in the chunk and every detail in `details`, so both are handed out and emptied.
   */
  private drain(): void {
    this.tape.drain(this.batchVisitor());
    this.sendBatch();
  }

  private batchVisitor(): (record: TapeRecord) => void {
    const takeItems = (count: number) => this.details.slice(this.batchDetail, (this.batchDetail += count));
    return (record) => {
      const index = this.drainedCount + this.batch.length;
      let detail: unknown = null;
      let sentAs: number | undefined;
      if (record.form === DetailForm.object || record.form === DetailForm.extendedMessage) detail = this.details[this.batchDetail++];
      else if (record.form === DetailForm.list) detail = takeItems(record.words[0]!);
      else if (record.form === DetailForm.message) detail = rebuildMessage(record, takeItems);
      else if (record.form === DetailForm.recordedMessage) sentAs = record.words[0]!;
      const { kind, timeUs, node, peer, a, b } = record;
      const rebuilt: TraceRecord = { index, kind: kind as TraceKind, timeUs, node, peer, a, b, detail };
      this.batch.push(sentAs === undefined ? rebuilt : { ...rebuilt, sentAs });
    };
  }

  private sendBatch(): void {
    const batch = this.batch;
    if (batch.length === 0) return;
    this.peakHeld = Math.max(this.peakHeld, batch.length);
    this.drainedCount += batch.length;
    this.batch = [];
    this.batchDetail = 0;
    this.details.length = 0;
    this.sink!.accept(batch);
  }

  /**
   * The records kept; empty for a hash-only trace. A message comes back as a copy of the one recorded,
   * one copy shared by every record of that message (its sending, delivery, drop or duplicate).
   */
  records(): TraceRecord[] {
    if (this.mode === 'stream') throw new Error('a streamed trace keeps no records: its sink has them');
    const result: TraceRecord[] = [];
    // Details were kept in the order of their records, so they are taken back in that order.
    let nextDetail = 0;
    const takeItems = (count: number) => this.details.slice(nextDetail, (nextDetail += count));
    this.tape.forEach((record) => {
      let detail: unknown = null;
      if (record.form === DetailForm.object) detail = this.details[nextDetail++];
      else if (record.form === DetailForm.list) detail = takeItems(record.words[0]!);
      else if (record.form === DetailForm.message) detail = rebuildMessage(record, takeItems);
      else if (record.form === DetailForm.recordedMessage) detail = result[record.words[0]!]?.detail;
      else if (record.form === DetailForm.extendedMessage) detail = this.details[nextDetail++];
      const { kind, timeUs, node, peer, a, b } = record;
      const rebuilt: TraceRecord = { index: result.length, kind: kind as TraceKind, timeUs, node, peer, a, b, detail };
      result.push(record.form === DetailForm.recordedMessage ? { ...rebuilt, sentAs: record.words[0]! } : rebuilt);
    });
    return result;
  }
}

/** The message a record describes; `takeItems` gives back the entries of a request. */
function rebuildMessage(record: TapeRecord, takeItems: (count: number) => unknown[]): Message {
  const { node: from, peer: to } = record;
  const words = record.words;
  const term = words[0]!;
  switch (record.a) {
    case MESSAGE_CODE.RequestVoteRequest: {
      const request = { type: 'RequestVoteRequest', from, to, term, lastLogIndex: words[1]!, lastLogTerm: words[2]! } as const;
      const flags = words[3]!;
      return { ...request, ...((flags & 1) === 1 ? { preVote: true } : {}), ...((flags & 2) === 2 ? { leadershipTransfer: true } : {}) };
    }
    case MESSAGE_CODE.TimeoutNowRequest:
      return { type: 'TimeoutNowRequest', from, to, term };
    case MESSAGE_CODE.RequestVoteResponse: {
      const response = { type: 'RequestVoteResponse', from, to, term, voteGranted: words[1] === 1 } as const;
      return words[2] === 1 ? { ...response, preVote: true } : response;
    }
    case MESSAGE_CODE.AppendEntriesRequest: {
      const request = {
        type: 'AppendEntriesRequest',
        from,
        to,
        term,
        prevLogIndex: words[1]!,
        prevLogTerm: words[2]!,
        entries: takeItems(words[4]!) as Entry[],
        leaderCommit: words[3]!,
      } as const;
      return words[5]! >= 0 ? { ...request, round: words[5]! } : request;
    }
    case MESSAGE_CODE.InstallSnapshotRequest: {
      const request = { type: 'InstallSnapshotRequest', from, to, term, snapshot: takeItems(1)[0] as Snapshot } as const;
      return words[5]! >= 0 ? { ...request, round: words[5]! } : request;
    }
    default: {
      const response = {
        type: 'AppendEntriesResponse',
        from,
        to,
        term,
        success: (words[1]! & 1) === 1,
        matchIndex: words[2]!,
        rejectedIndex: words[3]!,
        conflictTerm: words[4]!,
        conflictIndex: words[5]!,
      } as const;
      const round = (words[1]! >> 1) - 1;
      return round >= 0 ? { ...response, round } : response;
    }
  }
}

/** The code a record gives the message's type. */
export function messageCode(message: Message): number {
  switch (message.type) {
    case 'RequestVoteRequest':
      return MESSAGE_CODE.RequestVoteRequest;
    case 'RequestVoteResponse':
      return MESSAGE_CODE.RequestVoteResponse;
    case 'AppendEntriesRequest':
      return MESSAGE_CODE.AppendEntriesRequest;
    case 'AppendEntriesResponse':
      return MESSAGE_CODE.AppendEntriesResponse;
    case 'TimeoutNowRequest':
      return MESSAGE_CODE.TimeoutNowRequest;
    case 'InstallSnapshotRequest':
      return MESSAGE_CODE.InstallSnapshotRequest;
    default:
      return EXTRA_MESSAGE_CODE;
  }
}
