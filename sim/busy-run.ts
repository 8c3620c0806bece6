/**
 * For tests: the options of a busy run (a heavy workload, a lossy and reordering network, crashing
 * leaders), where a trace grows fast and the statistics have leader failures and latencies to measure.
 */
import type { RaftImplementation } from '../core/contract.js';
import type { SimulationOptionsInput } from './options.js';

export function busyRunOptions(implementation: RaftImplementation, seed: number, nodeCount: number, durationMs: number, trace: SimulationOptionsInput['trace']): SimulationOptionsInput {
  return {
    implementation,
    seed,
    nodeCount,
    durationMs,
    trace,
    workload: { requestsPerSecond: 50, readsPerSecond: 0 },
    network: { latencyMinMs: 1, latencyMaxMs: 60, lossRate: 0.05, duplicateRate: 0.05, reorderRate: 0.05 },
    leaderCrashes: { probability: 0.5, afterMinMs: 0, afterMaxMs: 100, downMinMs: 20, downMaxMs: 400 },
  };
}
