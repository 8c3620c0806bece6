/**
 * Exploration: many seeded runs, every checker watching every step. By default each seed is its own
 * swarm scenario (configuration, faults, then a liveness phase); given a scenario, exploration runs
 * that one scenario under many seeds. A failing seed comes back with its scenario and trace hash, from
 * which it can be run again.
 */
import { boolean, checkArguments, func, integer, nullable, oneOf, optional, optionsOf, withDefaults } from '../core/argument-checks.js';
import type { RaftImplementation } from '../core/contract.js';
import { RAFT_IMPLEMENTATION } from '../core/contract-shape.js';
import type { Violation } from '../sim/index.js';
import { DURATION_MS, NODE_COUNT, SCENARIO, SEED } from './argument-rules.js';
import type { CheckSettings } from './check-settings.js';
import { applyCheckSettings, CHECK_SETTINGS, DEFAULT_CHECK_SETTINGS } from './check-settings.js';
import type { PolicyOverrides } from './policies.js';
import { applyPolicies, POLICY_OVERRIDES } from './policies.js';
import type { ScenarioFailure, ScenarioRunResult } from './run-scenario.js';
import { runScenario } from './run-scenario.js';
import type { Scenario } from './scenario.js';
import type { SeedStatistics } from './seed-statistics.js';
import { seedStatistics } from './seed-statistics.js';
import type { FaultMode } from './swarm.js';
import { scenarioForSeed } from './swarm.js';

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
  /** Protocol options imposed on every seed's scenario. */
  readonly policies: PolicyOverrides;
  /** How every seed is judged: the liveness bound and the checks skipped. */
  readonly checks?: CheckSettings;
  /** Keep every seed's full trace long enough to measure it (see seed-statistics.ts). */
  readonly statistics?: boolean;
  /** Called after every seed, for progress bars. */
  readonly onSeedDone?: (done: number, failed: number) => void;
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

export interface ExploreFailure {
  readonly seed: number;
  readonly kind: ScenarioFailure['kind'] | 'nondeterminism';
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
type FailureCause = Omit<ScenarioFailure, 'kind'> & { readonly kind: ExploreFailure['kind'] };

export interface ExploreResult {
  readonly fromSeed: number;
  readonly seeds: number;
  readonly passed: number;
  readonly failed: readonly ExploreFailure[];
  /** Runs that hit their event bound before their duration; they count as passed. */
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
  policies: optional(POLICY_OVERRIDES),
  checks: optional(CHECK_SETTINGS),
  statistics: optional(boolean),
  onSeedDone: optional(func),
});

/** Explores seeds; options left out are DEFAULT_EXPLORE_OPTIONS (2,000 swarm seeds from seed 1, the reference implementation). */
export function explore(input: Partial<ExploreOptions> = {}): ExploreResult {
  checkArguments('explore', ['options', input, EXPLORE_OPTIONS]);
  const options = withDefaults(DEFAULT_EXPLORE_OPTIONS, input);
  if (options.seeds > 0 && options.fromSeed > Number.MAX_SAFE_INTEGER - (options.seeds - 1)) {
    throw new RangeError(`explore: options.fromSeed + options.seeds - 1 must be at most ${Number.MAX_SAFE_INTEGER}, the last seed that is a safe integer`);
  }
  const failed: ExploreFailure[] = [];
  let passed = 0;
  let eventLimited = 0;
  let totalEvents = 0;
  let totalVirtualMs = 0;
  const statistics: SeedStatistics[] | null = options.statistics === true ? [] : null;
  for (let offset = 0; offset < options.seeds; offset++) {
    const seed = options.fromSeed + offset;
    const outcome = runSeed(seed, options);
    totalEvents += outcome.run.events;
    totalVirtualMs += outcome.run.virtualMs;
    statistics?.push(seedStatistics(outcome));
    const failure = repeatsDifferently(seed, offset, outcome, options) ?? outcome.failures[0];
    if (failure === undefined) {
      passed++;
      if (outcome.run.outcome === 'event-limit') eventLimited++;
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
    options.onSeedDone?.(offset + 1, failed.length);
  }
  return { fromSeed: options.fromSeed, seeds: options.seeds, passed, failed, eventLimited, totalEvents, totalVirtualMs, statistics };
}

/** A failure when a sampled seed, run again, gives another trace; null when it repeats (or is not sampled). */
function repeatsDifferently(seed: number, offset: number, first: ScenarioRunResult, options: ExploreOptions): FailureCause | null {
  if (options.determinismEvery <= 0 || offset % options.determinismEvery !== 0) return null;
  const again = runSeed(seed, options).run.traceHash;
  if (again === first.run.traceHash) return null;
  return {
    kind: 'nondeterminism',
    checker: 'determinism',
    message: `seed ${seed} gave two different traces (${first.run.traceHash}, then ${again}): the implementation draws on something besides its inputs and its RandomSource`,
    atMs: 0,
  };
}

function runSeed(seed: number, options: ExploreOptions): ScenarioRunResult {
  const scenario =
    options.scenario !== null
      ? { ...options.scenario, seed }
      : scenarioForSeed(seed, { nodeCount: options.nodeCount, durationMs: options.durationMs, faults: options.faults, diskFaultOnCrash: options.diskFaults });
  const trace = options.statistics === true ? 'full' : 'hash';
  const judged = applyCheckSettings(applyPolicies(scenario, options.policies), options.checks ?? DEFAULT_CHECK_SETTINGS);
  return runScenario(judged, { implementation: options.implementation, trace });
}
