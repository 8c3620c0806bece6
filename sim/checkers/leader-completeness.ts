import type { Checker, CheckContext } from './checker.js';
import { describeEntry } from './checker.js';
import type { ObservedCluster, ObservedNode } from '../checking/observed-cluster.js';

/**
 * §5.4 Leader Completeness: a leader holds every entry committed in an earlier term. Checked when a
 * node becomes leader, and again whenever the committed history grows, against every leader of a later
 * term than the node that committed. Entries committed in the leader's own term or later are not its
 * concern: a vote granted long ago may reach a candidate after later terms committed entries.
 */
export class LeaderCompletenessChecker implements Checker {
  readonly name = 'leader-completeness' as const;

  roleChanged(context: CheckContext, node: ObservedNode): void {
    if (node.role === 'leader') this.check(context, node, `became leader of term ${node.term}`);
  }

  commitChanged(context: CheckContext, committer: ObservedNode, _previous: number, historyGrew: boolean): void {
    if (!historyGrew) return;
    for (const node of context.cluster.nodes) {
      if (node.up && node.role === 'leader' && node.term > committer.term) {
        this.check(context, node, `leads term ${node.term} while node ${committer.id} of term ${committer.term} commits`);
      }
    }
  }

  private check(context: CheckContext, leader: ObservedNode, situation: string): void {
    const cluster = context.cluster;
    const committed = cluster.lastCommittedBeforeTerm(leader.term);
    if (committed === 0) return;
    if (leader.lastIndex() >= committed && leader.prefixHashes[committed] === cluster.committedPrefixHashes[committed]) return;
    const missing = firstDifference(cluster, leader, committed);
    context.report(
      this.name,
      `node ${leader.id} ${situation} without committed ${describeEntry(missing, cluster.committedEntries[missing])}; it holds ${describeEntry(missing, leader.entries[missing])}`,
    );
  }
}

function firstDifference(cluster: ObservedCluster, node: ObservedNode, upTo: number): number {
  for (let index = 1; index <= upTo; index++) {
    if (node.prefixHashes[index] !== cluster.committedPrefixHashes[index]) return index;
  }
  return upTo;
}
