import { nearestRankIndex } from './nearest-rank.js';

/** Counters a run keeps about itself; cheap enough to keep on every run. */
export interface RunStats {
  /**
   * Elections: terms in which some node began a candidacy, by becoming candidate or by standing again,
   * as a candidate, in a new term. Two candidates in one term are one (split) election; a pre-vote that
   * never started a term is none.
   */
  elections: number;
  /** Times a node became leader. */
  leaderChanges: number;
  highestTerm: number;
  /** Entries in the committed history (client commands and leaders' no-ops). */
  committedEntries: number;
  commandsCommitted: number;
  proposalsAccepted: number;
  messagesSent: number;
  messagesDelivered: number;
  messagesDropped: number;
  messagesDuplicated: number;
  crashes: number;
  restarts: number;
  faultsApplied: number;
  faultsSkipped: number;
  /** Log compactions (§7). */
  snapshots: number;
  /** Client reads answered. */
  readsAnswered: number;
  commitLatencyMs: LatencySummary | null;
}

export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

export function emptyStats(): RunStats {
  return {
    elections: 0,
    leaderChanges: 0,
    highestTerm: 0,
    committedEntries: 0,
    commandsCommitted: 0,
    proposalsAccepted: 0,
    messagesSent: 0,
    messagesDelivered: 0,
    messagesDropped: 0,
    messagesDuplicated: 0,
    crashes: 0,
    restarts: 0,
    faultsApplied: 0,
    faultsSkipped: 0,
    snapshots: 0,
    readsAnswered: 0,
    commitLatencyMs: null,
  };
}

/** Nearest-rank percentiles of a list of samples. */
export function summarizeLatencies(samplesUs: readonly number[]): LatencySummary | null {
  if (samplesUs.length === 0) return null;
  // A typed array sorts numbers by value natively, many times faster than a comparison function.
  const sorted = Float64Array.from(samplesUs).sort();
  const rank = (fraction: number) => sorted[nearestRankIndex(sorted.length, fraction)]! / 1000;
  return { count: sorted.length, p50: rank(0.5), p99: rank(0.99), max: sorted[sorted.length - 1]! / 1000 };
}
