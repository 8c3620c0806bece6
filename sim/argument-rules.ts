/**
 * The rules the simulator's public functions hold their arguments to (core/argument-checks.ts), and
 * the shapes of the values they hand out and take back.
 */
import type { ArgumentRule } from '../core/argument-checks.js';
import { arrayOf, integer, number, shaped, string } from '../core/argument-checks.js';
import { MAX_NODES } from './options.js';

/** Seeds are whole numbers from 0 up, as `--seed` takes them. */
export const SEED: ArgumentRule = integer(0);

export const NODE_COUNT: ArgumentRule = integer(1, MAX_NODES);

export const VIOLATION: ArgumentRule = shaped('a Violation (one of a RunResult’s violations)', {
  checker: string(),
  message: string(),
  seed: SEED,
  atMs: number(),
  nodes: arrayOf(),
});

export const RUN_RESULT: ArgumentRule = shaped('a RunResult (from runSimulation, or the run of a ScenarioRunResult)', {
  seed: SEED,
  traceHash: string(),
  violations: arrayOf(),
  stats: shaped('RunStats', {}),
  options: shaped('SimulationOptions', { nodeCount: NODE_COUNT }),
});

/** What runSimulation needs before anything else is looked at: options completed by simulationOptions. */
export const COMPLETE_SIMULATION_OPTIONS: ArgumentRule = shaped('complete SimulationOptions, as simulationOptions(input) returns them', {
  network: shaped('NetworkOptions', {}),
  disk: shaped('DiskOptions', {}),
  workload: shaped('WorkloadOptions', {}),
  faults: arrayOf(),
  nodeOverrides: shaped('an object of NodeOverrides by node', {}),
  skipCheckers: arrayOf(string()),
});

export const CHECKERS: ArgumentRule = arrayOf(shaped('a Checker { name, …hooks }', { name: string() }), 'an array of Checkers (from createAllCheckers())');
