import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario, scenarioForSeed } from '../scenarios/index.js';
import type { RunStats } from '../sim/index.js';

describe('the reference core under random faults', () => {
  it('holds every checker and converges after the faults, over 250 seeds, each with its own swarm configuration and fault schedule', () => {
    const totals = { crashes: 0, faults: 0, dropped: 0, leaderChanges: 0, committed: 0, runs: 0 };
    const add = (stats: RunStats) => {
      totals.crashes += stats.crashes;
      totals.faults += stats.faultsApplied;
      totals.dropped += stats.messagesDropped;
      totals.leaderChanges += stats.leaderChanges;
      totals.committed += stats.commandsCommitted;
      totals.runs++;
    };
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const outcome = runScenario(scenarioForSeed(seed, { nodeCount: null, durationMs: 8_000, faults: 'swarm' }), { trace: 'hash' });
        add(outcome.run.stats);
        expect(outcome.failures, `seed ${seed}: ${outcome.failures[0]?.message}`).toEqual([]);
        expect(outcome.run.outcome).toBe('completed');
      }),
      { numRuns: 250 },
    );
    // The property only means something if the runs were hostile and still made progress.
    expect(totals.runs).toBeGreaterThanOrEqual(250);
    expect(totals.crashes / totals.runs).toBeGreaterThan(1);
    expect(totals.faults / totals.runs).toBeGreaterThan(5);
    expect(totals.dropped).toBeGreaterThan(0);
    expect(totals.leaderChanges / totals.runs).toBeGreaterThan(2);
    expect(totals.committed / totals.runs).toBeGreaterThan(20);
  });
});
