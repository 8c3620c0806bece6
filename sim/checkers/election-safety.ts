import type { NodeId } from '../../core/types.js';
import type { Checker, CheckContext } from './checker.js';
import type { ObservedNode } from '../checking/observed-cluster.js';

/** §5.2 Election Safety: at most one leader per term, over the whole run, not only at one instant. */
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
