import type { Ready } from '../contract.js';
import { RaftNode } from '../node.js';

/**
 * Hands every entry to the state machine as soon as it is in the log, before it is committed (Figure
 * 2 applies only up to commitIndex). An entry a later leader replaces has already been applied.
 */
export class ApplyBeforeCommitNode extends RaftNode {
  private appliedUpTo = 0;

  override hasReady(): boolean {
    return super.hasReady() || this.log.lastIndex() > this.appliedUpTo;
  }

  override ready(): Ready {
    const ready = super.ready();
    const last = this.log.lastIndex();
    if (last <= this.appliedUpTo) return { ...ready, committedEntries: null };
    const committedEntries = { fromIndex: this.appliedUpTo + 1, entries: this.log.slice(this.appliedUpTo + 1, last) };
    this.appliedUpTo = last;
    return { ...ready, committedEntries };
  }
}
