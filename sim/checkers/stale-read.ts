import type { AnsweredRead, Checker, CheckContext } from './checker.js';
import type { ObservedNode } from '../checking/observed-cluster.js';

/**
 * Linearizable reads (dissertation §6.4): "the leader ... waits for its state machine to advance at
 * least as far as the readIndex", which is at least every entry committed before the read arrived. So a
 * read returns a state that includes every entry committed before the client asked. An entry committed
 * earlier may have been acknowledged to its client already, so a state without it is a stale read: what
 * ReadIndex prevents by confirming leadership, and what a lease read returns when the leader's clock runs
 * slow (§6.4.1). Accepted: a state that includes more than that (entries committed while the read waited),
 * a read never answered (the client tries again), and any way of confirming leadership.
 */
export class StaleReadChecker implements Checker {
  readonly name = 'stale-read' as const;

  readAnswered(context: CheckContext, node: ObservedNode, read: AnsweredRead): void {
    if (read.answeredIndex >= read.committedAtInvocation) return;
    context.report(
      this.name,
      `node ${node.id} answered read ${read.number} with its state through index ${read.answeredIndex}, ` +
        `but index ${read.committedAtInvocation} was committed when the read was asked at ${read.invokedAtUs / 1000} ms`,
    );
  }
}
