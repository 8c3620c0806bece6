/**
 * Measures how the harness catches each known bug: which conformance tests fail on it, and, over several
 * root seeds, how many seeds exploration takes to find it, with which checker, in how much wall time, and
 * how small the failing scenario shrinks. The figures are what the README's bug table shows.
 */
import { runConformance } from '../conformance/index.js';
import type { KnownBug } from '../bugs/index.js';
import { explore, guidedExploreRunByRun, scenarioSize, shrinkScenario } from '../scenarios/index.js';
import type { PolicyOverrides, ScenarioSize } from '../scenarios/index.js';

export interface BugMeasurement {
  readonly name: string;
  readonly conformanceFailures: readonly string[];
  /** The checker that reported it first, for each root seed in turn (null where the budget ran out). */
  readonly checkers: readonly (string | null)[];
  /** Seeds run until the first failure, for each root seed (null where none was found within the budget). */
  readonly seedsToDetection: readonly (number | null)[];
  readonly medianSeeds: number | null;
  readonly medianWallMs: number;
  /** Wall time per seed over every root: what a seed costs. */
  readonly wallMsPerSeed: number;
  /** The first root's failing scenario, shrunk; null when it could not be shrunk. */
  readonly shrunk: ScenarioSize | null;
  readonly original: ScenarioSize | null;
  /** The same from the same roots under guided exploration (explore --guided), when asked for. */
  readonly guided?: DetectionFigures;
}

/** Runs to the first failure from each root, and what they took. */
export interface DetectionFigures {
  readonly checkers: readonly (string | null)[];
  /** Runs until the first failure, for each root (null where none was found within the budget). */
  readonly runsToDetection: readonly (number | null)[];
  readonly medianRuns: number | null;
  readonly medianWallMs: number;
  /** Wall time per run over every root: what a run costs. */
  readonly wallMsPerRun: number;
}

export interface MeasureSettings {
  readonly roots: readonly number[];
  readonly budget: number;
  readonly shrinkBudget: number;
  /** Wall-clock milliseconds; the CLI passes performance.now. */
  readonly now: () => number;
  /** Measure guided exploration from the same roots too. */
  readonly guided?: boolean;
}

/**
 * Measures one bug, yielding after every seed explored so that the caller can let the event loop run
 * (and notice Ctrl-C) in between; its return value is the measurement.
 */
export function* measureBug(bug: KnownBug, settings: MeasureSettings): Generator<void, BugMeasurement, void> {
  const conformanceFailures = runConformance(bug.implementation).outcomes.filter((outcome) => outcome.status === 'failed').map((outcome) => outcome.name);
  const checkers: (string | null)[] = [];
  const seeds: (number | null)[] = [];
  const wallMs: number[] = [];
  let firstFailure: Parameters<typeof shrinkScenario>[0] | null = null;
  for (const root of settings.roots) {
    const started = settings.now();
    let found: number | null = null;
    let checker: string | null = null;
    for (let offset = 0; offset < settings.budget && found === null; offset++) {
      const result = explore({ fromSeed: root + offset, seeds: 1, implementation: bug.implementation, determinismEvery: 0, workload: bug.workload ?? null, ...beyondRaft(bug) });
      yield;
      const failure = result.failed[0];
      if (failure === undefined) continue;
      found = offset + 1;
      checker = failure.checker;
      firstFailure ??= failure.scenario;
    }
    wallMs.push(settings.now() - started);
    seeds.push(found);
    checkers.push(checker);
  }
  let shrunk: ScenarioSize | null = null;
  if (firstFailure !== null) {
    const attempt = shrinkScenario(firstFailure, bug.implementation, settings.shrinkBudget);
    if (attempt.ok) shrunk = scenarioSize(attempt.result.shrunk);
  }
  const found = seeds.filter((count): count is number => count !== null);
  const guided = settings.guided === true ? yield* measureGuided(bug, settings) : null;
  return {
    name: bug.name,
    conformanceFailures,
    checkers,
    seedsToDetection: seeds,
    medianSeeds: found.length === seeds.length ? median(found) : null,
    medianWallMs: median(wallMs),
    wallMsPerSeed: perRun(wallMs, seeds.map((count) => count ?? settings.budget)),
    shrunk,
    original: firstFailure === null ? null : scenarioSize(firstFailure),
    ...(guided === null ? {} : { guided }),
  };
}

/** Guided exploration from each root until its first failure, yielding after every run. */
function* measureGuided(bug: KnownBug, settings: MeasureSettings): Generator<void, DetectionFigures, void> {
  const checkers: (string | null)[] = [];
  const runs: (number | null)[] = [];
  const wallMs: number[] = [];
  let totalRuns = 0;
  for (const root of settings.roots) {
    const started = settings.now();
    const base = { fromSeed: root, seeds: settings.budget, determinismEvery: 0, workload: bug.workload ?? null, ...beyondRaft(bug) };
    const steps = guidedExploreRunByRun({ base, implementation: bug.implementation, untilFailure: true });
    let step = steps.next();
    for (; step.done !== true; step = steps.next()) yield;
    const failure = step.value.failed[0];
    wallMs.push(settings.now() - started);
    totalRuns += step.value.runs;
    runs.push(failure === undefined ? null : failure.run - root + 1);
    checkers.push(failure?.failure.checker ?? null);
  }
  const found = runs.filter((count): count is number => count !== null);
  return { checkers, runsToDetection: runs, medianRuns: found.length === runs.length ? median(found) : null, medianWallMs: median(wallMs), wallMsPerRun: perRun(wallMs, [totalRuns]) };
}

function perRun(wallMs: readonly number[], runs: readonly number[]): number {
  const total = runs.reduce((sum, count) => sum + count, 0);
  return total === 0 ? 0 : wallMs.reduce((sum, ms) => sum + ms, 0) / total;
}

function median(values: readonly number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** A bug in an integrity defence is explored under attacks, with the integrity it breaks switched on. */
function beyondRaft(bug: KnownBug): { readonly attacks?: true; readonly policies?: PolicyOverrides } {
  return bug.integrity === undefined ? {} : { attacks: true, policies: { integrity: bug.integrity } };
}
