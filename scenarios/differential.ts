/**
 * Differential runs: two variants (two implementations, or two sets of protocol options) run seed by
 * seed on the same scenario, the same fault schedule and the same workload, so that what differs
 * between their measures is the variant and not the luck of the draw. Each seed gives a pair of
 * measures and the first event at which the two traces part.
 */
import type { RaftImplementation } from '../core/contract.js';
import type { TraceDivergence, TraceRecord } from '../sim/index.js';
import { firstDivergence } from '../sim/index.js';
import type { ExploreOptions, IsolationFailureKind } from './explore.js';
import { exploreSeedScenario } from './explore.js';
import type { PolicyOverrides } from './policies.js';
import { applyPolicies } from './policies.js';
import type { ScenarioFailure, ScenarioRunResult } from './run-scenario.js';
import { runScenario } from './run-scenario.js';
import type { Scenario } from './scenario.js';
import type { SeedStatistics } from './seed-statistics.js';
import { seedStatisticsOfRecords, unmeasuredSeedStatistics } from './seed-statistics.js';

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

/**
 * A run's failed check; `nondeterminism`: the variant, run again on the seed, recorded another trace; or
 * what an implementation under test, run in a worker thread, did to that thread (a hang, an exit…).
 */
export type VariantFailure = Omit<ScenarioFailure, 'kind'> & { readonly kind: ScenarioFailure['kind'] | 'nondeterminism' | IsolationFailureKind };

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
  const scenarios = differentialScenarios(seed, options);
  const runA = runScenario(scenarios.a, { implementation: options.a.implementation });
  const runB = runScenario(scenarios.b, { implementation: options.b.implementation });
  const [recordsA, recordsB] = [fullRecords(runA), fullRecords(runB)];
  const againHash = (run: ScenarioRunResult, variant: DifferentialVariant) => (repeat ? runScenario(run.scenario, { implementation: variant.implementation, trace: 'hash' }).run.traceHash : null);
  return { seed, a: variantRun(runA, recordsA, againHash(runA, options.a)), b: variantRun(runB, recordsB, againHash(runB, options.b)), divergence: firstDivergence(recordsA, recordsB) };
}

/**
 * The two scenarios of one seed: one drawn once, then each variant's options laid over it. Throws a
 * RangeError starting `differentialRun:` when those options change the schedule itself.
 */
export function differentialScenarios(seed: number, options: Pick<DifferentialOptions, 'shared' | 'a' | 'b'>): { readonly a: Scenario; readonly b: Scenario } {
  const base = exploreSeedScenario(seed, options.shared);
  const a = applyPolicies(base, options.a.policies);
  const b = applyPolicies(base, options.b.policies);
  requireSameSchedule(seed, a, b);
  return { a, b };
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

/** One variant's finished run of a seed, from its records; `againHash`, the trace hash of its second run when it ran twice. */
export function variantRun(result: ScenarioRunResult, records: readonly TraceRecord[], againHash: string | null): VariantRun {
  const nondeterminism: VariantFailure[] =
    againHash === null || againHash === result.run.traceHash
      ? []
      : [{ kind: 'nondeterminism', checker: 'determinism', message: `seed ${result.seed} gave two different traces (${result.run.traceHash}, then ${againHash}): the implementation draws on something besides its inputs and its RandomSource`, atMs: 0 }];
  return {
    statistics: seedStatisticsOfRecords(result, records),
    virtualMs: result.run.virtualMs,
    events: result.run.events,
    traceHash: result.run.traceHash,
    failures: [...result.failures, ...nondeterminism],
  };
}

/** How an implementation's run in a worker thread ended short of its end, and where. */
export interface UnfinishedRun {
  readonly kind: IsolationFailureKind;
  readonly message: string;
  readonly atMs: number;
  readonly events: number;
}

/**
 * One variant's run of a seed that never finished (its implementation hung, ran out of memory or ended
 * its thread): nothing measured, so every measure of the seed is empty and the seed drops out of the
 * paired differences, and no trace hash.
 */
export function unfinishedVariantRun(seed: number, unfinished: UnfinishedRun): VariantRun {
  return {
    statistics: unmeasuredSeedStatistics(seed, unfinished.kind),
    virtualMs: unfinished.atMs,
    events: unfinished.events,
    traceHash: '',
    failures: [unfinishedFailure(unfinished)],
  };
}

/** What the implementation did to its thread, as a failure of the variant's run, named by its kind. */
export function unfinishedFailure(unfinished: UnfinishedRun): VariantFailure {
  return { kind: unfinished.kind, checker: unfinished.kind, message: unfinished.message, atMs: unfinished.atMs };
}
