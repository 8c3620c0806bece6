/**
 * Coverage-guided exploration: besides fresh swarm seeds, run mutants of the scenarios that reached
 * protocol-coverage features no run before them had (corpus.ts), favouring those that hold rare
 * features (schedule.ts).
 *
 * Runs go in generations of a fixed size. A generation's scenarios are all chosen, from the state the
 * earlier generations left, before any of them runs, and their results are folded in run order; so the
 * same options explore the same scenarios in the same order however many workers run a generation at
 * once, and everything drawn comes from streams named after the first seed and the generation.
 */
import { boolean, checkArguments, func, integer, optional, optionsOf, withDefaults } from '../../core/argument-checks.js';
import type { RaftImplementation } from '../../core/contract.js';
import { RandomStream } from '../../sim/index.js';
import type { ExploreFailure, ExploreOptions, ExploreProgress, ExploreResult } from '../explore.js';
import { DEFAULT_EXPLORE_OPTIONS, explore, exploreSeedScenario, judgedForExploration } from '../explore.js';
import type { Scenario } from '../scenario.js';
import type { SeedStatistics } from '../seed-statistics.js';
import type { CorpusEntry } from './corpus.js';
import { Corpus } from './corpus.js';
import { mutantProblem, mutateScenario } from './mutations.js';
import { pickEntry } from './schedule.js';

/** What shapes every run: the options of a plain exploration, of which `fromSeed` numbers the runs and `seeds` counts them. */
export type GuidedBaseOptions = Omit<Partial<ExploreOptions>, 'implementation' | 'progress' | 'onSeedDone' | 'shouldStop' | 'statistics' | 'scenario'>;

export interface GuidedOptions {
  readonly base: GuidedBaseOptions;
  /** Runs in one generation: chosen together, run in any order, folded in run order. */
  readonly generationSize: number;
  /** The share of a generation's runs that are fresh swarm seeds once the corpus holds an entry. */
  readonly freshPercent: number;
  /** Entries kept by earlier explorations (a corpus folder), in the order they are to be taken. */
  readonly corpus: readonly CorpusEntry[];
  /** Keep every run's statistics for the result (explore --stats); left out, only its coverage is looked at. */
  readonly keepStatistics?: boolean;
}

export const DEFAULT_GENERATION_SIZE = 16;
export const DEFAULT_FRESH_PERCENT = 25;

/** One run of a guided exploration, chosen before it runs. */
export interface PlannedRun {
  /** Its number: runs are numbered from the first seed up, and a fresh run explores the swarm seed of its number. */
  readonly run: number;
  /** Counted from 0: whether its determinism is checked depends on it, as a seed's offset does in plain exploration. */
  readonly offset: number;
  readonly scenario: Scenario;
  /** The run whose scenario it mutates, or null for a fresh swarm seed. */
  readonly parent: number | null;
  readonly mutations: readonly string[];
}

/** A run's outcome, as the run table and the coverage chart show it. */
export interface GuidedRunRecord {
  readonly run: number;
  readonly parent: number | null;
  readonly mutations: readonly string[];
  readonly passed: boolean;
  readonly features: number;
  readonly newCoverage: number;
  readonly coverageSoFar: number;
}

export interface GuidedFailure {
  readonly run: number;
  readonly parent: number | null;
  readonly mutations: readonly string[];
  /** The failure, its scenario (with the seed it ran under) what replays it. */
  readonly failure: ExploreFailure;
}

export interface GuidedResult {
  readonly fromSeed: number;
  readonly runs: number;
  readonly stoppedEarly: boolean;
  readonly passed: number;
  readonly failed: readonly GuidedFailure[];
  readonly eventLimited: number;
  readonly totalEvents: number;
  readonly totalVirtualMs: number;
  readonly records: readonly GuidedRunRecord[];
  /** Each run's statistics, its run number in place of a seed, in run order; empty unless kept. */
  readonly statistics: readonly SeedStatistics[];
  /** Every entry, those loaded first. */
  readonly corpus: readonly CorpusEntry[];
  /** The entries this exploration added. */
  readonly added: readonly CorpusEntry[];
  readonly featuresReached: number;
}

/**
 * The state of a guided exploration: plan a generation, run it however the caller likes, fold each run's
 * result in run order, and plan the next.
 */
export class GuidedExploration {
  private readonly base: GuidedBaseOptions & { readonly fromSeed: number; readonly seeds: number };
  private readonly corpus = new Corpus();
  /** The protocol-coverage features reached so far, as plain exploration counts them (without hit counts). */
  private readonly reached = new Set<string>();
  private readonly added: CorpusEntry[] = [];
  private readonly records: GuidedRunRecord[] = [];
  private readonly statistics: SeedStatistics[] = [];
  private readonly failed: GuidedFailure[] = [];
  private readonly totals = { passed: 0, eventLimited: 0, totalEvents: 0, totalVirtualUs: 0 };
  private planned = 0;
  private generation = 0;

  constructor(private readonly options: GuidedOptions) {
    this.base = { ...options.base, fromSeed: options.base.fromSeed ?? DEFAULT_EXPLORE_OPTIONS.fromSeed, seeds: options.base.seeds ?? DEFAULT_EXPLORE_OPTIONS.seeds };
    for (const entry of options.corpus) this.corpus.load(entry);
  }

  get runsFolded(): number {
    return this.records.length;
  }

  /** The next generation's runs, none when every run asked for is planned. Fold every run of one before planning the next. */
  nextGeneration(): readonly PlannedRun[] {
    const size = Math.min(this.options.generationSize, this.base.seeds - this.planned);
    const random = new RandomStream(this.base.fromSeed, `guided/generation/${this.generation++}`);
    const runs: PlannedRun[] = [];
    for (let index = 0; index < size; index++) {
      const offset = this.planned++;
      const run = this.base.fromSeed + offset;
      const fresh = this.corpus.entries.length === 0 || random.int(0, 99) < this.options.freshPercent;
      runs.push(fresh ? { run, offset, scenario: exploreSeedScenario(run, this.base), parent: null, mutations: [] } : this.mutant(run, offset, random));
    }
    return runs;
  }

  /** What a run found, folded in run order. */
  fold(planned: PlannedRun, result: ExploreResult): void {
    const failure = result.failed[0];
    const measured = result.statistics?.[0];
    const features = measured?.coverage ?? [];
    const before = this.reached.size;
    for (const feature of features) this.reached.add(feature);
    const entry = this.corpus.observe(planned.run, planned.scenario, guidingFeatures(measured?.coverageHits ?? {}));
    if (entry !== null) this.added.push(entry);
    if (measured !== undefined && this.options.keepStatistics === true) this.statistics.push({ ...measured, seed: planned.run });
    this.totals.passed += result.passed;
    this.totals.eventLimited += result.eventLimited;
    this.totals.totalEvents += result.totalEvents;
    this.totals.totalVirtualUs += Math.round(result.totalVirtualMs * 1000);
    if (failure !== undefined) this.failed.push({ run: planned.run, parent: planned.parent, mutations: planned.mutations, failure });
    const { run, parent, mutations } = planned;
    this.records.push({ run, parent, mutations, passed: failure === undefined, features: features.length, newCoverage: this.reached.size - before, coverageSoFar: this.reached.size });
  }

  result(): GuidedResult {
    const { passed, eventLimited, totalEvents, totalVirtualUs } = this.totals;
    return {
      fromSeed: this.base.fromSeed,
      runs: this.records.length,
      stoppedEarly: this.records.length < this.base.seeds,
      passed,
      failed: this.failed,
      eventLimited,
      totalEvents,
      totalVirtualMs: totalVirtualUs / 1000,
      records: this.records,
      statistics: this.statistics,
      corpus: this.corpus.entries,
      added: this.added,
      featuresReached: this.reached.size,
    };
  }

  /** The options a planned run is explored with, in process or in a worker: one seed, its scenario as planned, measured. */
  runOptions(planned: PlannedRun): Partial<ExploreOptions> {
    const every = this.base.determinismEvery ?? DEFAULT_EXPLORE_OPTIONS.determinismEvery;
    const checked = every > 0 && planned.offset % every === 0;
    return { scenario: planned.scenario, fromSeed: planned.scenario.seed, seeds: 1, statistics: true, determinismEvery: checked ? 1 : 0 };
  }

  private mutant(run: number, offset: number, random: RandomStream): PlannedRun {
    const parent = pickEntry(this.corpus.entries, this.corpus.featureRuns, random);
    const mutant = mutateScenario(parent.scenario, random, { attacks: this.base.attacks === true, workloadFixed: (this.base.workload ?? null) !== null });
    const description = `Run ${run} of a guided exploration: run ${parent.run}'s scenario, changed by ${mutant.mutations.join(', ')}.`;
    const judged = judgedForExploration({ ...mutant.scenario, name: `run-${run}`, description }, this.base);
    // The user's policies may not fit what a mutation drew; then the parent runs under another seed.
    const scenario = mutantProblem(judged) === null ? judged : { ...parent.scenario, name: `run-${run}`, description, seed: random.int(1, 2 ** 31 - 1) };
    return { run, offset, scenario, parent: parent.run, mutations: mutant.mutations };
  }
}

/**
 * The features a run is kept for: each protocol-coverage feature it reached, and how often it reached
 * it in buckets of powers of two (AFL's hit counts), so that a run reaching a rare situation more often
 * than any before it counts as new: it goes further into the same corner.
 */
export function guidingFeatures(hits: Readonly<Record<string, number>>): string[] {
  const features: string[] = [];
  for (const [feature, count] of Object.entries(hits)) {
    features.push(feature);
    for (let bucket = 2; bucket <= Math.min(count, MAX_HIT_BUCKET); bucket *= 2) features.push(`${feature}#${bucket}+`);
  }
  return features;
}

/** The highest hit-count bucket: beyond it, more of the same is not told apart. */
const MAX_HIT_BUCKET = 64;

const GUIDED_OPTIONS = optionsOf<Pick<GuidedOptions, 'generationSize' | 'freshPercent' | 'keepStatistics'>>('GuidedOptions', {
  generationSize: optional(integer(1)),
  freshPercent: optional(integer(0)),
  keepStatistics: optional(boolean),
});

export interface GuidedInProcessOptions extends Partial<GuidedOptions> {
  readonly implementation?: RaftImplementation;
  /** Asked before every run; true ends the exploration there. */
  readonly shouldStop?: () => boolean;
  /** End the exploration at its first failing run (to measure how soon it finds a bug). */
  readonly untilFailure?: boolean;
}

/** Guided exploration in this thread, one run at a time: yields after every run, returns the result. */
export function* guidedExploreRunByRun(input: GuidedInProcessOptions = {}): Generator<ExploreProgress, GuidedResult, void> {
  const { implementation, shouldStop, untilFailure, base, corpus, ...rest } = input;
  checkArguments('guidedExplore', ['options', rest, GUIDED_OPTIONS], ['shouldStop', shouldStop, optional(func)]);
  const defaults: GuidedOptions = { base: {}, generationSize: DEFAULT_GENERATION_SIZE, freshPercent: DEFAULT_FRESH_PERCENT, corpus: [] };
  const options = withDefaults(defaults, { ...rest, base: base ?? {}, corpus: corpus ?? [] });
  const exploration = new GuidedExploration(options);
  for (let generation = exploration.nextGeneration(); generation.length > 0; generation = exploration.nextGeneration()) {
    for (const planned of generation) {
      if (shouldStop?.() === true || (untilFailure === true && exploration.result().failed.length > 0)) return exploration.result();
      exploration.fold(planned, explore({ ...exploration.runOptions(planned), ...(implementation === undefined ? {} : { implementation }) }));
      const result = exploration.result();
      yield { done: result.runs, failed: result.failed.length };
    }
  }
  return exploration.result();
}

export function guidedExplore(input: GuidedInProcessOptions = {}): GuidedResult {
  const steps = guidedExploreRunByRun(input);
  let step = steps.next();
  while (step.done !== true) step = steps.next();
  return step.value;
}
