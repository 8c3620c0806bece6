/**
 * A node's stable storage: its term, vote, latest snapshot and the log after it, as last persisted.
 * The simulator decides when a write becomes durable (after a configurable latency); a crash loses
 * every write not yet durable. Two labelled modes go beyond Raft's fault model, for showing what Raft
 * does not survive: a disk that loses its last durable write in a crash (a lying fsync), and one that
 * tears the last log record.
 */
import type { LogWrite } from '../../core/contract.js';
import type { Entry, HardState, PersistentState, Snapshot } from '../../core/types.js';

/** What happens to the disk in a crash beyond losing writes in flight. */
export type DiskFaultOnCrash = 'none' | 'lost-fsync' | 'torn-write';

interface WriteUndo {
  hardState: HardState;
  snapshot: Snapshot | null;
  /** The log as it was from this index on, before the write. */
  fromIndex: number;
  removed: Entry[];
  appended: number;
}

export class SimulatedDisk {
  private hardState: HardState = { term: 0, votedFor: null };
  private snapshot: Snapshot | null = null;
  /** The entries after the snapshot: log[0] is at index snapshotIndex + 1. */
  private readonly log: Entry[] = [];
  /** How to take back the last durable write, kept only for the faulty modes. */
  private lastWrite: WriteUndo | null = null;

  constructor(private readonly faultOnCrash: DiskFaultOnCrash = 'none') {}

  get snapshotIndex(): number {
    return this.snapshot?.lastIndex ?? 0;
  }

  lastIndex(): number {
    return this.snapshotIndex + this.log.length;
  }

  /** The durable entry at `index`; undefined past the end or inside the snapshot. */
  entryAt(index: number): Entry | undefined {
    return this.log[index - this.snapshotIndex - 1];
  }

  /** Starts one durable write (a Ready's hard state, snapshot and log write together). */
  beginWrite(): void {
    if (this.faultOnCrash === 'none') return;
    this.lastWrite = { hardState: this.hardState, snapshot: this.snapshot, fromIndex: this.lastIndex() + 1, removed: [], appended: 0 };
  }

  persistHardState(hardState: HardState): void {
    this.hardState = hardState;
  }

  /** A snapshot received from a leader replaces the whole log. */
  installSnapshot(snapshot: Snapshot): void {
    if (this.lastWrite !== null) {
      this.lastWrite.fromIndex = this.snapshotIndex + 1;
      this.lastWrite.removed = this.log.slice();
    }
    this.log.length = 0;
    this.snapshot = snapshot;
  }

  persistLog(write: LogWrite): void {
    const offset = this.snapshotIndex;
    if (write.fromIndex > this.lastIndex() + 1) {
      throw new Error(`log write from index ${write.fromIndex} leaves a gap after the persisted ${this.lastIndex()} entries`);
    }
    if (write.fromIndex <= offset || write.fromIndex < 1) {
      throw new Error(`log write from index ${write.fromIndex} reaches into the snapshot through index ${offset}`);
    }
    if (this.lastWrite !== null && this.lastWrite.snapshot === this.snapshot) {
      this.lastWrite.fromIndex = write.fromIndex;
      this.lastWrite.removed = this.log.slice(write.fromIndex - offset - 1);
      this.lastWrite.appended = write.entries.length;
    } else if (this.lastWrite !== null) {
      this.lastWrite.appended = write.entries.length;
    }
    // Setting an array's length is slow even when nothing changes, and most writes are appends.
    // Stryker disable next-line ConditionalExpression: `true` only drops the fast path; for an append the length set is the length already there
    if (write.fromIndex <= this.lastIndex()) this.log.length = write.fromIndex - offset - 1;
    for (let index = 0; index < write.entries.length; index++) this.log.push(write.entries[index]!);
  }

  /** The node compacted its log: the snapshot takes the place of the entries through its index. */
  compact(snapshot: Snapshot): void {
    const drop = snapshot.lastIndex - this.snapshotIndex;
    if (drop <= 0 || drop > this.log.length) throw new Error(`cannot compact the persisted log through ${snapshot.lastIndex}`);
    this.log.splice(0, drop);
    this.snapshot = snapshot;
    // Compaction rewrites files the faulty modes do not model; their undo no longer applies.
    this.lastWrite = null;
  }

  /** The crash's effect on what was durable, in the faulty modes; nothing in Raft's own fault model. */
  crash(): void {
    const undo = this.lastWrite;
    this.lastWrite = null;
    if (undo === null) return;
    if (this.faultOnCrash === 'lost-fsync') {
      this.hardState = undo.hardState;
      if (undo.snapshot !== this.snapshot) {
        this.snapshot = undo.snapshot;
        this.log.length = 0;
      }
      this.log.length = Math.min(this.log.length, undo.fromIndex - this.snapshotIndex - 1);
      for (const entry of undo.removed) this.log.push(entry);
    } else if (undo.appended > 0 && this.log.length > 0) {
      // The other mode that keeps an undo, torn-write: the last record the write appended is torn, unless a snapshot replaced it since.
      this.log.length -= 1;
    }
  }

  /** What a restarting node reads back: a copy, so the node cannot change the disk behind its back. */
  read(): PersistentState {
    const log = this.log.slice();
    return this.snapshot === null ? { hardState: this.hardState, log } : { hardState: this.hardState, snapshot: this.snapshot, log };
  }

  isEmpty(): boolean {
    return this.hardState.term === 0 && this.hardState.votedFor === null && this.log.length === 0 && this.snapshot === null;
  }

  /** A decommissioned server's disk is wiped; if it joins again, it starts empty. */
  wipe(): void {
    this.hardState = { term: 0, votedFor: null };
    this.snapshot = null;
    this.log.length = 0;
    this.lastWrite = null;
  }
}
