/**
 * Measures how the harness catches each known bug: which conformance tests fail on it, and, over several
 * root seeds, how many seeds exploration takes to find it, with which checker, in how much wall time, and
 * how small the failing scenario shrinks. The figures are what the README's bug table shows.
 */
import { runConformance } from '../conformance/index.js';
import type { KnownBug } from '../bugs/index.js';
import { explore, scenarioSize, shrinkScenario } from '../scenarios/index.js';
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
  /** The first root's failing scenario, shrunk; null when it could not be shrunk. */
  readonly shrunk: ScenarioSize | null;
  readonly original: ScenarioSize | null;
}

export interface MeasureSettings {
  readonly roots: readonly number[];
  readonly budget: number;
  readonly shrinkBudget: number;
  /** Wall-clock milliseconds; the CLI passes performance.now. */
  readonly now: () => number;
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
  return {
    name: bug.name,
    conformanceFailures,
    checkers,
    seedsToDetection: seeds,
    medianSeeds: found.length === seeds.length ? median(found) : null,
    medianWallMs: median(wallMs),
    shrunk,
    original: firstFailure === null ? null : scenarioSize(firstFailure),
  };
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
