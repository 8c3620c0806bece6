import { describe, expect, it } from 'vitest';
import { referenceImplementation } from '../core/index.js';
import { busyRunOptions } from './busy-run.js';
import { simulationOptions } from './options.js';
import type { SimulationOptionsInput } from './options.js';
import { runStatistics, RunStatisticsFold } from './run-statistics.js';
import { runSimulation, Simulation } from './simulation.js';

const busy = (trace: SimulationOptionsInput['trace']) => busyRunOptions(referenceImplementation, 7, 5, 30_000, trace);

describe('run statistics gathered as the trace streams', () => {
  it('are those read from the full trace afterwards', () => {
    const full = runSimulation(simulationOptions(busy('full')));
    const fold = new RunStatisticsFold(5);
    const streamed = new Simulation(simulationOptions(busy('stream')), undefined, fold).run();
    const endUs = Math.round(streamed.virtualMs * 1000);
    const expected = runStatistics(full.trace.records(), 5, endUs);
    expect(expected.leaderFailures).toBeGreaterThan(0);
    expect(expected.commitLatenciesMs.length).toBeGreaterThan(100);
    expect(fold.finish(endUs)).toEqual(expected);
  });
});
