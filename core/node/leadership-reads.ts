/**
 * Linearizable reads on the leader (dissertation §6.4): heartbeat rounds, the reads waiting for a round
 * a majority has answered, and the lease that lets a leader answer at once (§6.4.1).
 */
import type { ReadState } from '../contract.js';
import type { CoreOptions } from '../options.js';
import { quorumMatchIndex } from '../quorum.js';
import { NodeState } from './state.js';

/** Reads waiting for a heartbeat round; more are refused, so a leader cut off cannot hoard them. */
export const MAX_PENDING_READS = 1024;
/** Heartbeat rounds whose sending tick is remembered; a lease resting on an older round has long expired. */
const ROUND_HISTORY = 256;

interface PendingRead {
  readonly context: number;
  readonly index: number;
  readonly round: number;
}

/**
 * How long a lease lasts, in the leader's ticks. A follower's stickiness can end one tick short of the
 * minimum timeout (its first tick may come right after the round reached it), so the lease counts from
 * one tick less, shortened by the clock drift it allows for.
 */
function leaseTicksOf(options: CoreOptions): number {
  const drift = options.leaseClockDrift;
  return Math.floor(((options.electionTimeoutMinTicks - 1) * (1 - drift)) / (1 + drift));
}

export abstract class LeadershipReads extends NodeState {
  // Reads (dissertation §6.4): heartbeat rounds, when each was sent, and reads waiting for a round.
  protected round = 0;
  protected leaderTicks = 0;
  protected readonly roundSentAt: number[] = new Array<number>(ROUND_HISTORY).fill(0);
  protected readonly pendingReads: PendingRead[] = [];
  protected readyReads: ReadState[] | null = null;
  /** How long a lease lasts, in the leader's ticks (see CoreOptions.leaseClockDrift). */
  private readonly leaseTicks = leaseTicksOf(this.options);
  protected timeoutNowSent = false;

  /** A new heartbeat round: what its acknowledgements prove holds from the moment it is sent. */
  protected startRound(): void {
    this.round++;
    this.roundSentAt[this.round % ROUND_HISTORY] = this.leaderTicks;
  }

  /** The latest round a majority of the configuration (this leader included, if a member) has answered. */
  private quorumRound(): number {
    for (let position = 0; position < this.members.length; position++) {
      const member = this.members[position]!;
      this.matchScratch[position] = member === this.id ? this.round : this.progress[member]!.ackedRound;
    }
    return quorumMatchIndex(this.matchScratch, this.quorum());
  }

  protected releaseConfirmedReads(): void {
    const confirmed = this.quorumRound();
    let released = 0;
    while (released < this.pendingReads.length && this.pendingReads[released]!.round <= confirmed) {
      const read = this.pendingReads[released]!;
      this.answerRead({ context: read.context, index: read.index });
      released++;
    }
    if (released === 0) return;
    // Moved down in place: splice would also build an array of the reads released.
    this.pendingReads.copyWithin(0, released);
    this.pendingReads.length -= released;
  }

  /**
   * Lease reads (§6.4.1): followers that answered a round ignore other candidates for an election
   * timeout after they heard it (CheckQuorum's stickiness), so no other leader can exist until an
   * election timeout after the round was sent, as this leader's clock counts it.
   */
  protected leaseHolds(): boolean {
    // Voters answer a successor's election at once, stickiness or not: after a TimeoutNow, no lease.
    if (this.timeoutNowSent) return false;
    const confirmed = this.quorumRound();
    if (confirmed === 0 || confirmed <= this.round - ROUND_HISTORY) return false;
    return this.leaderTicks - this.roundSentAt[confirmed % ROUND_HISTORY]! < this.leaseTicks;
  }

  protected answerRead(read: ReadState): void {
    if (this.readyReads === null) this.readyReads = [read];
    else this.readyReads.push(read);
  }
}
