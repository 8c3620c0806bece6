/**
 * A node's stable storage: its term, vote, latest snapshot and the log after it, as last persisted.
 * The simulator decides when a write becomes durable (after a configurable latency); a crash loses
 * every write not yet durable. Two labelled modes go beyond Raft's fault model, for showing what Raft
 * does not survive: a disk that loses its last durable write in a crash (a lying fsync), and one that
 * tears the last log record.
 */
import type { LogWrite, Ready } from '../../core/contract.js';
import { entryChecksum } from '../../core/integrity.js';
import type { Entry, HardState, PersistentState, Snapshot } from '../../core/types.js';

/** What a checksummed disk found wrong on reading a record back, and what it did about it. */
export interface RecordRepair {
  readonly index: number;
  /** 'discarded': a torn record ending the log; 'repaired': a rotten record replaced by a peer's copy of the same checksum. */
  readonly action: 'discarded' | 'repaired';
}

/** A peer's copy of the entry at `index` whose checksum is `checksum`, if any peer holds one. */
export type RecordSource = (index: number, checksum: string) => Entry | undefined;

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
  /** With checksummed records: the checksum each record of `log` was written with. */
  private readonly checksums: string[] = [];

  constructor(
    private readonly faultOnCrash: DiskFaultOnCrash = 'none',
    /** Every record carries a checksum of its entry, written with it and checked when read back. */
    private readonly checksummed = false,
  ) {}

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
    this.checksums.length = 0;
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
    if (this.checksummed) this.writeChecksums(write.fromIndex - offset - 1);
  }

  /** The records from offset `from` on get the checksums of what they now hold. */
  private writeChecksums(from = 0): void {
    if (this.checksums.length > from) this.checksums.length = from;
    for (let offset = this.checksums.length; offset < this.log.length; offset++) this.checksums.push(entryChecksum(this.log[offset]!));
  }

  /** The node compacted its log: the snapshot takes the place of the entries through its index. */
  compact(snapshot: Snapshot): void {
    const drop = snapshot.lastIndex - this.snapshotIndex;
    if (drop <= 0 || drop > this.log.length) throw new Error(`cannot compact the persisted log through ${snapshot.lastIndex}`);
    this.log.splice(0, drop);
    if (this.checksummed) this.checksums.splice(0, drop);
    this.snapshot = snapshot;
    // Compaction rewrites files the faulty modes do not model; their undo no longer applies.
    this.lastWrite = null;
  }

  /**
   * The crash's effect on what was durable, in the faulty modes; nothing in Raft's own fault model.
   * `inFlight` is the write the crash interrupted, if any.
   */
  crash(inFlight: Ready | null = null): void {
    if (this.checksummed && this.faultOnCrash === 'torn-write') return this.tearWriteInFlight(inFlight);
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
      if (this.checksummed) {
        this.checksums.length = 0;
        this.writeChecksums();
      }
    } else if (undo.appended > 0 && this.log.length > 0) {
      // The other mode that keeps an undo, torn-write: the last record the write appended is torn, unless a snapshot replaced it since.
      this.log.length -= 1;
    }
  }

  /**
   * A torn write on a disk with checksummed records. A record's write completes only with its checksum,
   * and the host reports a write durable (and so lets its acknowledgements out) only once every record
   * of it completed; so what a crash tears is the write in flight, never one the node acknowledged.
   * Its hard state and all but its last record land whole; the last lands torn, checksum and all.
   */
  private tearWriteInFlight(inFlight: Ready | null): void {
    this.lastWrite = null;
    const write = inFlight?.logWrite ?? null;
    if (write === null || write.entries.length === 0 || write.fromIndex !== this.lastIndex() + 1 || (inFlight!.snapshot ?? null) !== null) return;
    if (inFlight!.hardState !== null) this.hardState = inFlight!.hardState;
    this.persistLog(write);
    const last = this.log.length - 1;
    this.log[last] = tornCopy(this.log[last]!);
  }

  /** Bit rot: the record at `index` changes at rest, its checksum (if any) staying as written; false when there is none. */
  rot(index: number): boolean {
    const offset = index - this.snapshotIndex - 1;
    const entry = this.log[offset];
    if (entry === undefined) return false;
    this.log[offset] = tornCopy(entry);
    return true;
  }

  /**
   * What a restarting node reads back from a checksummed disk, each record checked against its
   * checksum. A record that fails it and ends the log is a torn write that never completed, so was
   * never acknowledged: it is discarded, and the node is as if the write had been lost in the crash,
   * which Raft survives. A record that fails it inside the log was acknowledged, and discarding it
   * could lose a committed entry: it is replaced by a peer's copy with the same checksum (the repair
   * TigerBeetle's replicas make), or, where no peer holds one, the log ends before it. A torn record
   * that a peer holds whole is repaired the same way: the checksum names the entry exactly.
   */
  readChecked(source: RecordSource): { readonly persisted: PersistentState; readonly repairs: readonly RecordRepair[] } {
    const repairs: RecordRepair[] = [];
    for (let offset = 0; offset < this.log.length; offset++) {
      if (entryChecksum(this.log[offset]!) === this.checksums[offset]) continue;
      const index = this.snapshotIndex + offset + 1;
      const copy = source(index, this.checksums[offset]!);
      if (copy !== undefined) {
        this.log[offset] = copy;
        repairs.push({ index, action: 'repaired' });
        continue;
      }
      this.log.length = offset;
      this.checksums.length = offset;
      repairs.push({ index, action: 'discarded' });
      break;
    }
    return { persisted: this.read(), repairs };
  }

  /** The checksum the record at `index` was written with (checksummed disks only). */
  checksumAt(index: number): string | undefined {
    return this.checksums[index - this.snapshotIndex - 1];
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
    this.checksums.length = 0;
    this.lastWrite = null;
  }
}

/** The entry with its command garbled, as a torn or rotten record reads back when nothing checks it. */
function tornCopy(entry: Entry): Entry {
  return { ...entry, command: entry.command.length === 0 ? '\u0000' : `${entry.command.slice(0, -1)}\u0000` };
}
