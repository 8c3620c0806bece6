/**
 * Running a scenario: its timeline's actions become events on the simulation's queue (so a scenario
 * replays exactly like the seeded run it came from), waits step the simulation until their condition
 * holds, and afterwards the expectations and the liveness phase are judged. The safety checkers run
 * throughout, as in every run.
 */
import type { RaftImplementation } from '../core/contract.js';
import { referenceImplementation } from '../core/node.js';
import type { Entry, PersistentState } from '../core/types.js';
import type { FaultAction, NodeOverrides, RunResult, SimulationOptions, SimulationOptionsInput, TraceMode } from '../sim/index.js';
import { resolveSimulationOptions, Simulation, simulationOptions } from '../sim/index.js';
import type { ExpectationOutcome } from './expectations.js';
import { describeExpectation, judgeExpectations } from './expectations.js';
import { checkConvergence } from './liveness.js';
import type { CommitObservation, RoleObservation } from './observations.js';
import { ClusterWatcher, currentLeader } from './observations.js';
import { protocolSimulationOptions } from './protocol-options.js';
import type { NodeSet, Scenario, ScenarioAction, ScenarioStep } from './scenario.js';

export interface ScenarioRunOptions {
  /**
   * The implementation under test. Absent, the reference node: a scenario is written against the
   * reference, and running one as it stands is what the library's users and most tests ask for. This
   * is the one default the layers below the CLI keep; the simulator itself has none.
   */
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
  /** [from ms, to ms, first event, last event] of each stretch of events that saw a leader in place. */
  const leaderIntervals: [number, number, number, number][] = [];
  /** For each label, the number of the last event before its step took effect. */
  const labelEvents = new Map<string, number>();
  const labelActions = new Map<string, number>();
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
      const event = simulation.eventsHandled;
      if (leaderAtLastEvent && last !== undefined) {
        last[1] = atMs;
        last[3] = event;
      } else {
        leaderIntervals.push([atMs, atMs, event, event]);
      }
    }
    leaderAtLastEvent = leaderNow;
    return more;
  };
  // Every time below is a whole number of microseconds, rounded once, as the simulator schedules them.
  const runUntil = (untilUs: number) => {
    while (simulation.nextEventTimeUs() <= untilUs && stepOnce()) {
      // Each event is observed inside stepOnce.
    }
  };
  const durationUs = toUs(scenario.cluster.durationMs);

  if (scenario.liveness !== null) simulation.scheduleAction(toUs(scenario.liveness.atMs), { type: 'settle' });
  let cursorUs = 0;
  scenario.timeline.forEach((step, index) => {
    const plannedUs = Math.max(step.atMs !== undefined ? toUs(step.atMs) : cursorUs + toUs(step.afterMs ?? 0), cursorUs);
    const record = (atUs: number, outcome: StepRecord['outcome']) =>
      steps.push({ index, label: step.label, atMs: atUs / 1000, action: step.action, outcome });
    if (plannedUs > durationUs || simulation.isOver) {
      record(plannedUs, 'not-reached');
      if (isWait(step)) failures.push({ kind: 'wait', checker: 'wait', message: `timeline[${index}]: the run ended before this wait (${describeWait(step.action)})`, atMs: nowMs() });
      return;
    }
    if (!isWait(step)) {
      const actionIndex = simulation.scheduleAction(plannedUs, step.action as FaultAction);
      if (step.label !== undefined) {
        labelTimes.set(step.label, plannedUs / 1000);
        labelActions.set(step.label, actionIndex);
      }
      record(plannedUs, 'scheduled');
      cursorUs = plannedUs;
      return;
    }
    runUntil(plannedUs);
    const action = step.action;
    // A random set (any-minority) is drawn once, when the wait begins.
    const among = action.type === 'wait-for-leader' && action.among !== undefined ? simulation.resolveNodes(action.among) : null;
    const holds = () => waitConditionHolds(simulation, action, among);
    const deadlineUs = Math.min(plannedUs + toUs(action.withinMs), durationUs);
    while (!holds() && simulation.nextEventTimeUs() <= deadlineUs && stepOnce()) {
      // Step until the condition holds or the deadline passes.
    }
    const waited = holds();
    const endedUs = waited ? simulation.virtualTimeUs : deadlineUs;
    if (!waited) {
      failures.push({ kind: 'wait', checker: 'wait', message: `timeline[${index}]: ${describeWait(action)} did not happen by ${formatSeconds(deadlineUs / 1000)}`, atMs: endedUs / 1000 });
    }
    if (step.label !== undefined) {
      labelTimes.set(step.label, endedUs / 1000);
      labelEvents.set(step.label, simulation.eventsHandled - 1);
    }
    record(endedUs, waited ? 'waited' : 'timed-out');
    cursorUs = Math.max(cursorUs, endedUs);
  });

  let converged: string | null = null;
  const liveness = scenario.liveness;
  if (liveness !== null) {
    const deadlineUs = toUs(liveness.atMs + liveness.withinMs);
    if (deadlineUs > durationUs) {
      converged = `the run ends at ${formatSeconds(scenario.cluster.durationMs)}, before its liveness phase can end at ${formatSeconds(liveness.atMs + liveness.withinMs)}`;
    } else {
      runUntil(toUs(liveness.atMs));
      let problem = checkConvergence(simulation.cluster, liveness.withinMs);
      while (problem !== null && simulation.nextEventTimeUs() <= deadlineUs && stepOnce()) {
        problem = checkConvergence(simulation.cluster, liveness.withinMs);
      }
      converged = problem;
    }
  }
  while (stepOnce()) {
    // Run to the end of the scenario's duration.
  }
  const run = simulation.result();
  for (const [label, actionIndex] of labelActions) {
    const event = simulation.eventOfAction(actionIndex);
    if (event === undefined) labelTimes.delete(label);
    else labelEvents.set(label, event);
  }
  const violation = run.violations[0];
  // A violation the scenario sets out to show is its expectation met, not a failure.
  const expected = violation !== undefined && scenario.expect.some((expectation) => expectation.type === 'caught' && expectation.checker === violation.checker);
  if (violation !== undefined && !expected) failures.unshift({ kind: 'violation', checker: violation.checker, message: violation.message, atMs: violation.atMs });
  if (converged !== null && violation === undefined) {
    failures.push({ kind: 'liveness', checker: 'liveness', message: converged, atMs: scenario.liveness!.atMs + scenario.liveness!.withinMs });
  }
  const violations = run.violations.map(({ checker, message }) => ({ checker, message }));
  const expectations =
    violation === undefined || expected
      ? judgeExpectations(scenario.expect, { roles: watcher.roles, commits: watcher.commits, labelTimes, labelEvents, leaderIntervals, endMs: run.virtualMs, violations })
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

function waitConditionHolds(simulation: Simulation, action: WaitAction, among: readonly number[] | null): boolean {
  if (action.type === 'wait-for-commit') return simulation.cluster.committedLength() >= action.index;
  return currentLeader(simulation.cluster, among, (a, b) => simulation.linkedBothWays(a, b)) !== null;
}

function toUs(ms: number): number {
  return Math.round(ms * 1000);
}

function describeWait(action: WaitAction): string {
  return action.type === 'wait-for-commit' ? `index ${action.index} committed` : `a leader${action.among === undefined ? '' : ` among ${describeSet(action.among)}`}`;
}

function describeSet(set: NodeSet): string {
  return typeof set === 'string' ? set : set.join(',');
}

/** The simulation options a scenario stands for. */
export function scenarioSimulationOptions(scenario: Scenario, seed: number, runOptions: ScenarioRunOptions = {}): SimulationOptions {
  return simulationOptions(scenarioOptionsInput(scenario, seed, runOptions));
}

/** What is wrong with a scenario's settings as a simulation (a heartbeat shorter than a tick, …), or null. */
export function scenarioOptionsProblem(scenario: Scenario): string | null {
  const resolved = resolveSimulationOptions(scenarioOptionsInput(scenario, scenario.seed));
  return resolved.ok ? null : resolved.problem;
}

function scenarioOptionsInput(scenario: Scenario, seed: number, runOptions: ScenarioRunOptions = {}): SimulationOptionsInput {
  const cluster = scenario.cluster;
  const protocol = protocolSimulationOptions(cluster);
  const nodeOverrides: Record<number, NodeOverrides> = {};
  for (const [key, spec] of Object.entries(cluster.perNode)) {
    nodeOverrides[Number(key)] = {
      ...(spec.clockRate === undefined ? {} : { clockRate: spec.clockRate }),
      ...(spec.electionTimeoutMs === undefined ? {} : { electionTimeoutMinMs: spec.electionTimeoutMs[0], electionTimeoutMaxMs: spec.electionTimeoutMs[1] }),
      ...(spec.term === undefined && spec.logTerms === undefined ? {} : { persisted: persistedFromTerms(spec.term ?? 0, spec.logTerms ?? []) }),
    };
  }
  return {
    seed,
    nodeCount: cluster.nodes,
    durationMs: cluster.durationMs,
    tickMs: cluster.tickMs,
    ...protocol,
    initialMembers: cluster.members,
    disk: { ...protocol.disk, faultOnCrash: cluster.diskFaultOnCrash },
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
  };
}

function persistedFromTerms(term: number, logTerms: readonly number[]): PersistentState {
  const log: Entry[] = logTerms.map((entryTerm, index) => ({ term: entryTerm, kind: 'command', command: `x${index + 1}` }));
  const lastTerm = logTerms.length === 0 ? 0 : logTerms[logTerms.length - 1]!;
  return { hardState: { term: Math.max(term, lastTerm), votedFor: null }, log };
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}
