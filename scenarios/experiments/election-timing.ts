/**
 * The Raft paper's election-timing experiment (§9.3, Figure 16): in a cluster of five, the leader
 * crashes at a uniformly random moment of its heartbeat interval, and we time how long the cluster is
 * without a leader. Each trial is a small simulation of its own: no client workload, one crash, and it
 * stops as soon as a new leader is elected or the trial's cap of virtual time runs out.
 *
 * The time measured runs from the crash to the moment a remaining server has the votes of a majority
 * and becomes leader of a later term: the paper's "time to detect and replace a crashed leader". The
 * new leader's first heartbeat reaches the others one network latency after that.
 */
import { arrayOf, checkArguments, func, integer, number, optional, optionsOf, shaped, withDefaults } from '../../core/argument-checks.js';
import { referenceImplementation } from '../../core/node.js';
import type { PersistentState } from '../../core/types.js';
import { createAllCheckers, MAX_NODES, RandomStream, Simulation, simulationOptions } from '../../sim/index.js';
import { DURATION_MS, SEED } from '../argument-rules.js';
import type { Checker } from '../../sim/index.js';
import { currentLeader } from '../observations.js';
import { describeTimingProblems, timingProblems } from '../timing-requirement.js';
import { summarizeTrials } from './election-timing-summary.js';
import type { ElectionTimingSummary } from './election-timing-summary.js';

/** An election timeout range: each timeout is drawn uniformly from [minMs, maxMs]. */
export interface TimeoutRange {
  readonly minMs: number;
  readonly maxMs: number;
}

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
  // The paper's cluster had a broadcast time (a round of RPCs to every server and back) of about
  // 15 ms, but its 287 ms median with 5 ms of randomness shows that a candidate's requests reached the
  // voters in well under 5 ms: most of those 15 ms went on writing votes to disk, which delays answers
  // but not the moment a vote is promised. A one-way latency of 2–4 ms reproduces that; the README
  // compares it with 5–10 ms (round trips of 15 ms on the network alone).
  latencyMinMs: 2,
  latencyMaxMs: 4,
  seed: 1,
  capMs: 30_000,
  tickMs: 1,
};

/** The cluster needs this long at most to elect its first leader before a trial's crash. */
const SETUP_LIMIT_MS = 60_000;
/** Heartbeat intervals a new leader leads before it is crashed, so every follower has heard from it. */
const SETTLE_HEARTBEATS = 3;

export interface TrialOutcome {
  readonly seed: number;
  /** Where in the leader's heartbeat interval the crash came, as a fraction of the interval. */
  readonly crashPhase: number;
  /** Crash to new leader, in ms; null when the trial reached its cap first. */
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
  checkers: optional(func),
  onTrialDone: optional(func),
  shouldStop: optional(func),
});

/**
 * Runs the experiment. Options left out are DEFAULT_ELECTION_TIMING_OPTIONS (the paper's ranges, 1,000
 * trials each), every trial watched by every checker; options that cannot run are a RangeError.
 */
export function runElectionTiming(given: Partial<ElectionTimingOptions> = {}): ElectionTimingResult {
  const trials = electionTimingTrialByTrial(given);
  let step = trials.next();
  while (step.done !== true) step = trials.next();
  return step.value;
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
      const outcome = runTrial(range, seed, crashPhase, options);
      events += outcome.events;
      virtualMs += outcome.virtualMs;
      trials.push(outcome.trial);
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

/**
 * Node 1 starts with term 1 on its disk, so that its first candidacy is for a later term than anyone
 * else's and it wins the first election. Without it, nodes that start together with no randomness in
 * their timeouts split the vote forever before there is a leader to crash.
 */
const FIRST_LEADER_STATE: PersistentState = { hardState: { term: 1, votedFor: null }, log: [] };

function runTrial(
  range: TimeoutRange,
  seed: number,
  crashPhase: number,
  options: ElectionTimingOptions,
): { trial: TrialOutcome; events: number; virtualMs: number } {
  const heartbeatMs = heartbeatFor(range);
  const simulation = new Simulation(
    simulationOptions({
      // The paper's experiment measures the reference node, as the paper measured its own Raft.
      implementation: referenceImplementation,
      seed,
      nodeCount: options.nodeCount,
      durationMs: SETUP_LIMIT_MS + options.capMs + heartbeatMs * (SETTLE_HEARTBEATS + 1),
      tickMs: options.tickMs,
      electionTimeoutMinMs: range.minMs,
      electionTimeoutMaxMs: range.maxMs,
      heartbeatMs,
      network: { latencyMinMs: options.latencyMinMs, latencyMaxMs: options.latencyMaxMs, lossRate: 0, duplicateRate: 0, reorderRate: 0 },
      workload: { requestsPerSecond: 0 },
      nodeOverrides: { 1: { persisted: FIRST_LEADER_STATE } },
      trace: 'hash',
    }),
    options.checkers(),
  );
  const nowMs = () => simulation.virtualTimeUs / 1000;
  const runUntil = (untilMs: number, done: () => boolean): boolean => {
    while (!done()) {
      if (simulation.nextEventTimeUs() > untilMs * 1000 || !simulation.step()) return done();
    }
    return true;
  };
  const finish = (timeMs: number | null, electionTerms: number, splitVotes: number) => {
    const result = simulation.result();
    const violation = result.violations[0];
    return {
      trial: { seed, crashPhase, timeMs, electionTerms, splitVotes, violation: violation === undefined ? null : `${violation.checker}: ${violation.message}` },
      events: result.events,
      virtualMs: result.virtualMs,
    };
  };

  // A leader, in place for a few heartbeat intervals with every node in its term.
  let leader: number | null = null;
  let leaderTerm = 0;
  const settled = () => {
    if (leader === null) return false;
    const node = simulation.cluster.node(leader);
    return node.role === 'leader' && node.term === leaderTerm && simulation.cluster.nodes.every((other) => other.term === leaderTerm);
  };
  while (true) {
    if (!runUntil(SETUP_LIMIT_MS, () => currentLeader(simulation.cluster) !== null)) return finish(null, 0, 0);
    leader = currentLeader(simulation.cluster)!;
    leaderTerm = simulation.cluster.node(leader).term;
    runUntil(nowMs() + SETTLE_HEARTBEATS * heartbeatMs, () => simulation.isOver);
    if (settled()) break;
    if (simulation.isOver || nowMs() > SETUP_LIMIT_MS) return finish(null, 0, 0);
  }

  const crashAtMs = nowMs() + crashPhase * heartbeatMs;
  simulation.scheduleAction(crashAtMs * 1000, { type: 'crash', nodes: leader });
  runUntil(crashAtMs, () => false);
  // Step past the crash itself, which is the next event at its time.
  runUntil(crashAtMs, () => !simulation.cluster.node(leader!).up);
  const crashedAtMs = nowMs();
  let newLeader: number | null = null;
  const elected = runUntil(crashedAtMs + options.capMs, () => {
    for (const node of simulation.cluster.nodes) {
      if (node.up && node.role === 'leader' && node.term > leaderTerm) {
        newLeader = node.id;
        return true;
      }
    }
    return simulation.isOver;
  });
  const highestTerm = Math.max(...simulation.cluster.nodes.map((node) => node.term));
  if (!elected || newLeader === null) return finish(null, highestTerm - leaderTerm, highestTerm - leaderTerm);
  const newTerm = simulation.cluster.node(newLeader).term;
  return finish(nowMs() - crashedAtMs, newTerm - leaderTerm, newTerm - leaderTerm - 1);
}
