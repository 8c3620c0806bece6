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

describe('seeds that once failed', () => {
  it('seed 652 under attacks, integrity authenticated: a replayed heartbeat of an earlier leadership confirms no read of a deposed leader', () => {
    // A term-5 heartbeat replayed to a node of term 9 was answered with its round echoed; the leader of
    // term 9, cut off, took that answer for an acknowledgement of its own rounds and served stale reads.
    const result = explore({ fromSeed: 652, seeds: 1, durationMs: 10_000, attacks: true, policies: { integrity: 'authenticated' } });
    expect(result.failed.map((failure) => failure.kind)).toEqual([]);
    expect(result.passed).toBe(1);
  });
});
