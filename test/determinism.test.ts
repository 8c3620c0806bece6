import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceImplementation } from '../core/index.js';
import { optionsForSeed } from '../scenarios/index.js';
import { runSimulation } from '../sim/index.js';
import { raftsim } from './cli-process.js';

describe('determinism', () => {
  it('the same seed gives the same trace hash in two separate processes; different seeds differ', () => {
    const hashOf = (seed: string) => JSON.parse(raftsim(['run', '--seed', seed, '--json']).stdout).traceHash as string;
    const first = hashOf('81723');
    const second = hashOf('81723');
    expect(second).toBe(first);
    expect(hashOf('81724')).not.toBe(first);
  });

  it('a full trace and a hash-only trace of one seed have the same hash', () => {
    const settings = { nodeCount: null, durationMs: 5_000, implementation: referenceImplementation, faults: 'swarm' as const };
    const full = runSimulation(optionsForSeed(77, { ...settings, trace: 'full' }));
    const hashOnly = runSimulation(optionsForSeed(77, { ...settings, trace: 'hash' }));
    expect(full.trace.length).toBeGreaterThan(1000);
    expect(full.trace.records()).toHaveLength(full.trace.length);
    expect(hashOnly.traceHash).toBe(full.traceHash);
  });

  it('rerunning any seed in one process reproduces its hash and its statistics', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), (seed) => {
        const settings = { nodeCount: null, durationMs: 3_000, implementation: referenceImplementation, faults: 'swarm' as const, trace: 'hash' as const };
        const first = runSimulation(optionsForSeed(seed, settings));
        const second = runSimulation(optionsForSeed(seed, settings));
        expect(second.traceHash).toBe(first.traceHash);
        expect(second.stats).toEqual(first.stats);
      }),
      { numRuns: 30 },
    );
  });
});
