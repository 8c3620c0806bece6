import type { Entry } from '../core/types.js';
import type { LogEditor, NodeRules } from '../core/variants.js';

/**
 * Replaces everything after prevLogIndex with the request's entries whenever a request is accepted,
 * even when the entries already there match (Figure 2 deletes only on a conflict). A delayed, shorter
 * request then cuts entries the follower had acknowledged, which a leader may already have counted
 * toward a commit.
 */
export function truncateMatchingEntries(): Partial<NodeRules> {
  return { storeEntries: replaceAfterPrevious };
}

function replaceAfterPrevious(editor: LogEditor, prevLogIndex: number, entries: readonly Entry[]): void {
  if (editor.log.lastIndex() > prevLogIndex) editor.truncateFrom(prevLogIndex + 1);
  for (const entry of entries) editor.append(entry);
}
