import type { Checker, CheckContext } from './checker.js';
import type { ObservedNode } from '../checking/observed-cluster.js';

/**
 * §5.3 and Figure 3, Leader Append-Only: "a leader never overwrites or deletes entries in its log; it
 * only appends new entries". Judged on each log write while the node is observed leading. Accepted:
 * rewriting the same entries again (a write of what is already there changes nothing); any truncation
 * once the node has stepped down (a deposed leader's entries are a follower's like any other); a
 * snapshot taking the place of entries it stands for (§7: compaction is not deletion).
 */
export class LeaderAppendOnlyChecker implements Checker {
  readonly name = 'leader-append-only' as const;

  logWritten(context: CheckContext, node: ObservedNode, fromIndex: number, previousLastIndex: number, previousLastHash: number): void {
    if (node.role !== 'leader') return;
    // Appending, or writing the same entries again, keeps the log it held: only a lost or different entry
    // breaks the rule. A log cut short has no prefix hash at its former last index.
    if (node.prefixHashes.get(previousLastIndex) === previousLastHash) return;
    context.report(
      this.name,
      `leader ${node.id} of term ${node.term} rewrote its log from index ${fromIndex} (it held ${previousLastIndex} entries)`,
    );
  }
}
