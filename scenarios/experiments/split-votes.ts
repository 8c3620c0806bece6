/**
 * The dissertation's split-vote analysis (Ongaro 2014, §9.2 and §9.3) run on raftsim's own nodes: in
 * a cluster of n, the leader and `failures - 1` followers are down; the survivors' timers all start
 * from the leader's last heartbeat (the latency is the same on every link, so it reaches them at one
 * moment), their logs are alike, and a trial's first election term either elects a leader or splits.
 * Beside each measured rate: the model's prediction (split-vote-model.ts) and the rate the
 * dissertation states for that cluster and latency, where it states one.
 */
import { arrayOf, checkArguments, func, integer, number, optional, optionsOf, shaped, withDefaults } from '../../core/argument-checks.js';
import { createAllCheckers, MAX_NODES, RandomStream } from '../../sim/index.js';
import type { Checker } from '../../sim/index.js';
import { DURATION_MS, SEED } from '../argument-rules.js';
import { runToEnd } from '../run-to-end.js';
import { describeTimingProblems, timingProblems } from '../timing-requirement.js';
import { runCrashTrial } from './crash-trial.js';
import type { TrialTimes } from './election-timing-summary.js';
import type { TimeoutRange } from './election-timing.js';
import { predictedElectionMs, predictedSplitVoteRate, publishedSplitVoteRate } from './split-vote-model.js';
import type { PublishedSplitVoteRate } from './split-vote-model.js';

/** One-way latency, drawn uniformly from [minMs, maxMs] per message; min = max is the model's fixed latency. */
export interface LatencyRange {
  readonly minMs: number;
  readonly maxMs: number;
}

export interface SplitVotesOptions {
  readonly nodeCount: number;
  /** Servers down at the election, the crashed leader included: each makes a case. */
  readonly failures: readonly number[];
  /** Each latency makes a case with each number of failures. */
  readonly latencies: readonly LatencyRange[];
  readonly range: TimeoutRange;
  readonly trials: number;
  readonly seed: number;
  readonly tickMs: number;
  readonly capMs: number;
  readonly checkers: () => Checker[];
  readonly onTrialDone?: (done: number, total: number) => void;
  readonly shouldStop?: () => boolean;
}

export const DEFAULT_SPLIT_VOTES_OPTIONS: Omit<SplitVotesOptions, 'checkers'> = {
  nodeCount: 5,
  failures: [1, 2],
  // The dissertation's worked example: a 100 ms range with 1, 10 and 20 ms of fixed latency, and its
  // variable-latency example, uniform in 0.1–0.2 of the range.
  latencies: [
    { minMs: 1, maxMs: 1 },
    { minMs: 10, maxMs: 10 },
    { minMs: 20, maxMs: 20 },
    { minMs: 10, maxMs: 20 },
  ],
  range: { minMs: 100, maxMs: 200 },
  trials: 1000,
  seed: 1,
  // A timer fires on a tick, so a tick blurs when each server times out by up to its length: here a
  // thousandth of the default range.
  tickMs: 0.1,
  capMs: 30_000,
};

export interface SplitVotesCase {
  readonly nodeCount: number;
  readonly failures: number;
  readonly available: number;
  readonly latency: LatencyRange;
  /** The latency as written: one time, or low-high. */
  readonly latencyLabel: string;
  /** The latency as a fraction of the timeout range, the model's l. */
  readonly latencyFraction: readonly [number, number];
  readonly trials: number;
  readonly capped: number;
  /** The fraction of trials whose first election term after the crash ended without a leader. */
  readonly splitVoteRate: number;
  /** §9.2's Pr(D_{c,s} ≤ l); null when the latency is not fixed, which the formula does not cover. */
  readonly predictedSplitVoteRate: number | null;
  readonly published: PublishedSplitVoteRate | null;
  readonly meanElectionTerms: number;
  /** 1 / (1 - the measured split-vote rate): §9.3's geometric number of terms. */
  readonly predictedElectionTerms: number | null;
  /** Crash to new leader, the mean over the trials; null when one was capped, since its time is known only to exceed the cap. */
  readonly meanMs: number | null;
  /** §9.3's E[E_s], with the measured split-vote rate. */
  readonly predictedMeanMs: number | null;
}

export interface SplitVotesResult {
  readonly options: Omit<SplitVotesOptions, 'checkers' | 'onTrialDone' | 'shouldStop'>;
  readonly cases: readonly SplitVotesCase[];
  /** Trials in which a safety checker complained; there should be none. */
  readonly violations: readonly { readonly failures: number; readonly latency: string; readonly seed: number; readonly message: string }[];
  readonly events: number;
  readonly stoppedEarly: boolean;
}

function latencyLabel(latency: LatencyRange): string {
  return latency.minMs === latency.maxMs ? `${latency.minMs}` : `${latency.minMs}-${latency.maxMs}`;
}

/** What is wrong with the options, or null; a problem starts with the option's name. */
export function splitVotesProblem(options: Omit<SplitVotesOptions, 'checkers'>): string | null {
  const { nodeCount, range } = options;
  if (!(Number.isSafeInteger(nodeCount) && nodeCount >= 3 && nodeCount <= MAX_NODES)) return `nodes must be from 3 to ${MAX_NODES}, got ${nodeCount}`;
  const mostFailures = Math.floor((nodeCount - 1) / 2);
  if (options.failures.length === 0) return 'failures must list at least one number';
  for (const failures of options.failures) {
    if (!(Number.isSafeInteger(failures) && failures >= 1 && failures <= mostFailures)) {
      return `failures must be from 1 (the leader) to ${mostFailures}, so that a majority of ${nodeCount} remains; got ${failures}`;
    }
  }
  if (!(range.minMs > 0 && range.maxMs > range.minMs)) return `range ${range.minMs}-${range.maxMs} must be low-high with 0 < low < high: the model needs randomness`;
  if (range.minMs / 2 < options.tickMs) return `range ${range.minMs}-${range.maxMs}: the minimum timeout must be at least two ticks (${2 * options.tickMs} ms)`;
  if (!(options.tickMs > 0)) return `tick must be a positive time, got ${options.tickMs}`;
  if (!(Number.isSafeInteger(options.trials) && options.trials >= 1)) return `trials must be a whole number ≥ 1, got ${options.trials}`;
  if (options.latencies.length === 0) return 'latency must list at least one latency';
  for (const latency of options.latencies) {
    if (!(latency.minMs >= 0 && latency.maxMs >= latency.minMs)) return `latency ${latencyLabel(latency)} must be a time or a range low-high from 0`;
    const timing = { heartbeatMs: range.minMs / 2, electionTimeoutMinMs: range.minMs, latencyMaxMs: latency.maxMs, tickMs: options.tickMs };
    const problem = describeTimingProblems(timingProblems(timing));
    if (problem !== null) return `latency ${latencyLabel(latency)} with range ${range.minMs}-${range.maxMs}: ${problem}`;
  }
  if (!(options.capMs > 0)) return 'the cap must be positive';
  return null;
}

const SPLIT_VOTES_OPTIONS = optionsOf<SplitVotesOptions>('SplitVotesOptions', {
  nodeCount: optional(integer(3, MAX_NODES)),
  failures: optional(arrayOf(integer(1, MAX_NODES))),
  latencies: optional(arrayOf(shaped('a LatencyRange { minMs, maxMs }', { minMs: number({ min: 0 }), maxMs: number({ min: 0 }) }))),
  range: optional(shaped('a TimeoutRange { minMs, maxMs }', { minMs: number(), maxMs: number() })),
  trials: optional(integer(1)),
  seed: optional(SEED),
  tickMs: optional(DURATION_MS),
  capMs: optional(DURATION_MS),
  checkers: optional(func),
  onTrialDone: optional(func),
  shouldStop: optional(func),
});

export function runSplitVotes(given: Partial<SplitVotesOptions> = {}): SplitVotesResult {
  return runToEnd(splitVotesTrialByTrial(given));
}

/** The experiment a trial at a time, as electionTimingTrialByTrial: it yields the trials done so far. */
export function* splitVotesTrialByTrial(given: Partial<SplitVotesOptions> = {}): Generator<number, SplitVotesResult, void> {
  checkArguments('runSplitVotes', ['options', given, SPLIT_VOTES_OPTIONS]);
  const options: SplitVotesOptions = withDefaults({ ...DEFAULT_SPLIT_VOTES_OPTIONS, checkers: createAllCheckers }, given);
  const problem = splitVotesProblem(options);
  if (problem !== null) throw new RangeError(`runSplitVotes: invalid options: ${problem}`);
  const total = options.failures.length * options.latencies.length * options.trials;
  const cases: SplitVotesCase[] = [];
  let done = 0;
  let events = 0;
  let stoppedEarly = false;
  const violations: SplitVotesResult['violations'][number][] = [];
  for (const failures of options.failures) {
    for (const latency of options.latencies) {
      // Each case draws from a stream of its own, so adding or removing a case changes no other.
      const random = new RandomStream(options.seed, `experiment/split-votes/${options.nodeCount}/${failures}/${latencyLabel(latency)}`);
      const outcomes: TrialTimes[] = [];
      for (let trial = 0; trial < options.trials; trial++) {
        stoppedEarly = options.shouldStop?.() === true;
        if (stoppedEarly) break;
        const seed = random.int(0, 2 ** 31 - 1);
        const outcome = runCrashTrial({
          ...options,
          seed,
          crashPhase: random.next(),
          timeoutMinMs: options.range.minMs,
          timeoutMaxMs: options.range.maxMs,
          heartbeatMs: options.range.minMs / 2,
          latencyMinMs: latency.minMs,
          latencyMaxMs: latency.maxMs,
          diskLatencyMinMs: 0,
          diskLatencyMaxMs: 0,
          until: 'leader',
          unequalLogs: false,
          crashedFollowers: failures - 1,
        });
        if (outcome.violation !== null) violations.push({ failures, latency: latencyLabel(latency), seed, message: outcome.violation });
        events += outcome.events;
        outcomes.push(outcome);
        done++;
        options.onTrialDone?.(done, total);
        yield done;
      }
      if (outcomes.length > 0) cases.push(summarizeCase(options, failures, latency, outcomes));
      if (stoppedEarly) break;
    }
    if (stoppedEarly) break;
  }
  const { checkers: _checkers, onTrialDone: _onTrialDone, shouldStop: _shouldStop, ...settings } = options;
  return { options: settings, cases, violations, events, stoppedEarly };
}

function summarizeCase(
  options: SplitVotesOptions,
  failures: number,
  latency: LatencyRange,
  outcomes: readonly TrialTimes[],
): SplitVotesCase {
  const available = options.nodeCount - failures;
  const widthMs = options.range.maxMs - options.range.minMs;
  const latencyFraction = [latency.minMs / widthMs, latency.maxMs / widthMs] as const;
  const elected = outcomes.filter((outcome) => outcome.timeMs !== null);
  const splitVoteRate = outcomes.filter((outcome) => outcome.splitVotes > 0).length / outcomes.length;
  const fixed = latency.minMs === latency.maxMs;
  return {
    nodeCount: options.nodeCount,
    failures,
    available,
    latency,
    latencyLabel: latencyLabel(latency),
    latencyFraction,
    trials: outcomes.length,
    capped: outcomes.length - elected.length,
    splitVoteRate,
    predictedSplitVoteRate: fixed ? predictedSplitVoteRate(options.nodeCount, available, latencyFraction[0]) : null,
    published: publishedSplitVoteRate(options.nodeCount, available, latencyFraction),
    meanElectionTerms: outcomes.reduce((sum, outcome) => sum + outcome.electionTerms, 0) / outcomes.length,
    predictedElectionTerms: splitVoteRate < 1 ? 1 / (1 - splitVoteRate) : null,
    meanMs: elected.length === outcomes.length ? elected.reduce((sum, outcome) => sum + outcome.timeMs!, 0) / elected.length : null,
    predictedMeanMs: predictedElectionMs(splitVoteRate, available, options.range.minMs, widthMs, (latency.minMs + latency.maxMs) / 2),
  };
}
