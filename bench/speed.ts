/**
 * The speed benchmark: how many simulated seconds the engine runs per wall-clock second on the
 * reference workload, with every checker on. Medians over several runs after a warm-up, since the
 * machines it runs on are shared and noisy.
 */
import { performance } from 'node:perf_hooks';
import { referenceImplementation } from '../core/index.js';
import { runSimulation, simulationOptions } from '../sim/index.js';
import type { IntegrityLevel } from '../core/integrity.js';
import type { SimulationOptions } from '../sim/index.js';

export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface SpeedReport {
  readonly workload: string;
  readonly runs: number;
  readonly warmupRuns: number;
  readonly eventsPerRun: number;
  readonly simSecondsPerWallSecond: Spread;
  readonly eventsPerSecond: Spread;
  readonly wallMsPerRun: Spread;
}

export const BENCH_WORKLOAD_DESCRIPTION =
  '5 nodes, latency 10–15 ms, election timeout 100–200 ms, heartbeat 50 ms, 20 client requests per virtual second, 60 virtual seconds, no faults, all checkers on';

export function benchWorkload(seed: number, integrity: IntegrityLevel = 'none'): SimulationOptions {
  return simulationOptions({
    integrity,
    implementation: referenceImplementation,
    seed,
    nodeCount: 5,
    durationMs: 60_000,
    tickMs: 10,
    electionTimeoutMinMs: 100,
    electionTimeoutMaxMs: 200,
    heartbeatMs: 50,
    network: { latencyMinMs: 10, latencyMaxMs: 15 },
    workload: { requestsPerSecond: 20 },
    faults: [],
    trace: 'full',
  });
}

/** `integrity`: the cost of checksums (and MACs) on every message and disk record, against the plain figure. */
export function measureSpeed(runs = 9, warmupRuns = 3, integrity: IntegrityLevel = 'none'): SpeedReport {
  for (let index = 0; index < warmupRuns; index++) runSimulation(benchWorkload(1000 + index, integrity));
  const simRates: number[] = [];
  const eventRates: number[] = [];
  const wallMs: number[] = [];
  let events = 0;
  for (let index = 0; index < runs; index++) {
    const options = benchWorkload(index + 1, integrity);
    const started = performance.now();
    const result = runSimulation(options);
    const elapsedMs = performance.now() - started;
    if (result.violations.length > 0) throw new Error(`the benchmark workload failed a check: ${result.violations[0]!.message}`);
    events = result.events;
    wallMs.push(elapsedMs);
    simRates.push(result.virtualMs / elapsedMs);
    eventRates.push((result.events / elapsedMs) * 1000);
  }
  return {
    workload: BENCH_WORKLOAD_DESCRIPTION,
    runs,
    warmupRuns,
    eventsPerRun: events,
    simSecondsPerWallSecond: spread(simRates),
    eventsPerSecond: spread(eventRates),
    wallMsPerRun: spread(wallMs),
  };
}

export function spread(values: readonly number[]): Spread {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median: round(median), min: round(sorted[0]!), max: round(sorted[sorted.length - 1]!) };
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
