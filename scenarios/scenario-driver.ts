/**
 * Drives one scenario run: its timeline's actions become events on the simulation's queue (so a
 * scenario replays exactly like the seeded run it came from), waits step the simulation until their
 * condition holds, the liveness phase steps until the cluster converges, and at the end the failures
 * and expectations are judged. Each event is observed as it happens, for the expectations.
 */
import type { Entry } from '../core/types.js';
import type { FaultAction, RunResult, Simulation } from '../sim/index.js';
import { RandomStream, STREAM } from '../sim/index.js';
import { describeExpectation, judgeExpectations } from './expectations.js';
import type { ExpectationOutcome } from './expectations.js';
import { judges } from './check-settings.js';
import { checkConvergence, hasConverged } from './liveness.js';
import { LivenessProgress } from './liveness-progress.js';
import { ClusterWatcher, currentLeader } from './observations.js';
import { ExpectationWatch } from './run-observers.js';
import type { ScenarioFailure, ScenarioRunResult, StepRecord, Truncation } from './run-scenario.js';
import type { NodeSet, Scenario, ScenarioAction, ScenarioStep } from './scenario.js';

type WaitAction = Extract<ScenarioAction, { type: 'wait-for-leader' | 'wait-for-commit' }>;

/** The liveness phase's outcome: judged (converged, or what had not converged) or not judged at all. */
interface LivenessVerdict {
  readonly judged: boolean;
  /** What had not converged by the deadline; null when it converged or was not judged. */
  readonly problem: string | null;
}

const NOT_JUDGED: LivenessVerdict = { judged: false, problem: null };

export class ScenarioDriver {
  private readonly watcher: ClusterWatcher;
  /** [from ms, to ms, first event, last event] of each stretch of events that saw a leader in place. */
  private readonly leaderIntervals: [number, number, number, number][] = [];
  /** For each label, the number of the last event before its step took effect. */
  private readonly labelEvents = new Map<string, number>();
  private readonly labelActions = new Map<string, number>();
  private readonly labelTimes = new Map<string, number>();
  private readonly steps: StepRecord[] = [];
  private readonly failures: ScenarioFailure[] = [];
  /** Watching every event costs; only expectations and waits need it (liveness checks its own phase). */
  private readonly watching: boolean;
  private readonly durationUs: number;
  private leaderAtLastEvent = false;
  /** The expectations about commands, messages and leaders at a moment; null when there are none to watch for. */
  private readonly watch: ExpectationWatch | null;
  /** Draws the step timings given as ranges; made when the first is needed. */
  private timing: RandomStream | null = null;

  constructor(
    private readonly scenario: Scenario,
    private readonly seed: number,
    private readonly simulation: Simulation,
  ) {
    this.watcher = new ClusterWatcher(simulation.cluster);
    this.watching = scenario.expect.length > 0 || scenario.timeline.some(isWait);
    this.durationUs = toUs(scenario.cluster.durationMs);
    this.watch = this.watching ? new ExpectationWatch(scenario.expect, simulation, this.labelTimes) : null;
  }

  run(): ScenarioRunResult {
    const liveness = this.scenario.liveness;
    if (liveness !== null) this.simulation.scheduleAction(toUs(liveness.atMs), { type: 'settle' });
    let cursorUs = 0;
    this.scenario.timeline.forEach((step, index) => {
      cursorUs = this.playStep(step, index, cursorUs);
    });
    const livenessVerdict = this.runLiveness();
    while (this.stepOnce()) {
      // Run to the end of the scenario's duration.
    }
    return this.verdict(livenessVerdict);
  }

  private nowMs(): number {
    return this.simulation.virtualTimeUs / 1000;
  }

  /**
   * One event, observed. Leader intervals join up from one event to the next: a leader seen at two
   * consecutive events was in place in between.
   */
  private stepOnce(): boolean {
    const simulation = this.simulation;
    this.watch?.beforeEvent();
    const more = simulation.step();
    if (!this.watching) return more;
    const atMs = this.nowMs();
    this.watcher.poll(atMs);
    this.watch?.afterEvent(atMs);
    const leaderNow = currentLeader(simulation.cluster, null, (a, b) => simulation.linkedBothWays(a, b)) !== null;
    if (leaderNow) {
      const last = this.leaderIntervals[this.leaderIntervals.length - 1];
      const event = simulation.eventsHandled;
      if (this.leaderAtLastEvent && last !== undefined) {
        last[1] = atMs;
        last[3] = event;
      } else {
        this.leaderIntervals.push([atMs, atMs, event, event]);
      }
    }
    this.leaderAtLastEvent = leaderNow;
    return more;
  }

  /** Every time here is a whole number of microseconds, rounded once, as the simulator schedules them. */
  private runUntil(untilUs: number): void {
    while (this.simulation.nextEventTimeUs() <= untilUs && this.stepOnce()) {
      // Each event is observed inside stepOnce.
    }
  }

  /** When a step comes up: at its time, or after the previous one (a range drawn now), never before the cursor. */
  private plannedUs(step: ScenarioStep, cursorUs: number): number {
    if (step.atMs !== undefined) return Math.max(toUs(step.atMs), cursorUs);
    const after = step.afterMs ?? 0;
    if (typeof after === 'number') return cursorUs + toUs(after);
    this.timing ??= new RandomStream(this.seed, STREAM.scenarioTiming);
    return cursorUs + toUs(this.timing.int(after[0], after[1]));
  }

  /** Plays a repeat's steps its number of times, each after the one before; returns the cursor after the last. */
  private playRepeat(steps: readonly ScenarioStep[], times: number, index: number, cursorUs: number): number {
    let cursor = cursorUs;
    for (let round = 0; round < times && !this.simulation.isOver; round++) {
      for (const step of steps) cursor = this.playStep(step, index, cursor);
    }
    return cursor;
  }

  /** Schedules an action or carries out a wait; returns the timeline's cursor after the step. */
  private playStep(step: ScenarioStep, index: number, cursorUs: number): number {
    const plannedUs = this.plannedUs(step, cursorUs);
    if (step.action.type === 'repeat') return this.playRepeat(step.action.steps, step.action.times, index, plannedUs);
    const record = (atUs: number, outcome: StepRecord['outcome']) =>
      this.steps.push({ index, label: step.label, atMs: atUs / 1000, action: step.action, outcome });
    if (plannedUs > this.durationUs || this.simulation.isOver) {
      record(plannedUs, 'not-reached');
      // A run cut short at its event bound is a failure of its own (truncated); the wait was not judged.
      if (isWait(step) && !this.simulation.stoppedAtEventBound) this.failWait(`timeline[${index}]: the run ended before this wait (${describeWait(step.action)})`, this.nowMs());
      return cursorUs;
    }
    if (!isWait(step)) {
      const actionIndex = this.simulation.scheduleAction(plannedUs, step.action as FaultAction, step.as);
      if (step.label !== undefined) {
        this.labelTimes.set(step.label, plannedUs / 1000);
        this.labelActions.set(step.label, actionIndex);
      }
      record(plannedUs, 'scheduled');
      return plannedUs;
    }
    const endedUs = this.wait(step.action, index, plannedUs);
    const waited = endedUs !== null;
    if (waited && step.as !== undefined) this.rememberLeader(step.as);
    const atUs = endedUs ?? Math.min(plannedUs + toUs(step.action.withinMs), this.durationUs);
    if (step.label !== undefined) {
      this.labelTimes.set(step.label, atUs / 1000);
      this.labelEvents.set(step.label, this.simulation.eventsHandled - 1);
    }
    record(atUs, waited ? 'waited' : this.simulation.stoppedAtEventBound ? 'not-reached' : 'timed-out');
    return Math.max(cursorUs, atUs);
  }

  /** Gives a name to the leader a wait found (as wait-for-leader's `as`). */
  private rememberLeader(name: string): void {
    const leader = currentLeader(this.simulation.cluster, null, (a, b) => this.simulation.linkedBothWays(a, b));
    this.simulation.rememberNodes(name, leader === null ? [] : [leader]);
  }

  /** Steps until the wait's condition holds; returns when it did, or null when its deadline passed first. */
  private wait(action: WaitAction, index: number, plannedUs: number): number | null {
    const simulation = this.simulation;
    this.runUntil(plannedUs);
    // A random set (any-minority) is drawn once, when the wait begins.
    const among = action.type === 'wait-for-leader' && action.among !== undefined ? simulation.resolveNodes(action.among) : null;
    const holds = () => waitConditionHolds(simulation, action, among);
    const deadlineUs = Math.min(plannedUs + toUs(action.withinMs), this.durationUs);
    while (!holds() && simulation.nextEventTimeUs() <= deadlineUs && this.stepOnce()) {
      // Step until the condition holds or the deadline passes.
    }
    if (holds()) return simulation.virtualTimeUs;
    // Stopped at the event bound before the deadline: the wait was not judged (the run fails as truncated).
    if (!simulation.stoppedAtEventBound) this.failWait(`timeline[${index}]: ${describeWait(action)} did not happen by ${formatSeconds(deadlineUs / 1000)}`, deadlineUs / 1000);
    return null;
  }

  private failWait(message: string, atMs: number): void {
    this.failures.push({ kind: 'wait', checker: 'wait', message, atMs });
  }

  /**
   * Steps through the liveness phase until the cluster converges. Not judged when the scenario has no
   * liveness phase or skips the check, or when the run stops (at a violation or its event bound)
   * before the phase begins, or before the cluster has converged or the deadline has passed.
   */
  private runLiveness(): LivenessVerdict {
    const liveness = this.scenario.liveness;
    if (liveness === null || !judges(this.scenario, 'liveness')) return NOT_JUDGED;
    const deadlineUs = toUs(liveness.atMs + liveness.withinMs);
    if (deadlineUs > this.durationUs) {
      return { judged: true, problem: `the run ends at ${formatSeconds(this.scenario.cluster.durationMs)}, before its liveness phase can end at ${formatSeconds(liveness.atMs + liveness.withinMs)}` };
    }
    this.runUntil(toUs(liveness.atMs));
    if (this.simulation.isOver) return NOT_JUDGED;
    const cluster = this.simulation.cluster;
    const progress = new LivenessProgress(cluster, this.nowMs());
    while (!hasConverged(cluster) && this.simulation.nextEventTimeUs() <= deadlineUs && this.stepOnce()) {
      progress.observe();
    }
    const problem = checkConvergence(cluster, liveness.withinMs);
    if (problem === null) return { judged: true, problem: null };
    // Over before its deadline: stopped, not timed out (a run that completes has passed every deadline).
    if (this.simulation.isOver && this.simulation.virtualTimeUs < deadlineUs) return NOT_JUDGED;
    return { judged: true, problem: `${problem}; ${progress.describe(liveness.atMs + liveness.withinMs)}` };
  }

  private verdict(liveness: LivenessVerdict): ScenarioRunResult {
    const { scenario, simulation, failures } = this;
    const run = simulation.result();
    for (const [label, actionIndex] of this.labelActions) {
      const event = simulation.eventOfAction(actionIndex);
      if (event === undefined) this.labelTimes.delete(label);
      else this.labelEvents.set(label, event);
    }
    const truncated = simulation.stoppedAtEventBound
      ? { reason: 'max-events' as const, maxEvents: run.options.maxEvents, events: run.events, atMs: run.virtualMs, endMs: scenario.cluster.durationMs }
      : null;
    if (truncated !== null) failures.unshift({ kind: 'truncated', checker: 'truncated', message: describeTruncation(truncated, liveness.judged), atMs: truncated.atMs });
    const violation = run.violations[0];
    // A violation the scenario sets out to show is its expectation met, not a failure.
    const expected = violation !== undefined && scenario.expect.some((expectation) => expectation.type === 'caught' && expectation.checker === violation.checker);
    if (violation !== undefined && !expected) failures.unshift({ kind: 'violation', checker: violation.checker, message: violation.message, atMs: violation.atMs });
    if (liveness.problem !== null && violation === undefined) {
      failures.push({ kind: 'liveness', checker: 'liveness', message: liveness.problem, atMs: scenario.liveness!.atMs + scenario.liveness!.withinMs });
    }
    // Expectations speak of the whole run; a truncated run is not one.
    const expectations = truncated === null && (violation === undefined || expected) ? this.judge(run.virtualMs, run.violations, run.history) : [];
    for (const outcome of expectations) {
      if (!outcome.passed) failures.push({ kind: 'expectation', checker: 'expectation', message: `${describeExpectation(outcome.expectation)}: ${outcome.detail}`, atMs: run.virtualMs });
    }
    const { roles, commits } = this.watcher;
    const committed = simulation.cluster.committedEntries.slice(1, simulation.cluster.declaredLength() + 1) as Entry[];
    return {
      scenario,
      seed: this.seed,
      run,
      steps: this.steps,
      roles,
      commits,
      committed,
      expectations,
      failures,
      passed: failures.length === 0,
      truncated,
      livenessJudged: liveness.judged,
    };
  }

  private judge(endMs: number, found: readonly { readonly checker: string; readonly message: string }[], history: RunResult['history']): ExpectationOutcome[] {
    const violations = found.map(({ checker, message }) => ({ checker, message }));
    const { roles, commits } = this.watcher;
    const watched = this.watch?.finish(endMs) ?? null;
    return judgeExpectations(this.scenario.expect, { roles, commits, labelTimes: this.labelTimes, labelEvents: this.labelEvents, leaderIntervals: this.leaderIntervals, endMs, violations, watched, history });
  }
}

function isWait(step: ScenarioStep): step is ScenarioStep & { action: WaitAction } {
  return step.action.type === 'wait-for-leader' || step.action.type === 'wait-for-commit';
}

function waitConditionHolds(simulation: Simulation, action: WaitAction, among: readonly number[] | null): boolean {
  if (action.type === 'wait-for-commit') return simulation.cluster.declaredLength() >= action.index;
  return currentLeader(simulation.cluster, among, (a, b) => simulation.linkedBothWays(a, b)) !== null;
}

/** Where a truncated run stopped and what that leaves unchecked. */
function describeTruncation(truncation: Truncation, livenessJudged: boolean): string {
  const short = `stopped at its event bound (${truncation.maxEvents} events) at ${formatSeconds(truncation.atMs)} of virtual time, short of its end at ${formatSeconds(truncation.endMs)}`;
  const unchecked = livenessJudged ? 'nothing after that was simulated or checked' : 'nothing after that was simulated or checked, liveness included';
  return `${short}: ${unchecked}`;
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

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)}s`;
}
