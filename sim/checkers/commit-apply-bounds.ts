import type { Entry } from '../../core/types.js';
import type { Checker, CheckContext } from './checker.js';
import type { ObservedNode } from '../checking/observed-cluster.js';

/**
 * Figure 2's volatile state on all servers: commitIndex and lastApplied are "initialized to 0,
 * increases monotonically", and "if commitIndex > lastApplied: increment lastApplied, apply
 * log[lastApplied]": entries are applied in order without gaps, and applied ≤ committed ≤ last log
 * index. Accepted: both indexes starting again after a crash, since they are volatile; a commit index
 * learned late or lagging the leader's (leaderCommit is only a bound, Figure 2, AppendEntries rule 5);
 * applying in several Readies or in one.
 */
export class CommitApplyBoundsChecker implements Checker {
  readonly name = 'commit-apply-bounds' as const;

  commitChanged(context: CheckContext, node: ObservedNode, previousCommitIndex: number): void {
    // The hook runs only when the commit index changed: it must be the larger of the two.
    if (node.commitIndex !== Math.max(node.commitIndex, previousCommitIndex)) {
      context.report(this.name, `node ${node.id}'s commit index went back from ${previousCommitIndex} to ${node.commitIndex}`);
    } else if (node.commitIndex > node.lastIndex()) {
      context.report(this.name, `node ${node.id}'s commit index ${node.commitIndex} is past its last log index ${node.lastIndex()}`);
    }
  }

  logWritten(context: CheckContext, node: ObservedNode): void {
    if (node.lastIndex() < node.commitIndex) {
      context.report(this.name, `node ${node.id} cut its log to ${node.lastIndex()} entries below its commit index ${node.commitIndex}`);
    }
  }

  applied(context: CheckContext, node: ObservedNode, index: number, _entry: Entry): void {
    if (index !== node.appliedIndex + 1) {
      context.report(this.name, `node ${node.id} applied index ${index} right after index ${node.appliedIndex}`);
    } else if (index > node.commitIndex) {
      context.report(this.name, `node ${node.id} applied index ${index} beyond its commit index ${node.commitIndex}`);
    }
  }
}
