import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPLORE_OPTIONS } from './explore.js';
import type { SharedRunOptions } from './differential.js';
import { seedMeasuresNamed } from './seed-measures.js';
import type { SweepParameter } from './sweep.js';
import { sweep, sweepPointProblem, sweepPoints, sweepRunByRun, sweepScenario } from './sweep.js';

const SHARED: SharedRunOptions = { ...DEFAULT_EXPLORE_OPTIONS, fromSeed: 11, seeds: 3, nodeCount: 3, durationMs: 2000 };
const LATENCY: SweepParameter = {
  name: 'latency',
  values: [
    { label: '1ms', policies: {}, network: { latencyMs: [1, 1] } },
    { label: '30ms', policies: {}, network: { latencyMs: [30, 30] } },
  ],
};
const PREVOTE: SweepParameter = {
  name: 'preVote',
  values: [
    { label: 'false', policies: { preVote: false }, network: {} },
    { label: 'true', policies: { preVote: true }, network: {} },
  ],
};

describe('sweepPoints', () => {
  it('gives every combination, the first parameter varying slowest', () => {
    const points = sweepPoints([LATENCY, PREVOTE]);
    expect(points.map((point) => point.labels.join(' '))).toEqual(['1ms false', '1ms true', '30ms false', '30ms true']);
    expect(points[3]).toEqual({ labels: ['30ms', 'true'], policies: { preVote: true }, network: { latencyMs: [30, 30] } });
  });

  it('refuses an empty sweep', () => {
    expect(() => sweepPoints([])).toThrow(/at least one parameter/);
    expect(() => sweepPoints([{ name: 'latency', values: [] }])).toThrow(/at least one parameter/);
  });
});

describe('sweepScenario', () => {
  it('lays each setting over the same drawn schedule: only the swept fields differ', () => {
    const [slow, fast] = [sweepPoints([LATENCY])[1]!, sweepPoints([LATENCY])[0]!];
    const a = sweepScenario(12, SHARED, fast);
    const b = sweepScenario(12, SHARED, slow);
    expect(a.timeline).toEqual(b.timeline);
    expect(a.workload).toEqual(b.workload);
    expect(a.network.latencyMs).toEqual([1, 1]);
    expect(b.network.latencyMs).toEqual([30, 30]);
    expect({ ...a.network, latencyMs: null }).toEqual({ ...b.network, latencyMs: null });
  });
});

describe('sweepPointProblem', () => {
  it('refuses a latency the election timeout cannot outlast, naming the requirement', () => {
    const tooSlow = { labels: ['200ms'], policies: {}, network: { latencyMs: [200, 200] as [number, number] } };
    expect(sweepPointProblem(tooSlow, SHARED)).toMatch(/timing requirement/);
    expect(sweepPointProblem(sweepPoints([LATENCY])[1]!, SHARED)).toBeNull();
  });

  it('refuses policies that conflict with the shared ones', () => {
    const point = { labels: ['false'], policies: { checkQuorum: false }, network: {} };
    expect(sweepPointProblem(point, { ...SHARED, policies: { leaseReads: true } })).toMatch(/checkQuorum/);
  });
});

describe('sweep', () => {
  const measures = seedMeasuresNamed(['commitLatencyMs', 'messagesSent']);

  it('measures the setting: 30 ms of latency commits later than 1 ms on the same seeds', () => {
    const result = sweep({ shared: { ...SHARED, faults: 'none' }, parameters: [LATENCY], measures, bootstrap: { resamples: 200, seed: 1, level: 0.95 } });
    expect(result.points.map((point) => point.runs.map((run) => run.seed))).toEqual([
      [11, 12, 13],
      [11, 12, 13],
    ]);
    const [fast, slow] = result.points.map((point) => point.summaries[0]!);
    expect(slow!.mean!).toBeGreaterThan(fast!.mean! + 40);
    for (const summary of [fast!, slow!]) {
      expect(summary.count).toBe(3);
      expect(summary.low!).toBeLessThanOrEqual(summary.mean!);
      expect(summary.high!).toBeGreaterThanOrEqual(summary.mean!);
    }
  });

  it('gives the same result twice: deterministic per seed', () => {
    const options = { shared: SHARED, parameters: [PREVOTE], measures, bootstrap: { resamples: 100, seed: 1, level: 0.95 } };
    expect(sweep(options)).toEqual(sweep(options));
  });

  it('stops when asked, and says it stopped early', () => {
    let asked = 0;
    const steps = sweepRunByRun({ shared: SHARED, parameters: [LATENCY], measures, shouldStop: () => ++asked > 4 });
    let step = steps.next();
    while (step.done !== true) step = steps.next();
    expect(step.value.runs).toBe(4);
    expect(step.value.stoppedEarly).toBe(true);
    expect(step.value.points.map((point) => point.runs.length)).toEqual([3, 1]);
  });
});
