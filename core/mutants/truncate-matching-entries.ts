import { RaftNode } from '../node.js';
import type { Entry } from '../types.js';

/**
 * Replaces everything after prevLogIndex with the request's entries whenever a request is accepted,
 * even when the entries already there match (Figure 2 deletes only on a conflict). A delayed, shorter
 * request then cuts entries the follower had acknowledged, which a leader may already have counted
 * toward a commit.
 */
export class TruncateMatchingEntriesNode extends RaftNode {
  protected override storeEntries(prevLogIndex: number, entries: readonly Entry[]): void {
    if (this.log.lastIndex() > prevLogIndex) this.truncateOwnLog(prevLogIndex + 1);
    for (const entry of entries) this.appendToOwnLog(entry);
  }
}
