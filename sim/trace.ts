/**
 * The record of a run. Every event the engine handles and every change it observes in a node becomes a
 * record of fixed shape (kind, virtual time, node, peer, and two numbers whose meaning the kind gives),
 * stored in typed arrays and folded into a running hash. Two runs with the same seed and options give
 * the same records and so the same hash, in any process on any machine.
 */
import type { Message } from '../core/messages.js';
import { RunningHash } from './hash.js';

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
} as const;
export type DropReason = (typeof DropReason)[keyof typeof DropReason];
export const DROP_REASON_NAMES: readonly string[] = ['partition', 'loss', 'node down', 'queue full', 'node restarted'];

/** Numeric codes for roles in records. */
export const ROLE_CODE = { follower: 0, candidate: 1, leader: 2 } as const;
export const ROLE_NAMES: readonly ('follower' | 'candidate' | 'leader')[] = ['follower', 'candidate', 'leader'];

export const MESSAGE_CODE = {
  RequestVoteRequest: 0,
  RequestVoteResponse: 1,
  AppendEntriesRequest: 2,
  AppendEntriesResponse: 3,
} as const;

export interface TraceRecord {
  readonly index: number;
  readonly kind: TraceKind;
  readonly timeUs: number;
  readonly node: number;
  readonly peer: number;
  readonly a: number;
  readonly b: number;
  /** The message, fault or entry the record is about, kept only in full traces. */
  readonly detail: unknown;
}

export type TraceMode = 'full' | 'hash';

const INITIAL_CAPACITY = 4096;

export class TraceRecorder {
  private readonly hash = new RunningHash();
  private count = 0;
  private kinds = new Uint8Array(INITIAL_CAPACITY);
  private times = new Float64Array(INITIAL_CAPACITY);
  private numbers = new Int32Array(INITIAL_CAPACITY * 4);
  private details: unknown[] = [];

  constructor(
    readonly mode: TraceMode,
    private readonly maxRecords: number,
  ) {}

  get length(): number {
    return this.count;
  }

  record(kind: TraceKind, timeUs: number, node: number, peer: number, a: number, b: number, detail: unknown = null): void {
    const hash = this.hash;
    hash.add(kind);
    hash.add(timeUs);
    hash.add(node);
    hash.add(peer);
    hash.add(a);
    hash.add(b);
    const index = this.count++;
    if (this.mode !== 'full' || index >= this.maxRecords) return;
    if (index >= this.kinds.length) this.grow();
    this.kinds[index] = kind;
    this.times[index] = timeUs;
    const base = index * 4;
    this.numbers[base] = node;
    this.numbers[base + 1] = peer;
    this.numbers[base + 2] = a;
    this.numbers[base + 3] = b;
    this.details.push(detail);
  }

  /** Records a message with a digest of its contents, so the hash covers what was said, not only who spoke. */
  recordMessage(kind: TraceKind, timeUs: number, message: Message, extra: number): void {
    this.hash.add(messageDigest(message));
    this.record(kind, timeUs, message.from, message.to, MESSAGE_CODE[message.type], message.term * 8 + extra, message);
  }

  hashHex(): string {
    return this.hash.hex();
  }

  /** The records kept; empty for a hash-only trace. */
  records(): TraceRecord[] {
    const kept = Math.min(this.count, this.mode === 'full' ? this.maxRecords : 0);
    const result: TraceRecord[] = new Array(kept);
    for (let index = 0; index < kept; index++) {
      const base = index * 4;
      result[index] = {
        index,
        kind: this.kinds[index] as TraceKind,
        timeUs: this.times[index]!,
        node: this.numbers[base]!,
        peer: this.numbers[base + 1]!,
        a: this.numbers[base + 2]!,
        b: this.numbers[base + 3]!,
        detail: this.details[index],
      };
    }
    return result;
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    const kinds = new Uint8Array(capacity);
    kinds.set(this.kinds);
    const times = new Float64Array(capacity);
    times.set(this.times);
    const numbers = new Int32Array(capacity * 4);
    numbers.set(this.numbers);
    this.kinds = kinds;
    this.times = times;
    this.numbers = numbers;
  }
}

function messageDigest(message: Message): number {
  switch (message.type) {
    case 'RequestVoteRequest':
      return message.lastLogIndex * 65536 + message.lastLogTerm;
    case 'RequestVoteResponse':
      return message.voteGranted ? 1 : 0;
    case 'AppendEntriesRequest':
      return ((message.prevLogIndex * 31 + message.prevLogTerm) * 31 + message.entries.length) * 31 + message.leaderCommit;
    case 'AppendEntriesResponse':
      return message.success ? message.matchIndex : -(message.rejectedIndex * 31 + message.conflictIndex * 7 + message.conflictTerm);
  }
}
