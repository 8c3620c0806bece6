/**
 * Shrinking a failing scenario with fast-check: the failure becomes an example that fast-check shrinks
 * (fewer actions, fewer nodes, a shorter fault phase, a lighter workload) for as long as the smaller
 * scenario still fails the same check. The search is bounded by a number of runs.
 */
import fc from 'fast-check';
import { checkArguments, integer } from '../core/argument-checks.js';
import type { RaftImplementation } from '../core/contract.js';
import { RAFT_IMPLEMENTATION } from '../core/contract-shape.js';
import { referenceImplementation } from '../core/node.js';
import type { FaultAction, RunProgressCells, TimedFault } from '../sim/index.js';
import { defaultMaxEvents, faultKind, isFaultType } from '../sim/index.js';
import type { ScenarioCase } from './arbitraries.js';
import { SCENARIO } from './argument-rules.js';
import { caseToScenario, scenarioCaseArbitrary } from './arbitraries.js';
import type { ScenarioFailure, ScenarioRunOptions } from './run-scenario.js';
import { runScenario } from './run-scenario.js';
import type { Scenario, ScenarioStep } from './scenario.js';
import { scenarioFromDocument, scenarioToDocument } from './schema.js';

export interface ScenarioSize {
  readonly actions: number;
  readonly nodes: number;
  readonly durationMs: number;
}

export function scenarioSize(scenario: Scenario): ScenarioSize {
  checkArguments('scenarioSize', ['scenario', scenario, SCENARIO]);
  return { actions: scenario.timeline.length, nodes: scenario.cluster.nodes, durationMs: scenario.cluster.durationMs };
}

export interface ShrinkResult {
  readonly original: Scenario;
  readonly shrunk: Scenario;
  readonly failure: ScenarioFailure;
  /** Scenario runs the search made, the first (the original) included. */
  readonly runs: number;
  /** Whether the search was asked to stop before it had finished (shrinkScenarioInterruptibly). */
  readonly stoppedEarly: boolean;
}

export type ShrinkAttempt = { readonly ok: true; readonly result: ShrinkResult } | { readonly ok: false; readonly problem: string };

export const DEFAULT_SHRINK_BUDGET = 1000;

/** Whether the shrinker can change a step: a timed fault of a kind fast-check draws, as its kind allows. */
function isShrinkable(step: ScenarioStep): boolean {
  const action = step.action;
  if (step.atMs === undefined || !isFaultType(action.type)) return false;
  const kind = faultKind(action.type);
  return kind.arbitrary !== undefined && (kind.shrinkable === undefined || kind.shrinkable(action as FaultAction));
}

/**
 * Shrinks a scenario that fails; the shrunk scenario fails the same checker. Left out, the
 * implementation is the reference one and the budget DEFAULT_SHRINK_BUDGET scenario runs.
 */
export function shrinkScenario(
  scenario: Scenario,
  implementation: RaftImplementation = referenceImplementation,
  budget: number = DEFAULT_SHRINK_BUDGET,
): ShrinkAttempt {
  checkArguments('shrinkScenario', ['scenario', scenario, SCENARIO], ['implementation', implementation, RAFT_IMPLEMENTATION], ['budget', budget, integer(1)]);
  const search = beginShrink(scenario, { implementation }, budget, () => false);
  if (!search.ok) return search;
  fc.check(
    fc.property(search.arbitrary, (candidate) => !search.failsTheSameWay(candidate)),
    search.parameters,
  );
  return search.finish();
}

/** What an interruptible shrink does between two candidate runs. */
export interface ShrinkControl {
  /** Lets other work run (an event loop that notices Ctrl-C) before the next candidate. */
  readonly pause: () => Promise<void>;
  /** True ends the search with the smallest failing scenario found so far; the result says it stopped early. */
  readonly shouldStop: () => boolean;
  /** Cells every candidate's run writes its virtual time and event number into (see sim/run-progress.ts), so that a watcher sees it move. */
  readonly progress?: RunProgressCells;
}

/** shrinkScenario, pausing between candidate runs and stopping when asked: the same search, the same result when not stopped. */
export async function shrinkScenarioInterruptibly(
  scenario: Scenario,
  implementation: RaftImplementation,
  budget: number,
  control: ShrinkControl,
): Promise<ShrinkAttempt> {
  const search = beginShrink(scenario, { implementation, ...(control.progress === undefined ? {} : { progress: control.progress }) }, budget, control.shouldStop);
  if (!search.ok) return search;
  await fc.check(
    fc.asyncProperty(search.arbitrary, async (candidate) => {
      await control.pause();
      return !search.failsTheSameWay(candidate);
    }),
    search.parameters,
  );
  return search.finish();
}

/** A search ready to run: fast-check drives `failsTheSameWay` over `arbitrary`, then `finish` gives the result. */
interface ShrinkSearch {
  readonly ok: true;
  readonly arbitrary: fc.Arbitrary<ScenarioCase>;
  readonly parameters: fc.Parameters<[ScenarioCase]>;
  readonly failsTheSameWay: (candidate: ScenarioCase) => boolean;
  readonly finish: () => ShrinkAttempt;
}

/** How every run of a search runs: the implementation, and the progress cells it writes into, if any. */
type RunWith = Pick<ScenarioRunOptions, 'implementation' | 'progress'>;

function beginShrink(
  scenario: Scenario,
  runWith: RunWith,
  budget: number,
  shouldStop: () => boolean,
): ShrinkSearch | { readonly ok: false; readonly problem: string } {
  const first = runScenario(scenario, { ...runWith, trace: 'hash' });
  const target = first.failures[0];
  if (target === undefined) return { ok: false, problem: `scenario "${scenario.name}" with seed ${scenario.seed} does not fail, so there is nothing to shrink` };
  if (target.kind === 'truncated') return { ok: false, problem: `scenario "${scenario.name}" with seed ${scenario.seed} ${target.message}; no check failed, so there is nothing to shrink` };
  for (const [index, step] of scenario.timeline.entries()) {
    if (!isShrinkable(step)) {
      return { ok: false, problem: `timeline[${index}] (${step.action.type}) is not a timed fault; only timelines of timed faults can be shrunk` };
    }
  }
  // A run is the same up to any moment whatever is scheduled after it, so a safety violation at time T
  // needs nothing after T: cut there first, which is exact, before fast-check tries anything.
  const start = target.kind === 'violation' ? cutAfter(scenario, target.atMs) : scenario;
  let runs = 1;
  if (start !== scenario) {
    runs++;
    const cut = runScenario(start, { ...runWith, trace: 'hash' }).failures[0];
    if (cut === undefined || cut.checker !== target.checker || cut.message !== target.message || cut.atMs !== target.atMs) {
      return { ok: false, problem: 'the run does not fail the same way when cut at its violation; this is a bug in raftsim' };
    }
  }
  return searchSmaller(scenario, start, target, runWith, { budget, runsSoFar: runs, shouldStop });
}

/**
 * The scenario up to just past `atMs`: later actions dropped, and the liveness phase too unless it had
 * begun (its settling then happened before the violation and must stay; only its window is shortened).
 */
function cutAfter(scenario: Scenario, atMs: number): Scenario {
  const endMs = Math.floor(atMs) + 1;
  const liveness = scenario.liveness;
  // The run reached its violation within its own event bound; a shorter run's default bound may be lower.
  const maxEvents = scenario.cluster.maxEvents ?? defaultMaxEvents(scenario.cluster.durationMs);
  const bound = maxEvents === defaultMaxEvents(endMs) ? {} : { maxEvents };
  return {
    ...scenario,
    cluster: { ...scenario.cluster, durationMs: endMs, ...bound },
    timeline: scenario.timeline.filter((step) => step.atMs! <= endMs),
    liveness: liveness !== null && liveness.atMs <= atMs ? { atMs: liveness.atMs, withinMs: endMs - liveness.atMs } : null,
  };
}

function searchSmaller(
  original: Scenario,
  scenario: Scenario,
  target: ScenarioFailure,
  runWith: RunWith,
  limits: { readonly budget: number; readonly runsSoFar: number; readonly shouldStop: () => boolean },
): ShrinkSearch {
  const timeline: TimedFault[] = [];
  for (const step of scenario.timeline) {
    timeline.push({ atMs: step.atMs!, action: step.action as FaultAction });
  }
  const faultPhaseMs = scenario.liveness === null ? scenario.cluster.durationMs : scenario.liveness.atMs;
  const example: ScenarioCase = {
    nodes: scenario.cluster.nodes,
    faultPhaseMs,
    maxEntriesPerAppend: scenario.cluster.maxEntriesPerAppend,
    requestsPerSecond: Math.round(scenario.workload.requestsPerSecond),
    leaderCrashes: scenario.leaderCrashes,
    timeline,
  };
  const arbitrary = scenarioCaseArbitrary({
    maxNodes: example.nodes,
    maxFaultPhaseMs: Math.max(1, faultPhaseMs),
    maxEntriesPerAppend: example.maxEntriesPerAppend,
    maxRequestsPerSecond: example.requestsPerSecond,
    leaderCrashes: scenario.leaderCrashes,
    maxFaults: timeline.length,
  });
  const base: Scenario = { ...scenario, timeline: [], workload: { ...scenario.workload, requestsPerSecond: example.requestsPerSecond } };
  let runs = limits.runsSoFar;
  let best = scenario;
  let stoppedEarly = false;
  const failsTheSameWay = (candidate: ScenarioCase): boolean => {
    // Past the budget, or once asked to stop, every candidate counts as passing, which ends the search with the best so far.
    if (runs >= limits.budget || stoppedEarly) return false;
    stoppedEarly = limits.shouldStop();
    if (stoppedEarly) return false;
    runs++;
    const shrunk = caseToScenario(candidate, base);
    // Every scenario kept must also be one that a file can hold, or its replay would be refused.
    if (!scenarioFromDocument(scenarioToDocument(shrunk)).ok) return false;
    const failure = runScenario(shrunk, { ...runWith, trace: 'hash' }).failures[0];
    const same = failure !== undefined && failure.kind === target.kind && failure.checker === target.checker;
    if (same && isSmaller(scenarioSize(shrunk), scenarioSize(best))) best = shrunk;
    return same;
  };
  const finish = (): ShrinkAttempt => {
    const confirmed = runScenario(best, { ...runWith, trace: 'hash' }).failures[0];
    const holds = confirmed !== undefined && confirmed.checker === target.checker;
    return { ok: true, result: { original, shrunk: holds ? best : scenario, failure: holds ? confirmed : target, runs, stoppedEarly } };
  };
  return { ok: true, arbitrary, parameters: { examples: [[example]], numRuns: 1, seed: 1, endOnFailure: false }, failsTheSameWay, finish };
}

function isSmaller(candidate: ScenarioSize, best: ScenarioSize): boolean {
  if (candidate.actions !== best.actions) return candidate.actions < best.actions;
  if (candidate.nodes !== best.nodes) return candidate.nodes < best.nodes;
  return candidate.durationMs < best.durationMs;
}
