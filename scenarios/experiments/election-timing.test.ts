import { describe, expect, it } from 'vitest';
import { createAllCheckers } from '../../sim/index.js';
import { DEFAULT_ELECTION_TIMING_OPTIONS, electionTimingProblem, electionTimingTrialByTrial, runElectionTiming } from './election-timing.js';
import { summarizeTrials } from './election-timing-summary.js';

const small = {
  ...DEFAULT_ELECTION_TIMING_OPTIONS,
  ranges: [
    { minMs: 150, maxMs: 150 },
    { minMs: 150, maxMs: 200 },
    { minMs: 150, maxMs: 300 },
  ],
  trials: 30,
  capMs: 3_000,
  checkers: createAllCheckers,
};

describe('the election-timing experiment (Raft paper, Figure 16)', () => {
  const result = runElectionTiming(small);
  const [none, fifty, wide] = result.ranges.map((outcome) => outcome.summary);

  it('gives plausible times: a new leader in 150–600 ms at 150–200 ms, never sooner than the timeout less a heartbeat', () => {
    expect(fifty!.capped).toBe(0);
    expect(fifty!.medianMs!).toBeGreaterThan(75);
    expect(fifty!.medianMs!).toBeLessThan(600);
    // The crash comes at most one heartbeat (75 ms) after the followers last heard from the leader.
    expect(fifty!.minMs!).toBeGreaterThanOrEqual(75);
    expect(wide!.maxMs!).toBeLessThan(1_000);
  });

  it('splits the vote far more often without randomness, and caps the trials that never elect', () => {
    expect(none!.splitVoteRate).toBeGreaterThan(wide!.splitVoteRate);
    expect(none!.splitVoteRate).toBeGreaterThan(0.5);
    expect(none!.capped).toBeGreaterThan(0);
    expect(none!.medianMs).toBeNull();
    // Every term begun after the crash of a capped trial ended without a leader.
    const capped = result.ranges[0]!.trials.filter((trial) => trial.timeMs === null);
    for (const trial of capped) expect(trial.splitVotes).toBe(trial.electionTerms);
  });

  it('keeps every safety property in every trial', () => {
    for (const outcome of result.ranges) for (const trial of outcome.trials) expect(trial.violation).toBeNull();
  });

  it('is a function of its seed: the same seed gives the same numbers, another seed others', () => {
    const again = runElectionTiming({ ...small, ranges: small.ranges.slice(1, 2) });
    expect(again.ranges[0]!.trials).toEqual(result.ranges[1]!.trials);
    const other = runElectionTiming({ ...small, ranges: small.ranges.slice(1, 2), seed: 2 });
    expect(other.ranges[0]!.summary.sortedMs).not.toEqual(fifty!.sortedMs);
  });

  it('stops the clock where asked: the others hear the new leader one latency or more after it is elected', () => {
    const fixed = { ...small, ranges: [{ minMs: 150, maxMs: 200 }], trials: 8, latencyMinMs: 3, latencyMaxMs: 3 };
    const atLeader = runElectionTiming({ ...fixed, until: 'leader' }).ranges[0]!.trials;
    const atHeartbeat = runElectionTiming({ ...fixed, until: 'heartbeat-received' }).ranges[0]!.trials;
    atLeader.forEach((trial, index) => {
      expect(atHeartbeat[index]!.electionTerms).toBe(trial.electionTerms);
      expect(atHeartbeat[index]!.timeMs! - trial.timeMs!).toBeGreaterThanOrEqual(3 - 1e-9);
    });
  });

  it('with unequal logs, elections are lost by survivors without the last entry: more terms than with equal logs', () => {
    const wide = { ...small, ranges: [{ minMs: 150, maxMs: 300 }], trials: 40, until: 'leader' as const };
    const equal = runElectionTiming({ ...wide, logs: 'equal' }).ranges[0]!.summary;
    const unequal = runElectionTiming({ ...wide, logs: 'unequal' }).ranges[0]!.summary;
    expect(unequal.meanElectionTerms).toBeGreaterThan(equal.meanElectionTerms);
    expect(unequal.capped).toBe(0);
  });

  it('a disk that takes time delays every election, and a finer tick is taken', () => {
    const one = { ...small, ranges: [{ minMs: 150, maxMs: 200 }], trials: 8 };
    const withoutDisk = runElectionTiming(one).ranges[0]!.summary;
    const withDisk = runElectionTiming({ ...one, diskLatencyMinMs: 10, diskLatencyMaxMs: 10 }).ranges[0]!.summary;
    expect(withDisk.minMs!).toBeGreaterThan(withoutDisk.minMs!);
    const fine = runElectionTiming({ ...one, tickMs: 0.5 });
    expect(fine.options.tickMs).toBe(0.5);
    expect(fine.ranges[0]!.summary.capped).toBe(0);
  });

  it('refuses ranges it cannot run', () => {
    expect(electionTimingProblem({ ...small, ranges: [{ minMs: 200, maxMs: 150 }] })).toMatch(/range 200-150/);
    expect(electionTimingProblem({ ...small, ranges: [{ minMs: 1, maxMs: 2 }] })).toMatch(/two ticks/);
    expect(electionTimingProblem({ ...small, nodeCount: 2 })).toMatch(/nodes/);
    expect(electionTimingProblem({ ...small, diskLatencyMinMs: 5, diskLatencyMaxMs: 1 })).toMatch(/^disk-latency/);
    expect(electionTimingProblem({ ...small, tickMs: 0 })).toMatch(/^tick/);
    expect(electionTimingProblem({ ...small, until: 'vote' as never })).toMatch(/^until/);
    expect(electionTimingProblem({ ...small, logs: 'odd' as never })).toMatch(/^logs/);
  });
});

describe('summarizing trials', () => {
  it('takes nearest-rank percentiles, and those that fall on capped trials are unknown', () => {
    const trials = [10, 20, 30, null].map((timeMs) => ({ timeMs, splitVotes: timeMs === null ? 3 : 0, electionTerms: timeMs === null ? 3 : 1 }));
    const summary = summarizeTrials(trials, 1000);
    expect(summary).toMatchObject({ trials: 4, capped: 1, medianMs: 20, p90Ms: null, maxMs: null, minMs: 10, meanMs: null, splitVoteRate: 0.25, meanElectionTerms: 1.5 });
    expect(summarizeTrials(trials.slice(0, 3), 1000)).toMatchObject({ medianMs: 20, maxMs: 30, meanMs: 20 });
  });
});

describe('the election-timing experiment, stopped early', () => {
  it('keeps the trials that ran, leaves out the ranges it never reached, and says it stopped early', () => {
    const options = { ...small, trials: 4 };
    let asked = 0;
    const stopped = runElectionTiming({ ...options, shouldStop: () => ++asked > 6 });
    expect(stopped.stoppedEarly).toBe(true);
    expect(stopped.ranges.map((outcome) => outcome.trials.length)).toEqual([4, 2]);
    const whole = runElectionTiming(options);
    expect(whole.stoppedEarly).toBe(false);
    expect(stopped.ranges[1]!.trials).toEqual(whole.ranges[1]!.trials.slice(0, 2));
    expect(stopped.ranges[1]!.summary.trials).toBe(2);
  });

  it('a trial at a time, it yields the number of trials done after each, and returns what runElectionTiming returns', () => {
    const options = { ...small, trials: 2 };
    const trials = electionTimingTrialByTrial(options);
    const done: number[] = [];
    let step = trials.next();
    while (step.done !== true) {
      done.push(step.value);
      step = trials.next();
    }
    expect(done).toEqual([1, 2, 3, 4, 5, 6]);
    expect(step.value).toEqual(runElectionTiming(options));
  });
});
