import type { Entry } from '../core/types.js';
import type { LogEditor, NodeRules } from '../core/variants.js';

/**
 * Overwrites a conflicting entry in place but keeps whatever followed it, instead of deleting the
 * conflicting entry and everything after it (Figure 2, AppendEntries rule 3). The stale tail of an old
 * leader survives behind the new entries, so two logs can agree at an index and differ before it.
 */
export function keepConflictingEntries(): Partial<NodeRules> {
  return { storeEntries: overwriteInPlace };
}

function overwriteInPlace(editor: LogEditor, prevLogIndex: number, entries: readonly Entry[]): void {
  for (let offset = 0; offset < entries.length; offset++) {
    const index = prevLogIndex + 1 + offset;
    const entry = entries[offset]!;
    const existingTerm = editor.log.termAt(index);
    if (existingTerm === entry.term) continue;
    if (existingTerm === undefined) {
      for (let rest = offset; rest < entries.length; rest++) editor.append(entries[rest]!);
      return;
    }
    const tail = editor.log.slice(index + 1, editor.log.lastIndex());
    editor.truncateFrom(index);
    editor.append(entry);
    for (const kept of tail) editor.append(kept);
  }
}
