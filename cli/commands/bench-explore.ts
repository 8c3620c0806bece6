/**
 * `raftsim bench --explore` (npm run bench:explore): seeds per second of the default exploration at one
 * worker and at the default number (the cores available), and their ratio. Each figure is the whole
 * exploration's wall time, workers' start and the passing of results included: what a user waits for.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseWholeNumber } from '../arguments.js';
import { exploreIsolated } from '../isolation/isolated-explore.js';
import { parseIsolationLimits } from '../isolation/limit-flags.js';
import { REFERENCE_SOURCE } from '../isolation/protocol.js';
import type { Output } from '../terminal.js';

export interface ExploreBenchReport {
  readonly workload: string;
  readonly seeds: number;
  readonly oneWorker: ExploreBenchRun;
  readonly defaultWorkers: ExploreBenchRun;
  /** Seeds per second at the default over seeds per second at one worker. */
  readonly ratio: number;
  /** Whether both explorations gave the same result, as they must. */
  readonly identical: boolean;
}

export interface ExploreBenchRun {
  readonly workers: number;
  readonly wallMs: number;
  readonly seedsPerSecond: number;
}

export async function benchExploreCommand(args: { readonly json: boolean; readonly seeds: unknown }, output: Output): Promise<number> {
  const seeds = parseWholeNumber('seeds', args.seeds ?? '400', 1, 1_000_000);
  const one = await timedExploration(seeds, 1);
  const many = await timedExploration(seeds, availableParallelism());
  const report: ExploreBenchReport = {
    workload: `raftsim explore --seeds ${seeds}: swarm scenarios of 10 s against the reference core, every checker on`,
    seeds,
    oneWorker: one.run,
    defaultWorkers: many.run,
    ratio: Math.round((many.run.seedsPerSecond / one.run.seedsPerSecond) * 100) / 100,
    identical: one.result === many.result,
  };
  if (args.json) {
    output.out(JSON.stringify(report, null, 2));
  } else {
    output.out(`workload: ${report.workload}`);
    for (const run of [report.oneWorker, report.defaultWorkers]) output.out(`--workers ${run.workers}: ${run.seedsPerSecond} seeds per second (${run.wallMs} ms)`);
    output.out(`ratio: ${report.ratio}× with ${report.defaultWorkers.workers} workers over 1${report.identical ? '' : ' — the results differ, which is a bug'}`);
  }
  return report.identical ? 0 : 1;
}

async function timedExploration(seeds: number, workers: number): Promise<{ readonly run: ExploreBenchRun; readonly result: string }> {
  const started = performance.now();
  const result = await exploreIsolated({
    explore: { fromSeed: 1, seeds },
    implementation: REFERENCE_SOURCE,
    limits: parseIsolationLimits(undefined, undefined, workers),
    workers,
    shouldStop: () => false,
    onSeedDone: () => {},
  });
  const wallMs = Math.round(performance.now() - started);
  return { run: { workers, wallMs, seedsPerSecond: Math.round((seeds / wallMs) * 100_000) / 100 }, result: JSON.stringify(result) };
}
