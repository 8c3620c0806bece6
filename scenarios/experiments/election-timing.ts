/**
 * The Raft paper's election-timing experiment (§9.3, Figure 16): in a cluster of five, the leader
 * crashes at a uniformly random moment of its heartbeat interval, and we time how long the cluster is
 * without a leader. Each trial is a small simulation of its own: no client workload, one crash, and it
 * stops as soon as a new leader is elected or the trial's cap of virtual time runs out.
 *
 * The time measured runs from the crash either to the moment the other servers have received the new
 * leader's first heartbeat (the end point of the dissertation's §9.4, where the benchmark is described
 * in full) or to the moment a remaining server has the votes of a majority and becomes leader.
 */
import { arrayOf, checkArguments, func, integer, number, oneOf, optional, optionsOf, shaped, withDefaults } from '../../core/argument-checks.js';
import { createAllCheckers, MAX_NODES, RandomStream } from '../../sim/index.js';
import { DURATION_MS, SEED } from '../argument-rules.js';
import type { Checker } from '../../sim/index.js';
import { describeTimingProblems, timingProblems } from '../timing-requirement.js';
import { runToEnd } from '../run-to-end.js';
import { runCrashTrial } from './crash-trial.js';
import { summarizeTrials } from './election-timing-summary.js';
import type { ElectionTimingSummary } from './election-timing-summary.js';

/** An election timeout range: each timeout is drawn uniformly from [minMs, maxMs]. */
export interface TimeoutRange {
  readonly minMs: number;
  readonly maxMs: number;
}

/** Where a trial's clock stops: at the new leader, or when every other server has heard from it. */
export type ElectionEndPoint = 'leader' | 'heartbeat-received';
export const ELECTION_END_POINTS: readonly ElectionEndPoint[] = ['leader', 'heartbeat-received'];

/**
 * The survivors' logs at the crash: all alike, or, as in the paper's benchmark, unequal, so that some
 * of them cannot win an election.
 */
export type SurvivorLogs = 'equal' | 'unequal';
export const SURVIVOR_LOGS: readonly SurvivorLogs[] = ['equal', 'unequal'];

export interface ElectionTimingOptions {
  readonly ranges: readonly TimeoutRange[];
  readonly trials: number;
  readonly nodeCount: number;
  /** One-way message latency, drawn uniformly from [min, max] for each message. */
  readonly latencyMinMs: number;
  readonly latencyMaxMs: number;
  readonly seed: number;
  /** A trial with no new leader this long after the crash stops there and is reported as capped. */
  readonly capMs: number;
  /** The nodes' tick: the resolution of their timers. */
  readonly tickMs: number;
  readonly until: ElectionEndPoint;
  readonly logs: SurvivorLogs;
  /** Each durable write (a vote, a term, log entries) takes a time drawn uniformly from [min, max]. */
  readonly diskLatencyMinMs: number;
  readonly diskLatencyMaxMs: number;
  /** Which checkers watch each trial; the safety of elections is what matters here. */
  readonly checkers: () => Checker[];
  /** Called after every trial, for progress bars. */
  readonly onTrialDone?: (done: number, total: number) => void;
  /** Asked before every trial; true ends the experiment there, with the trials run so far. */
  readonly shouldStop?: () => boolean;
}

/** The paper's ranges: the top graph varies the randomness, the bottom one scales the timeout. */
export const PAPER_RANGES: readonly TimeoutRange[] = [
  { minMs: 150, maxMs: 150 },
  { minMs: 150, maxMs: 151 },
  { minMs: 150, maxMs: 155 },
  { minMs: 150, maxMs: 175 },
  { minMs: 150, maxMs: 200 },
  { minMs: 150, maxMs: 300 },
  { minMs: 12, maxMs: 24 },
  { minMs: 25, maxMs: 50 },
  { minMs: 50, maxMs: 100 },
  { minMs: 100, maxMs: 200 },
];

export const DEFAULT_ELECTION_TIMING_OPTIONS: Omit<ElectionTimingOptions, 'checkers'> = {
  ranges: PAPER_RANGES,
  trials: 1000,
  nodeCount: 5,
  // The paper gives one figure for the cluster: a broadcast time (network round trip plus disk write)
  // of about 15 ms, without saying how it divides. Taken as a network round trip, it is a one-way
  // latency of 7.5 ms; the README measures how the figures move with other latencies and with a disk.
  latencyMinMs: 7.5,
  latencyMaxMs: 7.5,
  seed: 1,
  capMs: 30_000,
  // The paper's servers kept time with the operating system's clock, far finer than this; a finer tick
  // multiplies the events of every trial (the README measures what it changes).
  tickMs: 1,
  until: 'heartbeat-received',
  logs: 'unequal',
  diskLatencyMinMs: 0,
  diskLatencyMaxMs: 0,
};


export interface TrialOutcome {
  readonly seed: number;
  /** Where in the leader's heartbeat interval the crash came, as a fraction of the interval. */
  readonly crashPhase: number;
  /** Crash to the end point, in ms; null when the trial reached its cap first. */
  readonly timeMs: number | null;
  /** Terms begun after the crash (the one that elected the new leader included). */
  readonly electionTerms: number;
  /** Terms begun after the crash that ended without a leader. */
  readonly splitVotes: number;
  /** A safety checker's complaint, if any; a trial should never have one. */
  readonly violation: string | null;
}

export interface RangeOutcome {
  readonly range: TimeoutRange;
  readonly heartbeatMs: number;
  readonly trials: readonly TrialOutcome[];
  readonly summary: ElectionTimingSummary;
}

export interface ElectionTimingResult {
  readonly options: Omit<ElectionTimingOptions, 'checkers' | 'onTrialDone' | 'shouldStop'>;
  /** Each range's trials; after an early stop, only those that ran, and no range none of whose trials ran. */
  readonly ranges: readonly RangeOutcome[];
  readonly events: number;
  readonly virtualMs: number;
  /** Whether `shouldStop` ended the experiment before every trial had run. */
  readonly stoppedEarly: boolean;
}

export function rangeLabel(range: TimeoutRange): string {
  return `${range.minMs}-${range.maxMs}`;
}

/** What is wrong with the options, or null. */
export function electionTimingProblem(options: Omit<ElectionTimingOptions, 'checkers'>): string | null {
  if (options.ranges.length === 0) return 'at least one range is needed';
  for (const range of options.ranges) {
    if (!(Number.isFinite(range.minMs) && range.minMs > 0 && range.maxMs >= range.minMs)) return `range ${rangeLabel(range)} must be low-high with 0 < low ≤ high`;
    // The heartbeat is half the minimum timeout, as in the paper, and must be at least one tick.
    if (range.minMs / 2 < options.tickMs) return `range ${rangeLabel(range)}: the minimum timeout must be at least two ticks (${2 * options.tickMs} ms)`;
  }
  if (!(Number.isSafeInteger(options.trials) && options.trials >= 1)) return `trials must be a whole number ≥ 1, got ${options.trials}`;
  if (!(options.latencyMinMs >= 0 && options.latencyMaxMs >= options.latencyMinMs)) return 'latency must be a range low-high of times ≥ 0';
  if (!(options.diskLatencyMinMs >= 0 && options.diskLatencyMaxMs >= options.diskLatencyMinMs)) return 'disk-latency must be a range low-high of times ≥ 0';
  if (!(options.tickMs > 0)) return `tick must be a positive time, got ${options.tickMs}`;
  if (!ELECTION_END_POINTS.includes(options.until)) return `until must be one of ${ELECTION_END_POINTS.join(', ')}, got ${String(options.until)}`;
  if (!SURVIVOR_LOGS.includes(options.logs)) return `logs must be one of ${SURVIVOR_LOGS.join(', ')}, got ${String(options.logs)}`;
  if (!(Number.isSafeInteger(options.nodeCount) && options.nodeCount >= 3)) return `nodes must be at least 3 (one crashes, a majority must remain), got ${options.nodeCount}`;
  if (!(options.capMs > 0)) return 'the cap must be positive';
  // Without a leader in the first place there is no crash to time: every trial would be capped.
  for (const range of options.ranges) {
    const timing = { heartbeatMs: heartbeatFor(range), electionTimeoutMinMs: range.minMs, latencyMaxMs: options.latencyMaxMs, tickMs: options.tickMs };
    const problem = describeTimingProblems(timingProblems(timing));
    if (problem !== null) return `range ${rangeLabel(range)} with latency ${options.latencyMinMs}-${options.latencyMaxMs} ms: ${problem}`;
  }
  return null;
}

const ELECTION_TIMING_OPTIONS = optionsOf<ElectionTimingOptions>('ElectionTimingOptions', {
  ranges: optional(arrayOf(shaped('a TimeoutRange { minMs, maxMs }', { minMs: number(), maxMs: number() }))),
  trials: optional(integer(1)),
  nodeCount: optional(integer(3, MAX_NODES)),
  latencyMinMs: optional(number({ min: 0 })),
  latencyMaxMs: optional(number({ min: 0 })),
  seed: optional(SEED),
  capMs: optional(DURATION_MS),
  tickMs: optional(DURATION_MS),
  until: optional(oneOf(ELECTION_END_POINTS)),
  logs: optional(oneOf(SURVIVOR_LOGS)),
  diskLatencyMinMs: optional(number({ min: 0 })),
  diskLatencyMaxMs: optional(number({ min: 0 })),
  checkers: optional(func),
  onTrialDone: optional(func),
  shouldStop: optional(func),
});

/**
 * Runs the experiment. Options left out are DEFAULT_ELECTION_TIMING_OPTIONS (the paper's ranges, 1,000
 * trials each), every trial watched by every checker; options that cannot run are a RangeError.
 */
export function runElectionTiming(given: Partial<ElectionTimingOptions> = {}): ElectionTimingResult {
  return runToEnd(electionTimingTrialByTrial(given));
}

/**
 * The same experiment a trial at a time: the generator yields the number of trials done after every
 * trial, so that its caller can let other work run in between (an event loop that notices Ctrl-C) and
 * end it early through `shouldStop`. Its return value is the result.
 */
export function* electionTimingTrialByTrial(given: Partial<ElectionTimingOptions> = {}): Generator<number, ElectionTimingResult, void> {
  checkArguments('runElectionTiming', ['options', given, ELECTION_TIMING_OPTIONS]);
  const options: ElectionTimingOptions = withDefaults({ ...DEFAULT_ELECTION_TIMING_OPTIONS, checkers: createAllCheckers }, given);
  const problem = electionTimingProblem(options);
  if (problem !== null) throw new RangeError(`runElectionTiming: invalid options: ${problem}`);
  const total = options.ranges.length * options.trials;
  let done = 0;
  let events = 0;
  let virtualMs = 0;
  let stoppedEarly = false;
  const ranges: RangeOutcome[] = [];
  for (const range of options.ranges) {
    // Each range draws from a stream of its own, so adding or removing a range changes no other.
    const random = new RandomStream(options.seed, `experiment/election-timing/${rangeLabel(range)}`);
    const trials: TrialOutcome[] = [];
    for (let trial = 0; trial < options.trials; trial++) {
      stoppedEarly = options.shouldStop?.() === true;
      if (stoppedEarly) break;
      const seed = random.int(0, 2 ** 31 - 1);
      const crashPhase = random.next();
      const { events: trialEvents, virtualMs: trialVirtualMs, ...outcome } = runCrashTrial({
        ...options,
        seed,
        crashPhase,
        timeoutMinMs: range.minMs,
        timeoutMaxMs: range.maxMs,
        heartbeatMs: heartbeatFor(range),
        unequalLogs: options.logs === 'unequal',
        crashedFollowers: 0,
      });
      events += trialEvents;
      virtualMs += trialVirtualMs;
      trials.push({ seed, crashPhase, ...outcome });
      // Counted apart from the call: an absent onTrialDone would skip its arguments, and the count with them.
      done++;
      options.onTrialDone?.(done, total);
      yield done;
    }
    if (trials.length > 0) ranges.push({ range, heartbeatMs: heartbeatFor(range), trials, summary: summarizeTrials(trials, options.capMs) });
    if (stoppedEarly) break;
  }
  const { checkers: _checkers, onTrialDone: _onTrialDone, shouldStop: _shouldStop, ...settings } = options;
  return { options: settings, ranges, events, virtualMs, stoppedEarly };
}

/** As in the paper, the heartbeat interval is half the minimum election timeout. */
function heartbeatFor(range: TimeoutRange): number {
  return range.minMs / 2;
}
