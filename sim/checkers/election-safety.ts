import type { NodeId } from '../../core/types.js';
import type { Checker, CheckContext } from './checker.js';
import type { ObservedNode } from '../checking/observed-cluster.js';

/**
 * §5.2 and Figure 3, Election Safety: "at most one leader can be elected in a given term". Judged over
 * the whole run, not only at one instant: two nodes that lead one term at different times break it too.
 * Accepted: a node leading the same term again after a restart or a pause (it is the same leader), a
 * leader of a term that other nodes never heard of, any number of terms without a leader (split votes).
 */
export class ElectionSafetyChecker implements Checker {
  readonly name = 'election-safety' as const;
  private readonly leaderOfTerm = new Map<number, NodeId>();

  roleChanged(context: CheckContext, node: ObservedNode): void {
    if (node.role !== 'leader') return;
    const earlier = this.leaderOfTerm.get(node.term);
    if (earlier === undefined) {
      this.leaderOfTerm.set(node.term, node.id);
    } else if (earlier !== node.id) {
      context.report(this.name, `nodes ${earlier} and ${node.id} both became leader of term ${node.term}`);
    }
  }
}
