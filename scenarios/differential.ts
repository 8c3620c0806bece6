/**
 * Differential runs: two variants (two implementations, or two sets of protocol options) run seed by
 * seed on the same scenario, the same fault schedule and the same workload, so that what differs
 * between their measures is the variant and not the luck of the draw. Each seed gives a pair of
 * measures and the first event at which the two traces part.
 */
import type { RaftImplementation } from '../core/contract.js';
import type { TraceDivergence } from '../sim/index.js';
import { firstDivergence } from '../sim/index.js';
import type { ExploreOptions } from './explore.js';
import { exploreSeedScenario } from './explore.js';
import type { PolicyOverrides } from './policies.js';
import { applyPolicies } from './policies.js';
import type { ScenarioFailure, ScenarioRunResult } from './run-scenario.js';
import { runScenario } from './run-scenario.js';
import type { Scenario } from './scenario.js';
import type { SeedStatistics } from './seed-statistics.js';
import { seedStatistics } from './seed-statistics.js';

export interface DifferentialVariant {
  /** How the variant is named in reports: `a`, `b`, or what it stands for. */
  readonly label: string;
  /** Absent: the reference node. */
  readonly implementation?: RaftImplementation;
  /** Imposed on each seed's scenario after everything the two variants share. */
  readonly policies: PolicyOverrides;
}

/** What both variants share: which seeds, and each seed's scenario before the variants' own options. */
export type SharedRunOptions = Pick<ExploreOptions, 'fromSeed' | 'seeds' | 'nodeCount' | 'durationMs' | 'faults' | 'scenario' | 'policies'> &
  Partial<Pick<ExploreOptions, 'workload' | 'checks' | 'maxEvents'>>;

export interface DifferentialOptions {
  readonly shared: SharedRunOptions;
  readonly a: DifferentialVariant;
  readonly b: DifferentialVariant;
  /**
   * Every this many seeds (the first included), each variant runs the seed a second time and the two
   * trace hashes must agree, as exploration checks: differences measured on an implementation that
   * draws on anything but its inputs could not be regenerated. 0 never repeats; absent, 25.
   */
  readonly determinismEvery?: number;
  /** Called after every seed, for progress bars. */
  readonly onSeedDone?: (done: number) => void;
}

export const DIFFERENTIAL_DETERMINISM_EVERY = 25;

/** A run's failed check, or `nondeterminism`: the variant, run again on the seed, recorded another trace. */
export type VariantFailure = Omit<ScenarioFailure, 'kind'> & { readonly kind: ScenarioFailure['kind'] | 'nondeterminism' };

/** One variant's run of one seed. */
export interface VariantRun {
  readonly statistics: SeedStatistics;
  readonly virtualMs: number;
  readonly events: number;
  readonly traceHash: string;
  readonly failures: readonly VariantFailure[];
}

export interface DifferentialSeed {
  readonly seed: number;
  readonly a: VariantRun;
  readonly b: VariantRun;
  /** Where the traces first differ; null when the two runs recorded the same events. */
  readonly divergence: TraceDivergence | null;
}

/** Runs both variants on every seed, in seed order. */
export function differentialRun(options: DifferentialOptions): DifferentialSeed[] {
  const { shared } = options;
  const seeds: DifferentialSeed[] = [];
  const every = options.determinismEvery === 0 ? Infinity : (options.determinismEvery ?? DIFFERENTIAL_DETERMINISM_EVERY);
  for (let offset = 0; offset < shared.seeds; offset++) {
    const seed = shared.fromSeed + offset;
    seeds.push(differentialSeed(seed, options, offset % every === 0));
    options.onSeedDone?.(offset + 1);
  }
  return seeds;
}

/** Both variants of one seed: one scenario object drawn once, then each variant's options laid over it; `repeat` runs each twice. */
export function differentialSeed(seed: number, options: Pick<DifferentialOptions, 'shared' | 'a' | 'b'>, repeat = false): DifferentialSeed {
  const base = exploreSeedScenario(seed, options.shared);
  const scenarioA = applyPolicies(base, options.a.policies);
  const scenarioB = applyPolicies(base, options.b.policies);
  requireSameSchedule(seed, scenarioA, scenarioB);
  const runA = runScenario(scenarioA, { implementation: options.a.implementation });
  const runB = runScenario(scenarioB, { implementation: options.b.implementation });
  const divergence = firstDivergence(fullRecords(runA), fullRecords(runB));
  return { seed, a: variantRun(runA, repeat ? options.a : null), b: variantRun(runB, repeat ? options.b : null), divergence };
}

/** The faults and the clients must be the very same on both sides, or the pairing means nothing. */
function requireSameSchedule(seed: number, a: Scenario, b: Scenario): void {
  const schedule = (scenario: Scenario) => JSON.stringify([scenario.timeline, scenario.workload, scenario.network, scenario.leaderCrashes, scenario.seed]);
  if (schedule(a) !== schedule(b)) {
    throw new RangeError(`differentialRun: seed ${seed}: the variants' options give two different fault schedules or workloads (leaseReads takes pauses out), so the runs cannot be paired`);
  }
}

function fullRecords(result: ScenarioRunResult) {
  if (result.run.trace.mode !== 'full') throw new Error('differentialRun: a run without its full trace');
  return result.run.trace.records();
}

function variantRun(result: ScenarioRunResult, repeatAs: DifferentialVariant | null): VariantRun {
  const again = repeatAs === null ? null : runScenario(result.scenario, { implementation: repeatAs.implementation, trace: 'hash' }).run.traceHash;
  const nondeterminism: VariantFailure[] =
    again === null || again === result.run.traceHash
      ? []
      : [{ kind: 'nondeterminism', checker: 'determinism', message: `seed ${result.seed} gave two different traces (${result.run.traceHash}, then ${again}): the implementation draws on something besides its inputs and its RandomSource`, atMs: 0 }];
  return {
    statistics: seedStatistics(result),
    virtualMs: result.run.virtualMs,
    events: result.run.events,
    traceHash: result.run.traceHash,
    failures: [...result.failures, ...nondeterminism],
  };
}
