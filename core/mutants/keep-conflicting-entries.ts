import { RaftNode } from '../node.js';
import type { Entry } from '../types.js';

/**
 * Overwrites a conflicting entry in place but keeps whatever followed it, instead of deleting the
 * conflicting entry and everything after it (Figure 2, AppendEntries rule 3). The stale tail of an old
 * leader survives behind the new entries, so two logs can agree at an index and differ before it.
 */
export class KeepConflictingEntriesNode extends RaftNode {
  protected override storeEntries(prevLogIndex: number, entries: readonly Entry[]): void {
    for (let offset = 0; offset < entries.length; offset++) {
      const index = prevLogIndex + 1 + offset;
      const entry = entries[offset]!;
      const existingTerm = this.log.termAt(index);
      if (existingTerm === entry.term) continue;
      if (existingTerm === undefined) {
        for (let rest = offset; rest < entries.length; rest++) this.appendToOwnLog(entries[rest]!);
        return;
      }
      const tail = this.log.slice(index + 1, this.log.lastIndex());
      this.truncateOwnLog(index);
      this.appendToOwnLog(entry);
      for (const kept of tail) this.appendToOwnLog(kept);
    }
  }
}
