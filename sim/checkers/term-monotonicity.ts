import type { Checker, CheckContext } from './checker.js';
import type { ObservedNode } from '../checking/observed-cluster.js';

/**
 * Figure 2's persistent state: currentTerm is "initialized to 0 on first boot, increases
 * monotonically"; an entry carries the "term when entry was received by leader", so no log holds an
 * entry of a term later than its node's term, and (§5.3, a leader appends in its own term, Log
 * Matching) the terms along a log never go down. Accepted: a term that jumps by more than one (adopted
 * from a message), terms that no entry carries, and gaps between the terms along a log.
 */
export class TermMonotonicityChecker implements Checker {
  readonly name = 'term-monotonicity' as const;

  termChanged(context: CheckContext, node: ObservedNode, previousTerm: number): void {
    // The hook runs only when the term changed: it must be the larger of the two.
    if (node.term !== Math.max(node.term, previousTerm)) context.report(this.name, `node ${node.id}'s term went back from ${previousTerm} to ${node.term}`);
  }

  logWritten(context: CheckContext, node: ObservedNode, fromIndex: number): void {
    const last = node.lastIndex();
    for (let index = Math.max(1, fromIndex); index <= last; index++) {
      const term = node.termAt(index);
      if (term > node.term) {
        context.report(this.name, `node ${node.id} in term ${node.term} holds an entry of term ${term} at index ${index}`);
        return;
      }
      if (term < node.termAt(index - 1)) {
        context.report(this.name, `node ${node.id}'s log goes from term ${node.termAt(index - 1)} down to ${term} at index ${index}`);
        return;
      }
    }
  }
}
