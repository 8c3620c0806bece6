import { describe, expect, it } from 'vitest';
import { explore, exploreSeedBySeed } from './explore.js';

const SMALL = { fromSeed: 1, seeds: 6, durationMs: 2000, determinismEvery: 0 } as const;

describe('exploring one seed at a time', () => {
  it('yields after every seed and returns what explore returns', () => {
    const steps = exploreSeedBySeed(SMALL);
    const progress: number[] = [];
    let step = steps.next();
    while (step.done !== true) {
      progress.push(step.value.done);
      step = steps.next();
    }
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
    expect(step.value).toEqual(explore(SMALL));
    expect(step.value).toMatchObject({ seeds: 6, stoppedEarly: false });
  });

  it('stops before the next seed once shouldStop says so, and counts only the seeds that ran', () => {
    let asked = 0;
    const result = explore({ ...SMALL, statistics: true, shouldStop: () => ++asked > 3 });
    expect(result).toMatchObject({ seeds: 3, stoppedEarly: true });
    expect(result.passed + result.failed.length).toBe(3);
    expect(result.statistics).toHaveLength(3);
    expect(result.totalEvents).toBe(explore({ ...SMALL, seeds: 3 }).totalEvents);
  });

  it('a stop asked for only after the last seed has run is not an early stop', () => {
    let asked = 0;
    expect(explore({ ...SMALL, shouldStop: () => ++asked > 6 })).toMatchObject({ seeds: 6, stoppedEarly: false });
  });
});
