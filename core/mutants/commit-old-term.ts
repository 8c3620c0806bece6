import { RaftNode } from '../node.js';

/**
 * Commits any entry a majority holds, of whatever term: the mistake the paper's Figure 8 shows. An
 * entry of an earlier term can sit on a majority and still be overwritten by a later leader.
 */
export class CommitOldTermNode extends RaftNode {
  protected override mayCommitByCounting(_index: number): boolean {
    return true;
  }
}
