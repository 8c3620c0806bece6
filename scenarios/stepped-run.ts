/**
 * A scenario run advanced from outside, an instant at a time, as the playground page runs one. The
 * simulation is built and its timeline scheduled exactly as runScenario's driver does for a timeline
 * without waits, so the same scenario run through the same instant gives the same trace hash (a test
 * holds the two to it). Between calls the run stands at the end of an instant: every event at or
 * before its time handled, none after.
 */
import type { RaftImplementation } from '../core/contract.js';
import type { TraceSink } from '../sim/index.js';
import { Simulation } from '../sim/index.js';
import { scenarioSimulationOptions } from './run-scenario.js';
import type { Scenario } from './scenario.js';

export class SteppedRun {
  readonly simulation: Simulation;
  private readonly durationUs: number;
  private reached = 0;

  constructor(scenario: Scenario, implementation: RaftImplementation, sink: TraceSink) {
    if (scenario.liveness !== null || scenario.expect.length > 0 || scenario.timeline.some((step) => step.action.type === 'wait-for-leader' || step.action.type === 'wait-for-commit')) {
      throw new RangeError('SteppedRun: a stepped run has no waits, expectations or liveness phase; runScenario judges those');
    }
    // Times drawn from a range, repeats and remembered nodes are the scenario driver's to resolve as the run goes.
    if (scenario.timeline.some((step) => typeof step.afterMs === 'object' || step.action.type === 'repeat' || step.as !== undefined)) {
      throw new RangeError('SteppedRun: a stepped run has only actions at fixed times; runScenario plays repeats, drawn times and remembered nodes');
    }
    this.simulation = new Simulation(scenarioSimulationOptions(scenario, scenario.seed, { implementation, traceSink: sink }), undefined, sink);
    this.durationUs = Math.round(scenario.cluster.durationMs * 1000);
    // As the driver schedules a timeline: in order, never before the step before, none past the end.
    let cursorUs = 0;
    for (const step of scenario.timeline) {
      const plannedUs = Math.max(step.atMs !== undefined ? Math.round(step.atMs * 1000) : cursorUs + Math.round(((step.afterMs as number | undefined) ?? 0) * 1000), cursorUs);
      if (plannedUs > this.durationUs) continue;
      this.simulation.scheduleAction(plannedUs, step.action as Parameters<Simulation['scheduleAction']>[1]);
      cursorUs = plannedUs;
    }
  }

  /**
   * The instant the run has reached: every event at or before it handled, none after (a run stopped by
   * a violation stands at the violation's event). Run to this instant, the scenario gives this run.
   */
  get reachedUs(): number {
    return this.simulation.isOver ? this.simulation.virtualTimeUs : this.reached;
  }

  get isOver(): boolean {
    return this.simulation.isOver;
  }

  /**
   * Handles every event up to and including `timeUs`, at most `maxEvents` of them (the rest of an
   * instant is handled past that bound, so the run still stands at an instant's end). Returns the
   * events handled; the trace's records reach the sink before it returns.
   */
  runThrough(timeUs: number, maxEvents = Number.MAX_SAFE_INTEGER): number {
    const simulation = this.simulation;
    const before = simulation.eventsHandled;
    const targetUs = Math.min(timeUs, this.durationUs);
    let instantUs = this.reached;
    let stoppedShort = false;
    while (!simulation.isOver) {
      const nextUs = simulation.nextEventTimeUs();
      if (nextUs > targetUs) break;
      if (simulation.eventsHandled - before >= maxEvents && nextUs !== instantUs) {
        stoppedShort = true;
        break;
      }
      instantUs = nextUs;
      simulation.step();
    }
    this.reached = Math.max(this.reached, stoppedShort ? instantUs : targetUs);
    simulation.trace.flush();
    return simulation.eventsHandled - before;
  }

  /** Handles the next instant's events; returns how many (0 at the end). */
  nextInstant(): number {
    const nextUs = this.simulation.nextEventTimeUs();
    return Number.isFinite(nextUs) ? this.runThrough(nextUs) : 0;
  }

  hashHex(): string {
    return this.simulation.trace.hashHex();
  }

  close(): void {
    this.simulation.close();
  }
}
