import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runScenario, scenarioForSeed } from '../scenarios/index.js';
import { raftsim } from './cli-process.js';

describe('determinism', () => {
  it('the same seed gives the same trace hash in two separate processes; different seeds differ', () => {
    const hashOf = (seed: string) => JSON.parse(raftsim(['run', '--seed', seed, '--json']).stdout).traceHash as string;
    const first = hashOf('81723');
    const second = hashOf('81723');
    expect(second).toBe(first);
    expect(hashOf('81724')).not.toBe(first);
  });

  it('runs with snapshots, membership changes and reads give the same trace hash in two separate processes', () => {
    for (const scenario of ['snapshot-catch-up', 'membership-add-under-load', 'lease-read-clock-drift']) {
      const hashOf = () => JSON.parse(raftsim(['run', '--scenario', scenario, '--json']).stdout).traceHash as string;
      expect(hashOf(), scenario).toBe(hashOf());
    }
    const args = ['run', '--seed', '19', '--policy', 'snapshotThreshold=5', '--policy', 'checkQuorum=true', '--policy', 'leaseReads=true', '--json'];
    const first = JSON.parse(raftsim(args).stdout);
    expect(first.stats.snapshots).toBeGreaterThan(0);
    expect(first.stats.readsAnswered).toBeGreaterThan(0);
    expect(JSON.parse(raftsim(args).stdout).traceHash).toBe(first.traceHash);
  });

  it('a full trace and a hash-only trace of one seed have the same hash', () => {
    const scenario = scenarioForSeed(77, { nodeCount: null, durationMs: 5_000, faults: 'swarm' });
    const full = runScenario(scenario, { trace: 'full' }).run;
    const hashOnly = runScenario(scenario, { trace: 'hash' }).run;
    expect(full.trace.length).toBeGreaterThan(1000);
    expect(full.trace.records()).toHaveLength(full.trace.length);
    expect(hashOnly.traceHash).toBe(full.traceHash);
  });

  it('rerunning any seed in one process reproduces its hash and its statistics', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const scenario = scenarioForSeed(seed, { nodeCount: null, durationMs: 3_000, faults: 'swarm' });
        const first = runScenario(scenario, { trace: 'hash' }).run;
        const second = runScenario(scenario, { trace: 'hash' }).run;
        expect(second.traceHash).toBe(first.traceHash);
        expect(second.stats).toEqual(first.stats);
      }),
      { numRuns: 30 },
    );
  });
});
