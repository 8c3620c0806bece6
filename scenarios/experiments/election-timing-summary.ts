/**
 * The summary of one range's trials, in the terms of the paper's Figure 16. A capped trial (no leader
 * by the cap) counts as longer than any other; a percentile that falls on one is known only to exceed
 * the cap, and is null.
 */
import { nearestRankIndex } from '../../sim/nearest-rank.js';

export interface TrialTimes {
  /** Crash to new leader, in ms; null when the trial reached its cap first. */
  readonly timeMs: number | null;
  readonly splitVotes: number;
  readonly electionTerms: number;
}

export interface ElectionTimingSummary {
  readonly trials: number;
  /** Trials with no leader within the cap. */
  readonly capped: number;
  readonly capMs: number;
  /** Nearest-rank percentiles over all trials; null where the rank falls on a capped trial. */
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
  readonly minMs: number | null;
  /** The mean over all trials; null when any trial was capped. */
  readonly meanMs: number | null;
  /** The fraction of trials whose first election after the crash ended without a leader. */
  readonly splitVoteRate: number;
  /** Terms begun per trial, on average: 1 when every first election succeeds. */
  readonly meanElectionTerms: number;
  /** The trials' times in ascending order, capped trials left out: the cumulative distribution. */
  readonly sortedMs: readonly number[];
}

export function summarizeTrials(trials: readonly TrialTimes[], capMs: number): ElectionTimingSummary {
  const sortedMs = trials
    .map((trial) => trial.timeMs)
    .filter((time): time is number => time !== null)
    .sort((a, b) => a - b);
  const capped = trials.length - sortedMs.length;
  // Capped trials sort after every measured one.
  const rank = (fraction: number): number | null => {
    if (trials.length === 0) return null;
    const index = nearestRankIndex(trials.length, fraction);
    return index < sortedMs.length ? sortedMs[index]! : null;
  };
  const total = sortedMs.reduce((sum, time) => sum + time, 0);
  return {
    trials: trials.length,
    capped,
    capMs,
    medianMs: rank(0.5),
    p90Ms: rank(0.9),
    p99Ms: rank(0.99),
    maxMs: rank(1),
    minMs: rank(0),
    meanMs: capped > 0 || sortedMs.length === 0 ? null : total / sortedMs.length,
    splitVoteRate: trials.length === 0 ? 0 : trials.filter((trial) => trial.splitVotes > 0).length / trials.length,
    meanElectionTerms: trials.length === 0 ? 0 : trials.reduce((sum, trial) => sum + trial.electionTerms, 0) / trials.length,
    sortedMs,
  };
}
