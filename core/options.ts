/**
 * The protocol's timing and batching knobs, in ticks and counts. The host decides how long a tick is;
 * the node only counts them, which is what makes it a pure function of its inputs.
 */
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
}

export const DEFAULT_CORE_OPTIONS: CoreOptions = {
  electionTimeoutMinTicks: 10,
  electionTimeoutMaxTicks: 20,
  heartbeatTicks: 5,
  maxEntriesPerAppend: 64,
  maxInflightAppends: 16,
  preVote: false,
  checkQuorum: false,
};

/** Returns the first thing wrong with the options, or null when they are usable. */
export function coreOptionsProblem(options: CoreOptions): string | null {
  type Count = { [K in keyof CoreOptions]: CoreOptions[K] extends number ? K : never }[keyof CoreOptions];
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
    (options.electionTimeoutMaxTicks < options.electionTimeoutMinTicks
      ? `electionTimeoutMaxTicks (${options.electionTimeoutMaxTicks}) is below electionTimeoutMinTicks (${options.electionTimeoutMinTicks})`
      : null)
  );
}
