import type { Checker, CheckContext } from './checker.js';
import type { ObservedNode } from '../checking/observed-cluster.js';

/** §5.3 Leader Append-Only: while a node leads, its log only grows at the end. */
export class LeaderAppendOnlyChecker implements Checker {
  readonly name = 'leader-append-only' as const;

  logWritten(context: CheckContext, node: ObservedNode, fromIndex: number, previousLastIndex: number, previousLastHash: number): void {
    if (node.role !== 'leader' || fromIndex > previousLastIndex) return;
    // Writing the same entries again is not a change: only a lost or different entry breaks the rule.
    if (node.lastIndex() >= previousLastIndex && node.prefixHashes[previousLastIndex] === previousLastHash) return;
    context.report(
      this.name,
      `leader ${node.id} of term ${node.term} rewrote its log from index ${fromIndex} (it held ${previousLastIndex} entries)`,
    );
  }
}
