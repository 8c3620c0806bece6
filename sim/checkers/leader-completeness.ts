import type { Checker, CheckContext } from './checker.js';
import { describeEntry } from './checker.js';
import type { ObservedNode } from '../checking/observed-cluster.js';

/**
 * §5.4 Leader Completeness: a leader holds every entry committed in an earlier term. Committed is the
 * paper's definition (sim/checking/stored-by-majority.ts): an entry of term T is committed in term T once
 * a majority stores it as its leader replicated it, whether or not anyone counted; an entry only a node's
 * commit index vouches for, in that node's term. Checked when a node becomes leader, and again whenever
 * the committed history grows, against every leader of a later term than the commit. Entries committed
 * in the leader's own term or later are not its concern: a vote granted long ago may reach a candidate
 * after later terms committed entries.
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

  committedByMajority(context: CheckContext, holder: ObservedNode, index: number, agreed: boolean): void {
    if (!agreed) return;
    const term = holder.entries[index]!.term;
    for (const node of context.cluster.nodes) {
      if (node.up && node.role === 'leader' && node.term > term) {
        this.check(context, node, `leads term ${node.term} while a majority stores index ${index} of term ${term}`);
      }
    }
  }

  private check(context: CheckContext, leader: ObservedNode, situation: string): void {
    const cluster = context.cluster;
    const committed = cluster.lastCommittedBeforeTerm(leader.term);
    // A leader whose log is shorter has no prefix hash there; with nothing committed, both are the empty prefix's.
    if (leader.prefixHashes.get(committed) === cluster.committedPrefixHashes.get(committed)) return;
    const missing = cluster.firstDifference(leader, committed);
    context.report(
      this.name,
      `node ${leader.id} ${situation} without committed ${describeEntry(missing, cluster.committedEntries[missing])}; it holds ${describeEntry(missing, leader.entries[missing])}`,
    );
  }
}
