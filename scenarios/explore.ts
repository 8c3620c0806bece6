/**
 * Exploration: many seeded runs, every checker watching every step. By default each seed is its own
 * swarm scenario (configuration, faults, then a liveness phase); given a scenario, exploration runs
 * that one scenario under many seeds. A failing seed comes back with its scenario and trace hash, from
 * which it can be run again.
 */
import { boolean, checkArguments, func, integer, nullable, oneOf, optional, optionsOf, withDefaults } from '../core/argument-checks.js';
import type { RaftImplementation } from '../core/contract.js';
import { RAFT_IMPLEMENTATION } from '../core/contract-shape.js';
import type { RunProgressCells, Violation } from '../sim/index.js';
import { ProtocolCoverageFold, RunStatisticsFold } from '../sim/index.js';
import type { RunStatistics, TraceRecord, TraceSink } from '../sim/index.js';
import { DURATION_MS, NODE_COUNT, SCENARIO, SEED } from './argument-rules.js';
import type { CheckSettings } from './check-settings.js';
import { applyCheckSettings, CHECK_SETTINGS, DEFAULT_CHECK_SETTINGS } from './check-settings.js';
import type { PolicyOverrides } from './policies.js';
import { applyPolicies, POLICY_OVERRIDES } from './policies.js';
import type { ScenarioFailure, ScenarioRunResult } from './run-scenario.js';
import { RUN_PROGRESS, runScenario } from './run-scenario.js';
import type { Scenario } from './scenario.js';
import { withMaxEvents } from './scenario.js';
import type { SeedStatistics } from './seed-statistics.js';
import type { FaultMode } from './swarm.js';
import { scenarioForSeed } from './swarm.js';
import type { WorkloadChoice } from './workload.js';
import { withWorkload, WORKLOAD_CHOICE } from './workload.js';
import { runToEnd } from './run-to-end.js';

export interface ExploreOptions {
  /** The first seed; seeds run from it upward. */
  readonly fromSeed: number;
  readonly seeds: number;
  /** null: each seed draws its cluster size. */
  readonly nodeCount: number | null;
  readonly durationMs: number;
  readonly faults: FaultMode;
  /** Explore this scenario under many seeds instead of drawing one per seed. */
  readonly scenario: Scenario | null;
  /** The implementation under test; absent, the reference node (as runScenario chooses). */
  readonly implementation?: RaftImplementation;
  /**
   * Every this many seeds (the first included), the seed runs a second time and the two trace hashes
   * must agree: an implementation that draws on anything but its inputs is caught. 0 never repeats.
   */
  readonly determinismEvery: number;
  /** A labelled disk fault beyond Raft's model, set by hand; 'none' in correctness exploration. */
  readonly diskFaults: 'none' | 'lost-fsync' | 'torn-write';
  /** Attacks beyond Raft's model drawn by every seed's swarm (see SeedRunSettings.attacks); set by hand. */
  readonly attacks?: boolean;
  /** Protocol options imposed on every seed's scenario. */
  readonly policies: PolicyOverrides;
  /** The client workload imposed on every seed's scenario; absent or null, the scenario's own. */
  readonly workload?: WorkloadChoice | null;
  /** How every seed is judged: the liveness bound and the checks skipped. */
  readonly checks?: CheckSettings;
  /** The event bound of every seed's run; absent, the scenario's own or the default for its duration. */
  readonly maxEvents?: number;
  /** Measure every seed from its trace as it streams (see seed-statistics.ts). */
  readonly statistics?: boolean;
  /** Cells every seed's run writes its virtual time and event number into (see sim/run-progress.ts). */
  readonly progress?: RunProgressCells;
  /** Called after every seed, for progress bars. */
  readonly onSeedDone?: (done: number, failed: number) => void;
  /**
   * Asked before every seed; true ends the exploration there, with the seeds run so far (a caller that
   * was interrupted, say). The result's `stoppedEarly` then says so.
   */
  readonly shouldStop?: () => boolean;
}

/** How far an exploration has gone: what `exploreSeedBySeed` yields after every seed. */
export interface ExploreProgress {
  readonly done: number;
  readonly failed: number;
}

export const DEFAULT_EXPLORE_OPTIONS: ExploreOptions = {
  fromSeed: 1,
  seeds: 2000,
  nodeCount: null,
  durationMs: 10_000,
  faults: 'swarm',
  scenario: null,
  determinismEvery: 25,
  diskFaults: 'none',
  policies: {},
};

/**
 * How the implementation itself misbehaved, beyond what a checker judges: it stopped making progress,
 * ran out of memory, ended its process, threw outside any call the simulator made, or (a program spoken
 * to over the node protocol) broke that protocol. Only a caller that runs seeds in isolation (the command
 * line does) can see these; exploration in-process never reports them.
 */
export type IsolationFailureKind = 'hang' | 'out-of-memory' | 'implementation-exit' | 'implementation-error' | 'protocol-error';

export interface ExploreFailure {
  readonly seed: number;
  readonly kind: ScenarioFailure['kind'] | 'nondeterminism' | IsolationFailureKind;
  readonly checker: string;
  readonly message: string;
  readonly atMs: number;
  readonly traceHash: string;
  /** The checker's violation with its evidence, for safety failures. */
  readonly violation: Violation | null;
  /** The scenario that failed, for shrinking. */
  readonly scenario: Scenario;
}

/** Why a seed failed: its run's first failure, or a second run that differed from the first. */
type FailureCause = Omit<ScenarioFailure, 'kind'> & { readonly kind: ScenarioFailure['kind'] | 'nondeterminism' };

export interface ExploreResult {
  readonly fromSeed: number;
  /** The seeds that ran: all those asked for, unless the exploration stopped early. */
  readonly seeds: number;
  /** Whether `shouldStop` ended the exploration before every seed asked for had run. */
  readonly stoppedEarly: boolean;
  readonly passed: number;
  readonly failed: readonly ExploreFailure[];
  /** Runs that hit their event bound before their duration; each is a failed seed, of kind `truncated`. */
  readonly eventLimited: number;
  readonly totalEvents: number;
  readonly totalVirtualMs: number;
  /** Each seed's statistics, in seed order, when asked for. */
  readonly statistics: readonly SeedStatistics[] | null;
}

const EXPLORE_OPTIONS = optionsOf<ExploreOptions>('ExploreOptions', {
  fromSeed: optional(SEED),
  seeds: optional(integer(0)),
  nodeCount: optional(nullable(NODE_COUNT)),
  durationMs: optional(DURATION_MS),
  faults: optional(oneOf(['swarm', 'none'])),
  scenario: optional(nullable(SCENARIO)),
  implementation: optional(RAFT_IMPLEMENTATION),
  determinismEvery: optional(integer(0)),
  diskFaults: optional(oneOf(['none', 'lost-fsync', 'torn-write'])),
  attacks: optional(boolean),
  policies: optional(POLICY_OVERRIDES),
  workload: optional(nullable(WORKLOAD_CHOICE)),
  checks: optional(CHECK_SETTINGS),
  maxEvents: optional(integer(1)),
  statistics: optional(boolean),
  progress: optional(RUN_PROGRESS),
  onSeedDone: optional(func),
  shouldStop: optional(func),
});

/** Explores seeds; options left out are DEFAULT_EXPLORE_OPTIONS (2,000 swarm seeds from seed 1, the reference implementation). */
export function explore(input: Partial<ExploreOptions> = {}): ExploreResult {
  return runToEnd(exploreSeedBySeed(input));
}

/**
 * The same exploration one seed at a time: the generator yields after every seed, so that its caller
 * can let other work run in between (an event loop that notices Ctrl-C, a progress bar) and end it
 * early through `shouldStop`. Its return value is the result.
 */
export function* exploreSeedBySeed(input: Partial<ExploreOptions> = {}): Generator<ExploreProgress, ExploreResult, void> {
  checkArguments('explore', ['options', input, EXPLORE_OPTIONS]);
  const options = withDefaults(DEFAULT_EXPLORE_OPTIONS, input);
  if (options.seeds > 0 && options.fromSeed > Number.MAX_SAFE_INTEGER - (options.seeds - 1)) {
    throw new RangeError(`explore: options.fromSeed + options.seeds - 1 must be at most ${Number.MAX_SAFE_INTEGER}, the last seed that is a safe integer`);
  }
  const failed: ExploreFailure[] = [];
  let passed = 0;
  let eventLimited = 0;
  let totalEvents = 0;
  // Summed in whole microseconds, the simulator's resolution, so that the total is exact and does not
  // depend on how the seeds are grouped: shards explored apart add up to the whole range's total.
  let totalVirtualUs = 0;
  const statistics: SeedStatistics[] | null = options.statistics === true ? [] : null;
  let seedsRun = 0;
  for (let offset = 0; offset < options.seeds; offset++) {
    if (options.shouldStop?.() === true) break;
    const seed = options.fromSeed + offset;
    const scenario = seedScenario(seed, options);
    // Statistics are measured as the trace streams, so a long seed's trace is never held whole.
    const measure = statistics === null ? null : new SeedMeasurement(scenario);
    const outcome = runSeed(scenario, options, measure);
    totalEvents += outcome.run.events;
    totalVirtualUs += Math.round(outcome.run.virtualMs * 1000);
    const failure = repeatsDifferently(seed, offset, outcome, options) ?? outcome.failures[0];
    if (measure !== null) statistics!.push({ seed, passed: outcome.passed, failure: failure?.kind ?? null, ...measure.finish(Math.round(outcome.run.virtualMs * 1000)) });
    if (outcome.truncated !== null) eventLimited++;
    if (failure === undefined) {
      passed++;
    } else {
      failed.push({
        seed,
        kind: failure.kind,
        checker: failure.checker,
        message: failure.message,
        atMs: failure.atMs,
        traceHash: outcome.run.traceHash,
        violation: failure.kind === 'nondeterminism' ? null : (outcome.run.violations[0] ?? null),
        scenario: outcome.scenario,
      });
    }
    seedsRun = offset + 1;
    options.onSeedDone?.(seedsRun, failed.length);
    yield { done: seedsRun, failed: failed.length };
  }
  const stoppedEarly = seedsRun < options.seeds;
  return { fromSeed: options.fromSeed, seeds: seedsRun, stoppedEarly, passed, failed, eventLimited, totalEvents, totalVirtualMs: totalVirtualUs / 1000, statistics };
}

/** A failure when a sampled seed, run again, gives another trace; null when it repeats (or is not sampled). */
function repeatsDifferently(seed: number, offset: number, first: ScenarioRunResult, options: ExploreOptions): FailureCause | null {
  if (options.determinismEvery <= 0 || offset % options.determinismEvery !== 0) return null;
  const again = runSeed(seedScenario(seed, options), options, null).run.traceHash;
  if (again === first.run.traceHash) return null;
  return {
    kind: 'nondeterminism',
    checker: 'determinism',
    message: `seed ${seed} gave two different traces (${first.run.traceHash}, then ${again}): the implementation draws on something besides its inputs and its RandomSource`,
    atMs: 0,
  };
}

/** The scenario a seed runs: its swarm scenario or the one explored, with the policies, judging and event bound asked for. */
export function exploreSeedScenario(seed: number, input: Partial<ExploreOptions>): Scenario {
  return seedScenario(seed, withDefaults(DEFAULT_EXPLORE_OPTIONS, input));
}

function seedScenario(seed: number, options: ExploreOptions): Scenario {
  const scenario =
    options.scenario !== null
      ? { ...options.scenario, seed }
      : scenarioForSeed(seed, { nodeCount: options.nodeCount, durationMs: options.durationMs, faults: options.faults, diskFaultOnCrash: options.diskFaults, ...(options.attacks === true ? { attacks: true } : {}) });
  const workload = options.workload ?? null;
  const withClients = workload === null ? scenario : withWorkload(scenario, workload, options.scenario === null ? seed : null);
  return judgedForExploration(withClients, options);
}

/** A scenario under the policies, checks and event bound an exploration gives every run it makes, drawn or mutated. */
export function judgedForExploration(scenario: Scenario, options: Partial<Pick<ExploreOptions, 'policies' | 'checks' | 'maxEvents'>>): Scenario {
  const judged = applyCheckSettings(applyPolicies(scenario, options.policies ?? {}), options.checks ?? DEFAULT_CHECK_SETTINGS);
  return options.maxEvents === undefined ? judged : withMaxEvents(judged, options.maxEvents);
}

/** A seed's statistics and its protocol coverage, both folded from its trace as it streams. */
class SeedMeasurement implements TraceSink {
  private readonly statistics: RunStatisticsFold;
  private readonly coverage: ProtocolCoverageFold;

  constructor(scenario: Scenario) {
    this.statistics = new RunStatisticsFold(scenario.cluster.nodes);
    this.coverage = new ProtocolCoverageFold(scenario.cluster.nodes, scenario.cluster.members);
  }

  accept(records: readonly TraceRecord[]): void {
    this.statistics.accept(records);
    this.coverage.accept(records);
  }

  finish(endUs: number): RunStatistics & { readonly coverage: readonly string[]; readonly coverageHits: Readonly<Record<string, number>> } {
    return { ...this.statistics.finish(endUs), coverage: this.coverage.features(), coverageHits: this.coverage.hits() };
  }
}

function runSeed(scenario: Scenario, options: ExploreOptions, measure: SeedMeasurement | null): ScenarioRunResult {
  const progress = options.progress === undefined ? {} : { progress: options.progress };
  return runScenario(scenario, { implementation: options.implementation, ...progress, ...(measure === null ? { trace: 'hash' as const } : { traceSink: measure }) });
}
