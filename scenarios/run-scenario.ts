/**
 * Running a scenario: its timeline's actions become events on the simulation's queue (so a scenario
 * replays exactly like the seeded run it came from), waits step the simulation until their condition
 * holds, and afterwards the expectations and the liveness phase are judged. The safety checkers run
 * throughout, as in every run.
 */
import type { RaftImplementation } from '../core/contract.js';
import { referenceImplementation } from '../core/node.js';
import type { Entry, PersistentState } from '../core/types.js';
import type { FaultAction, NodeOverrides, RunResult, SimulationOptions, TraceMode } from '../sim/index.js';
import { Simulation, simulationOptions } from '../sim/index.js';
import type { ExpectationOutcome } from './expectations.js';
import { describeExpectation, judgeExpectations } from './expectations.js';
import { checkConvergence } from './liveness.js';
import type { CommitObservation, RoleObservation } from './observations.js';
import { ClusterWatcher, currentLeader } from './observations.js';
import type { NodeSet, Scenario, ScenarioAction, ScenarioStep } from './scenario.js';

export interface ScenarioRunOptions {
  readonly implementation?: RaftImplementation;
  /** Runs the scenario with another seed (exploring one scenario over many seeds). */
  readonly seed?: number;
  readonly trace?: TraceMode;
}

/** Why a scenario run failed: a safety checker, an expectation, a wait that timed out, or liveness. */
export interface ScenarioFailure {
  readonly kind: 'violation' | 'expectation' | 'wait' | 'liveness';
  /** The checker's name for violations; `expectation`, `wait` or `liveness` otherwise. */
  readonly checker: string;
  readonly message: string;
  readonly atMs: number;
}

export interface StepRecord {
  readonly index: number;
  readonly label: string | undefined;
  readonly atMs: number;
  readonly action: ScenarioAction;
  readonly outcome: 'scheduled' | 'waited' | 'timed-out' | 'not-reached';
}

export interface ScenarioRunResult {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly run: RunResult;
  readonly steps: readonly StepRecord[];
  readonly roles: readonly RoleObservation[];
  readonly commits: readonly CommitObservation[];
  /** The committed history at the end, index 1 first. */
  readonly committed: readonly Entry[];
  readonly expectations: readonly ExpectationOutcome[];
  readonly failures: readonly ScenarioFailure[];
  readonly passed: boolean;
}

export function runScenario(scenario: Scenario, runOptions: ScenarioRunOptions = {}): ScenarioRunResult {
  const seed = runOptions.seed ?? scenario.seed;
  const simulation = new Simulation(scenarioSimulationOptions(scenario, seed, runOptions));
  const watcher = new ClusterWatcher(simulation.cluster);
  const leaderIntervals: [number, number][] = [];
  const steps: StepRecord[] = [];
  const labelTimes = new Map<string, number>();
  const failures: ScenarioFailure[] = [];
  // Watching every event costs; only expectations and waits need it (liveness checks its own phase).
  const watching = scenario.expect.length > 0 || scenario.timeline.some(isWait);
  const nowMs = () => simulation.virtualTimeUs / 1000;
  const linked = (a: number, b: number) => simulation.linkedBothWays(a, b);

  // Leader intervals join up from one event to the next: a leader seen at two consecutive events was
  // in place in between.
  let leaderAtLastEvent = false;
  const stepOnce = (): boolean => {
    const more = simulation.step();
    if (!watching) return more;
    const atMs = nowMs();
    watcher.poll(atMs);
    const leaderNow = currentLeader(simulation.cluster, null, linked) !== null;
    if (leaderNow) {
      const last = leaderIntervals[leaderIntervals.length - 1];
      if (leaderAtLastEvent && last !== undefined) last[1] = atMs;
      else leaderIntervals.push([atMs, atMs]);
    }
    leaderAtLastEvent = leaderNow;
    return more;
  };
  const runUntil = (untilMs: number) => {
    while (simulation.nextEventTimeUs() <= untilMs * 1000 && stepOnce()) {
      // Each event is observed inside stepOnce.
    }
  };

  if (scenario.liveness !== null) simulation.scheduleAction(scenario.liveness.atMs * 1000, { type: 'settle' });
  let cursorMs = 0;
  scenario.timeline.forEach((step, index) => {
    const plannedMs = Math.max(step.atMs ?? cursorMs + (step.afterMs ?? 0), cursorMs);
    if (!isWait(step)) {
      scheduleStep(simulation, step, plannedMs);
      if (step.label !== undefined) labelTimes.set(step.label, plannedMs);
      steps.push({ index, label: step.label, atMs: plannedMs, action: step.action, outcome: 'scheduled' });
      cursorMs = plannedMs;
      return;
    }
    runUntil(plannedMs);
    if (simulation.isOver) {
      steps.push({ index, label: step.label, atMs: plannedMs, action: step.action, outcome: 'not-reached' });
      return;
    }
    const deadlineMs = plannedMs + step.action.withinMs;
    const holds = () => waitConditionHolds(simulation, step.action as WaitAction);
    while (!holds() && simulation.nextEventTimeUs() <= deadlineMs * 1000 && stepOnce()) {
      // Step until the condition holds or the deadline passes.
    }
    const waited = holds();
    const endedMs = waited ? nowMs() : Math.min(deadlineMs, scenario.cluster.durationMs);
    if (!waited) {
      failures.push({ kind: 'wait', checker: 'wait', message: `timeline[${index}]: ${describeWait(step.action as WaitAction)} did not happen by ${formatSeconds(deadlineMs)}`, atMs: endedMs });
    }
    if (step.label !== undefined) labelTimes.set(step.label, endedMs);
    steps.push({ index, label: step.label, atMs: endedMs, action: step.action, outcome: waited ? 'waited' : 'timed-out' });
    cursorMs = Math.max(cursorMs, endedMs);
  });

  let converged: string | null = null;
  if (scenario.liveness !== null) {
    runUntil(scenario.liveness.atMs);
    const deadlineMs = scenario.liveness.atMs + scenario.liveness.withinMs;
    let problem = checkConvergence(simulation.cluster, scenario.liveness.withinMs);
    while (problem !== null && simulation.nextEventTimeUs() <= deadlineMs * 1000 && stepOnce()) {
      problem = checkConvergence(simulation.cluster, scenario.liveness.withinMs);
    }
    converged = problem;
  }
  while (stepOnce()) {
    // Run to the end of the scenario's duration.
  }
  const run = simulation.result();
  const violation = run.violations[0];
  if (violation !== undefined) failures.unshift({ kind: 'violation', checker: violation.checker, message: violation.message, atMs: violation.atMs });
  if (converged !== null && violation === undefined) {
    failures.push({ kind: 'liveness', checker: 'liveness', message: converged, atMs: scenario.liveness!.atMs + scenario.liveness!.withinMs });
  }
  const expectations =
    violation === undefined
      ? judgeExpectations(scenario.expect, { roles: watcher.roles, commits: watcher.commits, labelTimes, leaderIntervals, endMs: run.virtualMs })
      : [];
  for (const outcome of expectations) {
    if (!outcome.passed) failures.push({ kind: 'expectation', checker: 'expectation', message: `${describeExpectation(outcome.expectation)}: ${outcome.detail}`, atMs: run.virtualMs });
  }
  return {
    scenario,
    seed,
    run,
    steps,
    roles: watcher.roles,
    commits: watcher.commits,
    committed: simulation.cluster.committedEntries.slice(1) as Entry[],
    expectations,
    failures,
    passed: failures.length === 0,
  };
}

type WaitAction = Extract<ScenarioAction, { type: 'wait-for-leader' | 'wait-for-commit' }>;

function isWait(step: ScenarioStep): step is ScenarioStep & { action: WaitAction } {
  return step.action.type === 'wait-for-leader' || step.action.type === 'wait-for-commit';
}

function waitConditionHolds(simulation: Simulation, action: WaitAction): boolean {
  if (action.type === 'wait-for-commit') return simulation.cluster.committedLength() >= action.index;
  const among = action.among === undefined ? null : simulation.resolveNodes(action.among);
  return currentLeader(simulation.cluster, among, (a, b) => simulation.linkedBothWays(a, b)) !== null;
}

function describeWait(action: WaitAction): string {
  return action.type === 'wait-for-commit' ? `index ${action.index} committed` : `a leader${action.among === undefined ? '' : ` among ${describeSet(action.among)}`}`;
}

function describeSet(set: NodeSet): string {
  return typeof set === 'string' ? set : set.join(',');
}

function scheduleStep(simulation: Simulation, step: ScenarioStep, atMs: number): void {
  const action = step.action;
  if (action.type === 'network') {
    const { forMs, ...change } = action;
    simulation.scheduleAction(atMs * 1000, change as FaultAction);
    if (forMs !== undefined) {
      const undo: FaultAction =
        change.from === undefined && change.to === undefined
          ? { type: 'restore-network' }
          : { type: 'network', ...(change.from === undefined ? {} : { from: change.from }), ...(change.to === undefined ? {} : { to: change.to }), change: {}, reset: true };
      simulation.scheduleAction((atMs + forMs) * 1000, undo);
    }
    return;
  }
  simulation.scheduleAction(atMs * 1000, action as FaultAction);
}

/** The simulation options a scenario stands for. */
export function scenarioSimulationOptions(scenario: Scenario, seed: number, runOptions: ScenarioRunOptions = {}): SimulationOptions {
  const cluster = scenario.cluster;
  const nodeOverrides: Record<number, NodeOverrides> = {};
  for (const [key, spec] of Object.entries(cluster.perNode)) {
    nodeOverrides[Number(key)] = {
      ...(spec.clockRate === undefined ? {} : { clockRate: spec.clockRate }),
      ...(spec.electionTimeoutMs === undefined ? {} : { electionTimeoutMinMs: spec.electionTimeoutMs[0], electionTimeoutMaxMs: spec.electionTimeoutMs[1] }),
      ...(spec.term === undefined && spec.logTerms === undefined ? {} : { persisted: persistedFromTerms(spec.term ?? 0, spec.logTerms ?? []) }),
    };
  }
  return simulationOptions({
    seed,
    nodeCount: cluster.nodes,
    durationMs: cluster.durationMs,
    tickMs: cluster.tickMs,
    electionTimeoutMinMs: cluster.electionTimeoutMs[0],
    electionTimeoutMaxMs: cluster.electionTimeoutMs[1],
    heartbeatMs: cluster.heartbeatMs,
    maxEntriesPerAppend: cluster.maxEntriesPerAppend,
    network: {
      latencyMinMs: scenario.network.latencyMs[0],
      latencyMaxMs: scenario.network.latencyMs[1],
      lossRate: scenario.network.lossRate,
      duplicateRate: scenario.network.duplicateRate,
      reorderRate: scenario.network.reorderRate,
    },
    workload: scenario.workload,
    leaderCrashes: scenario.leaderCrashes,
    nodeOverrides,
    implementation: runOptions.implementation ?? referenceImplementation,
    trace: runOptions.trace ?? 'full',
  });
}

function persistedFromTerms(term: number, logTerms: readonly number[]): PersistentState {
  const log: Entry[] = logTerms.map((entryTerm, index) => ({ term: entryTerm, kind: 'command', command: `x${index + 1}` }));
  const lastTerm = logTerms.length === 0 ? 0 : logTerms[logTerms.length - 1]!;
  return { hardState: { term: Math.max(term, lastTerm), votedFor: null }, log };
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}
