/**
 * Two subsystems given streams of one name would draw the same numbers, in lockstep: their faults would
 * be correlated, though each stream on its own looks right. These tests write down the name of every
 * stream a run and a random fault schedule make, and require one name per subsystem.
 */
import { describe, expect, it, vi } from 'vitest';
import { referenceImplementation } from '../core/index.js';
import { STREAM } from './engine/random-streams.js';
import { randomFaultSchedule } from './faults/random-faults.js';
import { simulationOptions } from './options.js';
import { runSimulation } from './simulation.js';

const made = vi.hoisted(() => [] as string[]);

vi.mock('./engine/random-streams.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./engine/random-streams.js')>();
  class NamedRandomStream extends original.RandomStream {
    constructor(rootSeed: number, name: string) {
      super(rootSeed, name);
      made.push(name);
    }
  }
  return { ...original, RandomStream: NamedRandomStream };
});

describe('the names of the random streams', () => {
  it('a run makes one stream for each subsystem, each under its own name', () => {
    made.length = 0;
    const result = runSimulation(
      simulationOptions({
        implementation: referenceImplementation,
        seed: 4,
        nodeCount: 3,
        durationMs: 1_000,
        disk: { latencyMinMs: 1, latencyMaxMs: 5 },
        leaderCrashes: { probability: 0.5, afterMinMs: 100, afterMaxMs: 200, downMinMs: 100, downMaxMs: 200 },
        faults: [{ atMs: 300, action: { type: 'crash', nodes: 'any-minority' } }],
      }),
    );
    expect(result.stats.faultsApplied).toBeGreaterThan(0);
    const perNode = [1, 2, 3].flatMap((node) => [STREAM.nodeTimer(node), STREAM.nodeClockPhase(node)]);
    // The attacks' stream is made for every run and drawn from only while an attack is in place.
    const expected = [STREAM.network, STREAM.attacks, STREAM.disk, STREAM.leaderCrashes, STREAM.faultPicks, ...perNode];
    expect([...made].sort()).toEqual([...expected].sort());
  });

  it('a random fault schedule draws from the faults stream alone', () => {
    made.length = 0;
    expect(randomFaultSchedule(7, 5, 10_000).length).toBeGreaterThan(0);
    expect(made).toEqual([STREAM.faults]);
  });

  it('the streams of the subsystems have names that differ', () => {
    const names = [STREAM.network, STREAM.faults, STREAM.disk, STREAM.leaderCrashes, STREAM.faultPicks, STREAM.workload, STREAM.attacks, STREAM.alignedTimers(1)];
    const perNode = [1, 2, 3].flatMap((node) => [STREAM.nodeTimer(node), STREAM.nodeClockPhase(node)]);
    expect(new Set([...names, ...perNode]).size).toBe(names.length + perNode.length);
  });
});
