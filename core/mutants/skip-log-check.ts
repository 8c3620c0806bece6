import type { RequestVoteRequest } from '../messages.js';
import { RaftNode } from '../node.js';

/** Votes without the up-to-date-log check of §5.4.1: a candidate missing committed entries can win. */
export class SkipLogCheckNode extends RaftNode {
  protected override candidateLogIsUpToDate(_request: RequestVoteRequest): boolean {
    return true;
  }
}
