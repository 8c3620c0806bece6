import type { Checker, CheckContext } from './checker.js';
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
  /** seen[index] = [term, prefixHash, nodeId, term, prefixHash, nodeId, …]; usually one triple. */
  private readonly seen: number[][] = [];

  logWritten(context: CheckContext, node: ObservedNode, fromIndex: number): void {
    const last = node.lastIndex();
    for (let index = Math.max(1, fromIndex); index <= last; index++) {
      const term = node.termAt(index);
      const prefix = node.prefixHashes[index]!;
      let known = this.seen[index];
      if (known === undefined) {
        known = [];
        this.seen[index] = known;
      }
      let found = false;
      for (let slot = 0; slot < known.length; slot += 3) {
        if (known[slot] !== term) continue;
        found = true;
        if (known[slot + 1] !== prefix) {
          context.report(
            this.name,
            `node ${node.id} holds index ${index} term ${term} with a log that differs before it from node ${known[slot + 2]}'s`,
          );
          return;
        }
        break;
      }
      if (!found) known.push(term, prefix, node.id);
    }
  }
}
