/**
 * A node's stable storage: its term, vote and log as last persisted. The simulator decides when a
 * write becomes durable (after a configurable latency); a crash loses every write not yet durable.
 * Two labelled modes go beyond Raft's fault model, for showing what Raft does not survive: a disk that
 * loses its last durable write in a crash (a lying fsync), and one that tears the last log record.
 */
import type { LogWrite } from '../core/contract.js';
import type { Entry, HardState, PersistentState } from '../core/types.js';

/** What happens to the disk in a crash beyond losing writes in flight. */
export type DiskFaultOnCrash = 'none' | 'lost-fsync' | 'torn-write';

interface WriteUndo {
  hardState: HardState;
  /** The log as it was from this index on, before the write. */
  fromIndex: number;
  removed: Entry[];
  appended: number;
}

export class SimulatedDisk {
  private hardState: HardState = { term: 0, votedFor: null };
  private readonly log: Entry[] = [];
  /** How to take back the last durable write, kept only for the faulty modes. */
  private lastWrite: WriteUndo | null = null;

  constructor(private readonly faultOnCrash: DiskFaultOnCrash = 'none') {}

  /** Starts one durable write (a Ready's hard state and log write together). */
  beginWrite(): void {
    if (this.faultOnCrash === 'none') return;
    this.lastWrite = { hardState: this.hardState, fromIndex: this.log.length + 1, removed: [], appended: 0 };
  }

  persistHardState(hardState: HardState): void {
    this.hardState = hardState;
  }

  persistLog(write: LogWrite): void {
    if (write.fromIndex < 1 || write.fromIndex > this.log.length + 1) {
      throw new Error(`log write from index ${write.fromIndex} leaves a gap after the persisted ${this.log.length} entries`);
    }
    if (this.lastWrite !== null) {
      this.lastWrite.fromIndex = write.fromIndex;
      this.lastWrite.removed = this.log.slice(write.fromIndex - 1);
      this.lastWrite.appended = write.entries.length;
    }
    // Setting an array's length is slow even when nothing changes, and most writes are appends.
    if (write.fromIndex <= this.log.length) this.log.length = write.fromIndex - 1;
    for (let offset = 0; offset < write.entries.length; offset++) this.log.push(write.entries[offset]!);
  }

  /** The crash's effect on what was durable, in the faulty modes; nothing in Raft's own fault model. */
  crash(): void {
    const undo = this.lastWrite;
    this.lastWrite = null;
    if (undo === null) return;
    if (this.faultOnCrash === 'lost-fsync') {
      this.hardState = undo.hardState;
      this.log.length = undo.fromIndex - 1;
      for (const entry of undo.removed) this.log.push(entry);
    } else if (this.faultOnCrash === 'torn-write' && undo.appended > 0) {
      this.log.length -= 1;
    }
  }

  /** What a restarting node reads back: a copy, so the node cannot change the disk behind its back. */
  read(): PersistentState {
    return { hardState: this.hardState, log: this.log.slice() };
  }

  isEmpty(): boolean {
    return this.hardState.term === 0 && this.hardState.votedFor === null && this.log.length === 0;
  }
}
