import type { Entry } from '../../core/types.js';
import type { Checker, CheckContext } from './checker.js';
import { describeEntry } from './checker.js';
import { entryHash } from '../observed-cluster.js';
import type { ObservedNode } from '../observed-cluster.js';

/**
 * §5.4.3 State Machine Safety: no two nodes apply different entries at one index. Also checked one step
 * earlier, where it is cheaper to explain: a node declaring an index committed must agree with the
 * committed history at that index.
 */
export class StateMachineSafetyChecker implements Checker {
  readonly name = 'state-machine-safety' as const;
  private readonly appliedHashes: number[] = [];
  private readonly appliedBy: number[] = [];
  private readonly appliedEntries: Entry[] = [];

  commitChanged(context: CheckContext, node: ObservedNode): void {
    const cluster = context.cluster;
    const upTo = Math.min(node.commitIndex, node.lastIndex(), cluster.committedLength());
    if (upTo === 0 || node.prefixHashes[upTo] === cluster.committedPrefixHashes[upTo]) return;
    let index = 1;
    while (index < upTo && node.prefixHashes[index] === cluster.committedPrefixHashes[index]) index++;
    context.report(
      this.name,
      `node ${node.id} commits ${describeEntry(index, node.entries[index])} but ${describeEntry(index, cluster.committedEntries[index])} was committed before`,
    );
  }

  applied(context: CheckContext, node: ObservedNode, index: number, entry: Entry): void {
    const hash = entryHash(entry);
    const earlier = this.appliedHashes[index];
    if (earlier === undefined) {
      this.appliedHashes[index] = hash;
      this.appliedBy[index] = node.id;
      this.appliedEntries[index] = entry;
    } else if (earlier !== hash) {
      context.report(
        this.name,
        `node ${node.id} applied ${describeEntry(index, entry)} but node ${this.appliedBy[index]} applied ${describeEntry(index, this.appliedEntries[index])}`,
      );
    }
  }
}
