import type { Entry } from '../../core/types.js';
import type { Checker, CheckContext } from './checker.js';
import { describeEntry } from './checker.js';
import { Int32Column } from '../checking/int32-column.js';
import { entryHash } from '../checking/observed-cluster.js';
import type { ObservedNode } from '../checking/observed-cluster.js';

/**
 * §5.4.3 State Machine Safety: no two nodes apply different entries at one index. Also checked earlier,
 * where it is cheaper to explain: a node declaring an index committed, and a majority storing an entry as
 * committed (sim/checking/stored-by-majority.ts), must agree with the committed history at that index.
 */
export class StateMachineSafetyChecker implements Checker {
  readonly name = 'state-machine-safety' as const;
  /** The first entry applied at each index, and by which node. */
  private readonly appliedEntries: Entry[] = [];
  private readonly appliedBy = new Int32Column();
  /** The hash of that first entry: each later entry applied there costs one hash to compare with it. */
  private readonly appliedHashes = new Int32Column();

  commitChanged(context: CheckContext, node: ObservedNode): void {
    const cluster = context.cluster;
    const upTo = Math.min(node.commitIndex, node.lastIndex(), cluster.committedLength());
    if (node.prefixHashes.get(upTo) === cluster.committedPrefixHashes.get(upTo)) return;
    const index = cluster.firstDifference(node, upTo);
    context.report(
      this.name,
      `node ${node.id} commits ${describeEntry(index, node.entries[index])} but ${describeEntry(index, cluster.committedEntries[index])} was committed before`,
    );
  }

  committedByMajority(context: CheckContext, node: ObservedNode, index: number, agreed: boolean): void {
    if (agreed) return;
    const cluster = context.cluster;
    // Stryker disable next-line MethodExpression: the log differs from the history at the lesser bound already, so the scan stops there or before either way
    const first = cluster.firstDifference(node, Math.min(index, cluster.committedLength()));
    context.report(
      this.name,
      `a majority stores node ${node.id}'s log through ${describeEntry(index, node.entries[index])} in its own term, committing ${describeEntry(first, node.entries[first])}, but ${describeEntry(first, cluster.committedEntries[first])} was committed before`,
    );
  }

  applied(context: CheckContext, node: ObservedNode, index: number, entry: Entry): void {
    const earlier = this.appliedEntries[index];
    if (earlier === undefined) {
      this.appliedEntries[index] = entry;
      // Indexes are applied in order from 1 (an entry before the first known one is left at 0).
      while (this.appliedBy.length <= index) this.appliedBy.push(0);
      while (this.appliedHashes.length <= index) this.appliedHashes.push(0);
      this.appliedBy.set(index, node.id);
      this.appliedHashes.set(index, entryHash(entry));
      return;
    }
    if (entryHash(entry) !== this.appliedHashes.get(index)) {
      context.report(
        this.name,
        `node ${node.id} applied ${describeEntry(index, entry)} but node ${this.appliedBy.get(index)} applied ${describeEntry(index, earlier)}`,
      );
    }
  }
}
