/**
 * Parameter sweeps: every combination of the given settings (policies and network weather) run on the
 * same seeds, each seed's scenario drawn once and the setting laid over it, so that two settings are
 * compared on the same fault schedules and workloads (common random numbers) rather than on different
 * luck. Per setting and measure: the mean over seeds with its bootstrap interval, the seed being the
 * unit of resampling (seed-measures.ts).
 */
import type { RaftImplementation } from '../core/contract.js';
import type { MeanInterval } from './bootstrap.js';
import { bootstrapMean, DEFAULT_BOOTSTRAP } from './bootstrap.js';
import type { BootstrapSettings } from './bootstrap.js';
import type { SharedRunOptions } from './differential.js';
import { exploreSeedScenario } from './explore.js';
import type { PolicyOverrides } from './policies.js';
import { applyPolicies, policiesProblem } from './policies.js';
import type { ScenarioFailure } from './run-scenario.js';
import { runScenario, scenarioOptionsProblem } from './run-scenario.js';
import { runToEnd } from './run-to-end.js';
import type { NetworkSpec, Scenario } from './scenario.js';
import type { SeedMeasureDefinition } from './seed-measures.js';
import { seedStatistics } from './seed-statistics.js';
import { describeTimingProblems, scenarioTiming, swarmTiming, timingProblems } from './timing-requirement.js';

/** The network settings a sweep can vary, each a field of a scenario's network. */
export type SweptNetwork = Partial<Pick<NetworkSpec, 'latencyMs' | 'lossRate' | 'duplicateRate' | 'reorderRate'>>;

/** One value of a swept parameter: how it is written, and what it lays over each seed's scenario. */
export interface SweepValue {
  readonly label: string;
  readonly policies: PolicyOverrides;
  readonly network: SweptNetwork;
}

export interface SweepParameter {
  readonly name: string;
  readonly values: readonly SweepValue[];
}

/** One combination: a value of every parameter, in the parameters' order. */
export interface SweepPoint {
  readonly labels: readonly string[];
  readonly policies: PolicyOverrides;
  readonly network: SweptNetwork;
}

export interface SweepOptions {
  /** The seeds and each seed's scenario before the sweep's settings (as a differential run's). */
  readonly shared: SharedRunOptions;
  readonly parameters: readonly SweepParameter[];
  readonly measures: readonly SeedMeasureDefinition[];
  /** Absent: the reference node. */
  readonly implementation?: RaftImplementation;
  readonly bootstrap?: BootstrapSettings;
  /** Asked before each run; true runs no more, and the figures cover the runs done. */
  readonly shouldStop?: () => boolean;
}

/** One seed's run at one point: its measures in the options' order, and its failed checks. */
export interface SweepRun {
  readonly seed: number;
  readonly values: readonly (number | null)[];
  readonly traceHash: string;
  readonly failures: readonly ScenarioFailure[];
}

export interface SweepPointResult {
  readonly point: SweepPoint;
  readonly runs: readonly SweepRun[];
  /** Per measure, in the options' order: the mean over the seeds that have it, with its interval. */
  readonly summaries: readonly MeanInterval[];
}

export interface SweepResult {
  readonly parameters: readonly string[];
  readonly measures: readonly string[];
  readonly points: readonly SweepPointResult[];
  /** Runs done, and whether a stop left some out. */
  readonly runs: number;
  readonly stoppedEarly: boolean;
}

/** Combinations at most: each runs every seed, so a grid past this is a mistake rather than a plan. */
export const MAX_SWEEP_POINTS = 1000;

/** Every combination of the parameters' values, the first parameter varying slowest. */
export function sweepPoints(parameters: readonly SweepParameter[]): SweepPoint[] {
  const count = parameters.reduce((product, parameter) => product * parameter.values.length, 1);
  if (parameters.length === 0 || count === 0) throw new RangeError('sweepPoints: a sweep needs at least one parameter, each with at least one value');
  if (count > MAX_SWEEP_POINTS) throw new RangeError(`sweepPoints: ${count} combinations, more than ${MAX_SWEEP_POINTS}`);
  let points: SweepPoint[] = [{ labels: [], policies: {}, network: {} }];
  for (const parameter of parameters) {
    points = points.flatMap((point) =>
      parameter.values.map((value) => ({
        labels: [...point.labels, value.label],
        policies: { ...point.policies, ...value.policies },
        network: { ...point.network, ...value.network },
      })),
    );
  }
  return points;
}

/** A seed's scenario at a point: the shared draw, then the point's policies and network laid over it. */
export function sweepScenario(seed: number, shared: SharedRunOptions, point: SweepPoint): Scenario {
  const scenario = applyPolicies(exploreSeedScenario(seed, shared), point.policies);
  return { ...scenario, network: { ...scenario.network, ...point.network } };
}

/**
 * Why a point cannot be measured, or null: its policies conflict, its scenario cannot run, or it breaks
 * Raft's timing requirement on some seed it could draw (its figures would show the setting's doing, not
 * the protocol's). Judged on the first seed's scenario and, for swarm scenarios, on the tightest timing
 * the swarm can draw.
 */
export function sweepPointProblem(point: SweepPoint, shared: SharedRunOptions): string | null {
  const conflict = policiesProblem({ ...shared.policies, ...point.policies });
  if (conflict !== null) return conflict;
  const scenario = sweepScenario(shared.fromSeed, shared, point);
  const problem = scenarioOptionsProblem(scenario);
  if (problem !== null) return problem;
  const drawn = shared.scenario === null ? swarmTiming(shared.faults, { ...shared.policies, ...point.policies }) : scenarioTiming(scenario);
  const latencyMaxMs = point.network.latencyMs?.[1] ?? drawn.latencyMaxMs;
  return describeTimingProblems(timingProblems({ ...drawn, latencyMaxMs }));
}

/** The sweep, a run at a time: yields the runs done so far, and returns the result. */
export function* sweepRunByRun(options: SweepOptions): Generator<number, SweepResult, void> {
  const { shared } = options;
  const points = sweepPoints(options.parameters);
  const bootstrap = options.bootstrap ?? DEFAULT_BOOTSTRAP;
  const results: SweepPointResult[] = [];
  let done = 0;
  let stopped = false;
  for (const point of points) {
    const runs: SweepRun[] = [];
    for (let offset = 0; offset < shared.seeds && !stopped; offset++) {
      if (options.shouldStop?.() === true) {
        stopped = true;
        break;
      }
      runs.push(sweepRun(shared.fromSeed + offset, point, options));
      yield ++done;
    }
    if (runs.length > 0) results.push({ point, runs, summaries: summarise(runs, options.measures.length, bootstrap) });
    if (stopped) break;
  }
  return {
    parameters: options.parameters.map((parameter) => parameter.name),
    measures: options.measures.map((measure) => measure.name),
    points: results,
    runs: done,
    stoppedEarly: done < points.length * shared.seeds,
  };
}

export function sweep(options: SweepOptions): SweepResult {
  return runToEnd(sweepRunByRun(options));
}

function sweepRun(seed: number, point: SweepPoint, options: SweepOptions): SweepRun {
  const result = runScenario(sweepScenario(seed, options.shared, point), { implementation: options.implementation });
  const run = { statistics: seedStatistics(result), virtualMs: result.run.virtualMs };
  return { seed, values: options.measures.map((measure) => measure.of(run)), traceHash: result.run.traceHash, failures: result.failures };
}

function summarise(runs: readonly SweepRun[], measures: number, bootstrap: BootstrapSettings): MeanInterval[] {
  const summaries: MeanInterval[] = [];
  for (let measure = 0; measure < measures; measure++) {
    const values = runs.map((run) => run.values[measure]).filter((value): value is number => value !== null && value !== undefined);
    summaries.push(bootstrapMean(values, bootstrap));
  }
  return summaries;
}
