import { describe, expect, it } from 'vitest';
import { DEFAULT_ELECTION_TIMING_OPTIONS, electionTimingProblem, PAPER_RANGES } from './experiments/election-timing.js';
import { namedScenarios } from './library/index.js';
import type { Scenario } from './scenario.js';
import { DEFAULT_CLUSTER, DEFAULT_NETWORK_SPEC } from './scenario.js';
import { scenarioForSeed } from './swarm.js';
import { scenarioTiming, scenarioTimingProblem, swarmTiming, swarmTimingProblem, timingProblems } from './timing-requirement.js';

const timing = (heartbeatMs: number, electionTimeoutMinMs: number, latencyMaxMs: number, tickMs = 10) => ({ heartbeatMs, electionTimeoutMinMs, latencyMaxMs, tickMs });

describe("Raft's timing requirement: heartbeat and latency below the shortest election timeout", () => {
  it('holds for the defaults: 50 ms heartbeats, 150–300 ms timeouts, 10–15 ms latency', () => {
    const defaults: Scenario = { ...scenarioForSeed(1, { nodeCount: 5, durationMs: 1_000, faults: 'none' }), cluster: DEFAULT_CLUSTER, network: DEFAULT_NETWORK_SPEC };
    expect(scenarioTimingProblem(defaults)).toBeNull();
  });

  it('a heartbeat as long as the shortest timeout or longer breaks it, one tick shorter does not', () => {
    expect(timingProblems(timing(500, 100, 15))).toEqual([expect.stringMatching(/heartbeat interval \(500 ms\) is not below the minimum election timeout \(100 ms\)/)]);
    expect(timingProblems(timing(100, 100, 15))).toHaveLength(1);
    expect(timingProblems(timing(90, 100, 15))).toEqual([]);
    // Timers count whole ticks: a 96 ms heartbeat is 10 ticks of 10 ms, as long as a 100 ms timeout.
    expect(timingProblems(timing(96, 100, 15))).toHaveLength(1);
  });

  it('a message that can take as long as the shortest timeout breaks it; a round trip that can (but one way cannot) does not', () => {
    expect(timingProblems(timing(75, 150, 900, 1))).toEqual([expect.stringMatching(/a message takes up to 900 ms one way, not less than the minimum election timeout \(150 ms\)/)]);
    expect(timingProblems(timing(75, 150, 150, 1))).toHaveLength(1);
    expect(timingProblems(timing(75, 150, 149, 1))).toEqual([]);
    expect(timingProblems(timing(500, 100, 900))).toHaveLength(2);
  });

  it('holds for every named scenario', () => {
    for (const scenario of namedScenarios()) expect(scenarioTimingProblem(scenario), scenario.name).toBeNull();
  });

  it('holds for every seed a default exploration runs, each inside the envelope exploration warns of', () => {
    for (const faults of ['swarm', 'none'] as const) {
      const envelope = swarmTiming(faults, {});
      expect(swarmTimingProblem(faults, {}), faults).toBeNull();
      for (let seed = 1; seed <= (faults === 'swarm' ? 2_000 : 50); seed++) {
        const drawn = scenarioTiming(scenarioForSeed(seed, { nodeCount: null, durationMs: 10_000, faults }));
        expect(drawn.heartbeatMs, `seed ${seed}`).toBeLessThanOrEqual(envelope.heartbeatMs);
        expect(drawn.latencyMaxMs, `seed ${seed}`).toBeLessThanOrEqual(envelope.latencyMaxMs);
        expect(drawn.electionTimeoutMinMs, `seed ${seed}`).toBeGreaterThanOrEqual(envelope.electionTimeoutMinMs);
        expect(drawn.tickMs, `seed ${seed}`).toBe(envelope.tickMs);
      }
    }
  });

  it('exploration under policies warns where some seeds break it, whichever seeds it runs', () => {
    expect(swarmTimingProblem('swarm', { heartbeatMs: 500, electionTimeoutMs: [100, 200] })).toMatch(/heartbeat interval \(500 ms\)/);
    // Timeouts from 60 ms: the swarm's wide latency (up to 60 ms) breaks it, the calm 10–15 ms does not.
    expect(swarmTimingProblem('swarm', { electionTimeoutMs: [60, 120] })).toMatch(/up to 60 ms one way/);
    expect(swarmTimingProblem('none', { electionTimeoutMs: [60, 120] })).toBeNull();
    expect(swarmTimingProblem('swarm', { heartbeatMs: 99 })).toMatch(/heartbeat interval \(100 ms\)/);
  });
});

describe('the election-timing experiment refuses what breaks the requirement', () => {
  const options = (latencyMinMs: number, latencyMaxMs: number, ranges = PAPER_RANGES) => ({ ...DEFAULT_ELECTION_TIMING_OPTIONS, latencyMinMs, latencyMaxMs, ranges });

  it('accepts the paper’s ranges at its latency and at the 5–10 ms the README compares', () => {
    expect(electionTimingProblem(options(2, 4))).toBeNull();
    expect(electionTimingProblem(options(5, 10))).toBeNull();
  });

  it('refuses a latency longer than the shortest timeout, naming the range, the latency and the requirement', () => {
    expect(electionTimingProblem(options(500, 900, [{ minMs: 150, maxMs: 300 }]))).toBe(
      "range 150-300 with latency 500-900 ms: Raft's timing requirement (broadcast time ≪ election timeout, §5.6) is not met: " +
        'a message takes up to 900 ms one way, not less than the minimum election timeout (150 ms), so votes and heartbeats arrive after the timers they should stop',
    );
    expect(electionTimingProblem(options(2, 12, PAPER_RANGES))).toMatch(/^range 12-24 with latency 2-12 ms: /);
  });
});
