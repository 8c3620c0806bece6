/**
 * The protocol's timing and batching knobs, in ticks and counts. The host decides how long a tick is;
 * the node only counts them, which is what makes it a pure function of its inputs.
 */
import { checkArguments, shaped } from './argument-checks.js';
import type { IntegrityLevel } from './integrity.js';
import { INTEGRITY_LEVELS } from './integrity.js';

export interface CoreOptions {
  /** The randomized election timeout is drawn uniformly from [min, max] ticks (§5.2). */
  readonly electionTimeoutMinTicks: number;
  readonly electionTimeoutMaxTicks: number;
  /** A leader sends AppendEntries to every follower at least this often, in ticks. */
  readonly heartbeatTicks: number;
  /** At most this many entries go in one AppendEntries request. */
  readonly maxEntriesPerAppend: number;
  /** At most this many AppendEntries requests with entries are unanswered per follower. */
  readonly maxInflightAppends: number;
  /** PreVote (dissertation §9.6): poll for votes before raising the term, so a node that cannot win never disrupts. */
  readonly preVote: boolean;
  /**
   * CheckQuorum: a leader that has not heard from a majority within an election timeout steps down,
   * and a follower that hears from its leader ignores vote requests for that long (leader stickiness).
   */
  readonly checkQuorum: boolean;
  /**
   * Lease reads (dissertation §6.4.1): a leader answers a read at once while a majority answered a
   * heartbeat round it sent less than an election timeout ago, by its own clock. Cheaper than
   * ReadIndex's round trip, and safe only while clocks run at the same rate. Needs checkQuorum, whose
   * leader stickiness is what the lease relies on.
   */
  readonly leaseReads: boolean;
  /**
   * The clock drift lease reads assume: every clock runs within this fraction of true speed. A lease
   * lasts (electionTimeoutMinTicks − 1) × (1 − d) / (1 + d) ticks of the leader's clock, so that it ends,
   * in real time, before any follower's stickiness can (dissertation §6.4.1).
   */
  readonly leaseClockDrift: number;
  /**
   * Beyond Raft's fault model (see integrity.ts): `checksum` seals every message and drops one whose
   * contents changed in flight; `authenticated` also checks the MAC of the sender a message names, and
   * counts neither a vote request nor a vote from a server outside the configuration. Absent means none.
   */
  readonly integrity?: IntegrityLevel;
}

export const DEFAULT_CORE_OPTIONS: CoreOptions = {
  electionTimeoutMinTicks: 10,
  electionTimeoutMaxTicks: 20,
  heartbeatTicks: 5,
  maxEntriesPerAppend: 64,
  maxInflightAppends: 16,
  preVote: false,
  checkQuorum: false,
  leaseReads: false,
  leaseClockDrift: 0.3,
};

/** Returns the first thing wrong with the options (every field is looked at), or null when they are usable. */
export function coreOptionsProblem(options: CoreOptions): string | null {
  checkArguments('coreOptionsProblem', ['options', options, shaped('a CoreOptions object', {})]);
  type Count = { [K in keyof CoreOptions]-?: CoreOptions[K] extends number ? K : never }[keyof CoreOptions];
  const whole = (name: Count, minimum: number): string | null => {
    const value = options[name];
    return Number.isInteger(value) && value >= minimum ? null : `${name} must be a whole number ≥ ${minimum}, got ${value}`;
  };
  return (
    whole('electionTimeoutMinTicks', 1) ??
    whole('electionTimeoutMaxTicks', 1) ??
    whole('heartbeatTicks', 1) ??
    whole('maxEntriesPerAppend', 1) ??
    whole('maxInflightAppends', 1) ??
    (typeof options.preVote === 'boolean' ? null : `preVote must be true or false, got ${String(options.preVote)}`) ??
    (typeof options.checkQuorum === 'boolean' ? null : `checkQuorum must be true or false, got ${String(options.checkQuorum)}`) ??
    (typeof options.leaseReads === 'boolean' ? null : `leaseReads must be true or false, got ${String(options.leaseReads)}`) ??
    (Number.isFinite(options.leaseClockDrift) && options.leaseClockDrift >= 0 && options.leaseClockDrift < 1
      ? null
      : `leaseClockDrift must be at least 0 and below 1, got ${options.leaseClockDrift}`) ??
    (options.integrity === undefined || INTEGRITY_LEVELS.includes(options.integrity)
      ? null
      : `integrity must be ${INTEGRITY_LEVELS.join(', ')}, got ${String(options.integrity)}`) ??
    (options.leaseReads && !options.checkQuorum ? 'leaseReads needs checkQuorum, whose leader stickiness the lease relies on' : null) ??
    (options.electionTimeoutMaxTicks < options.electionTimeoutMinTicks
      ? `electionTimeoutMaxTicks (${options.electionTimeoutMaxTicks}) is below electionTimeoutMinTicks (${options.electionTimeoutMinTicks})`
      : null)
  );
}
