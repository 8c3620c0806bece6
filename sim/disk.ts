/**
 * A node's stable storage: its term, vote and log as last persisted. Writes are durable at once in this
 * model; a crash loses only what the node held in memory.
 */
import type { LogWrite } from '../core/contract.js';
import type { Entry, HardState, PersistentState } from '../core/types.js';

export class SimulatedDisk {
  private hardState: HardState = { term: 0, votedFor: null };
  private readonly log: Entry[] = [];

  persistHardState(hardState: HardState): void {
    this.hardState = hardState;
  }

  persistLog(write: LogWrite): void {
    if (write.fromIndex < 1 || write.fromIndex > this.log.length + 1) {
      throw new Error(`log write from index ${write.fromIndex} leaves a gap after the persisted ${this.log.length} entries`);
    }
    // Setting an array's length is slow even when nothing changes, and most writes are appends.
    if (write.fromIndex <= this.log.length) this.log.length = write.fromIndex - 1;
    for (let offset = 0; offset < write.entries.length; offset++) this.log.push(write.entries[offset]!);
  }

  /** What a restarting node reads back: a copy, so the node cannot change the disk behind its back. */
  read(): PersistentState {
    return { hardState: this.hardState, log: this.log.slice() };
  }

  isEmpty(): boolean {
    return this.hardState.term === 0 && this.hardState.votedFor === null && this.log.length === 0;
  }
}
