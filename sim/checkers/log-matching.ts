import type { Checker, CheckContext } from './checker.js';
import { Int32Column } from '../checking/int32-column.js';
import type { ObservedNode } from '../checking/observed-cluster.js';

/**
 * §5.3 and Figure 3, Log Matching: "if two logs contain an entry with the same index and term, then the
 * logs are identical in all entries up through the given index". An entry (index, term) is created
 * once, by the one leader of that term, so its prefix must be the same wherever and whenever it
 * appears: the checker remembers the prefix hash of every (index, term) it has seen and compares each
 * new write against it. Accepted: logs of any lengths and any uncommitted tails that differ in term
 * (Figure 7), entries truncated and written again, a snapshot standing for its committed prefix.
 */
export class LogMatchingChecker implements Checker {
  readonly name = 'log-matching' as const;
  /**
   * The first (term, prefix hash, node) seen at each index, in three columns (slot 0 is unused, node 0
   * marks an index not seen yet): almost every index only ever holds one term, and a long run keeps one
   * such triple per entry it writes.
   */
  private readonly firstTerm = new Int32Column([0]);
  private readonly firstPrefix = new Int32Column([0]);
  private readonly firstNode = new Int32Column([0]);
  /** For an index that held other terms too: the first prefix hash and node seen with each of them. */
  private readonly otherTerms = new Map<number, SeenEntry[]>();

  logWritten(context: CheckContext, node: ObservedNode, fromIndex: number): void {
    const last = node.lastIndex();
    for (let index = Math.max(1, fromIndex); index <= last; index++) {
      const term = node.termAt(index);
      const prefix = node.prefixHashes.get(index)!;
      const seenBy = this.seenBy(index, term, prefix, node.id);
      if (seenBy !== null) {
        context.report(this.name, `node ${node.id} holds index ${index} term ${term} with a log that differs before it from node ${seenBy}'s`);
        return;
      }
    }
  }

  /** Records (index, term) as seen with this prefix unless it was seen before; the node that held it with another prefix, or null. */
  private seenBy(index: number, term: number, prefix: number, node: number): number | null {
    // Logs grow from index 1, so a new index is almost always the next one; node 0 marks a gap.
    while (this.firstTerm.length <= index) {
      this.firstTerm.push(0);
      this.firstPrefix.push(0);
      this.firstNode.push(0);
    }
    // valueAt, not get: an index the padding missed must fail loudly rather than fall through to otherTerms.
    if (this.firstNode.valueAt(index) === 0) {
      this.firstTerm.set(index, term);
      this.firstPrefix.set(index, prefix);
      this.firstNode.set(index, node);
      return null;
    }
    if (this.firstTerm.get(index) === term) return this.firstPrefix.get(index) === prefix ? null : this.firstNode.get(index)!;
    let known = this.otherTerms.get(index);
    if (known === undefined) {
      known = [];
      this.otherTerms.set(index, known);
    }
    const seen = known.find((other) => other.term === term);
    if (seen !== undefined) return seen.prefix === prefix ? null : seen.node;
    known.push({ term, prefix, node });
    return null;
  }
}

interface SeenEntry {
  readonly term: number;
  readonly prefix: number;
  readonly node: number;
}
