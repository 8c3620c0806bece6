/**
 * Running a scenario: its timeline's actions become events on the simulation's queue (so a scenario
 * replays exactly like the seeded run it came from), waits step the simulation until their condition
 * holds, and afterwards the expectations and the liveness phase are judged. The safety checkers run
 * throughout, as in every run.
 */
import type { ArgumentRule } from '../core/argument-checks.js';
import { checkArguments, func, oneOf, optional, optionsOf, shaped } from '../core/argument-checks.js';
import type { RaftImplementation } from '../core/contract.js';
import { RAFT_IMPLEMENTATION } from '../core/contract-shape.js';
import { referenceImplementation } from '../core/node.js';
import type { Entry, PersistentState } from '../core/types.js';
import type { NodeOverrides, RunProgressCells, RunResult, SimulationOptions, SimulationOptionsInput, TraceMode, TraceSink } from '../sim/index.js';
import { resolveSimulationOptions, RUN_PROGRESS_CELLS, Simulation, simulationOptions } from '../sim/index.js';
import { SCENARIO, SEED } from './argument-rules.js';
import type { ExpectationOutcome } from './expectations.js';
import type { CommitObservation, RoleObservation } from './observations.js';
import { protocolSimulationOptions } from './protocol-options.js';
import type { Scenario, ScenarioAction } from './scenario.js';
import { ScenarioDriver } from './scenario-driver.js';

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
  /** Streams the trace to this sink as the run goes (the trace mode is then 'stream'); see TraceRecorder. */
  readonly traceSink?: TraceSink;
  /** Cells the run writes its virtual time and event number into before every event (see sim/run-progress.ts). */
  readonly progress?: RunProgressCells;
}

/**
 * Why a scenario run failed: a safety checker, an expectation, a wait that timed out, liveness, or a
 * run that stopped at its event bound before its end (truncated: what it did not simulate it did not check).
 */
export interface ScenarioFailure {
  readonly kind: 'violation' | 'expectation' | 'wait' | 'liveness' | 'truncated';
  /** The checker's name for violations; `truncated`, `expectation`, `wait` or `liveness` otherwise, as the kind. */
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

/** Where a run that stopped short of its duration stopped, and why. */
export interface Truncation {
  /** What stopped it: the run's event bound. */
  readonly reason: 'max-events';
  readonly maxEvents: number;
  readonly events: number;
  /** The virtual time it stopped at, and the time it was to run to. */
  readonly atMs: number;
  readonly endMs: number;
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
  /** The expectations judged; none when the run was truncated (a partial run cannot judge them). */
  readonly expectations: readonly ExpectationOutcome[];
  readonly failures: readonly ScenarioFailure[];
  readonly passed: boolean;
  /** Set when the run stopped at its event bound before its end; such a run fails (kind `truncated`). */
  readonly truncated: Truncation | null;
  /** Whether the liveness phase was judged: run until the cluster converged or its deadline passed. */
  readonly livenessJudged: boolean;
}

export const RUN_PROGRESS: ArgumentRule = (value) =>
  value instanceof Float64Array && value.length >= RUN_PROGRESS_CELLS ? null : { kind: 'type', at: '', expected: `a Float64Array of at least ${RUN_PROGRESS_CELLS} cells`, value };

const SCENARIO_RUN_OPTIONS = optionsOf<ScenarioRunOptions>('ScenarioRunOptions', {
  implementation: optional(RAFT_IMPLEMENTATION),
  seed: optional(SEED),
  trace: optional(oneOf(['full', 'hash'])),
  traceSink: optional(shaped('a TraceSink { accept(records) }', { accept: func })),
  progress: optional(RUN_PROGRESS),
});

/**
 * Runs a scenario. Options left out: the reference implementation, the scenario's own seed, and a full
 * trace. A scenario whose settings cannot run (see scenarioOptionsProblem) is a RangeError.
 */
export function runScenario(scenario: Scenario, runOptions: ScenarioRunOptions = {}): ScenarioRunResult {
  checkArguments('runScenario', ['scenario', scenario, SCENARIO], ['options', runOptions, SCENARIO_RUN_OPTIONS]);
  const problem = scenarioOptionsProblem(scenario);
  if (problem !== null) throw new RangeError(`runScenario: scenario ${scenario.name} cannot run: ${problem}`);
  const seed = runOptions.seed ?? scenario.seed;
  const simulation = new Simulation(scenarioSimulationOptions(scenario, seed, runOptions), undefined, runOptions.traceSink ?? null, runOptions.progress ?? null);
  try {
    return new ScenarioDriver(scenario, seed, simulation).run();
  } finally {
    simulation.close();
  }
}

/** The simulation options a scenario stands for. */
export function scenarioSimulationOptions(scenario: Scenario, seed: number, runOptions: ScenarioRunOptions = {}): SimulationOptions {
  return simulationOptions(scenarioOptionsInput(scenario, seed, runOptions));
}

/** What is wrong with a scenario's settings as a simulation (a heartbeat shorter than a tick, …), or null. */
export function scenarioOptionsProblem(scenario: Scenario): string | null {
  checkArguments('scenarioOptionsProblem', ['scenario', scenario, SCENARIO]);
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
    ...(cluster.maxEvents === undefined ? {} : { maxEvents: cluster.maxEvents }),
    ...protocol,
    initialMembers: cluster.members,
    disk: { ...protocol.disk, faultOnCrash: cluster.diskFaultOnCrash },
    network: {
      latencyMinMs: scenario.network.latencyMs[0],
      latencyMaxMs: scenario.network.latencyMs[1],
      lossRate: scenario.network.lossRate,
      duplicateRate: scenario.network.duplicateRate,
      reorderRate: scenario.network.reorderRate,
      reorderDelayMaxMs: scenario.network.reorderDelayMaxMs,
      requestLossRate: scenario.network.requestLossRate,
      replyLossRate: scenario.network.replyLossRate,
      tailRate: scenario.network.tailRate,
      tailDelayMaxMs: scenario.network.tailDelayMaxMs,
    },
    workload: scenario.workload,
    leaderCrashes: scenario.leaderCrashes,
    nodeOverrides,
    implementation: runOptions.implementation ?? referenceImplementation,
    trace: runOptions.traceSink !== undefined ? 'stream' : (runOptions.trace ?? 'full'),
    // The liveness phase is the scenario driver's to judge; every other check is the simulation's.
    skipCheckers: (scenario.skipCheckers ?? []).filter((name) => name !== 'liveness'),
  };
}

function persistedFromTerms(term: number, logTerms: readonly number[]): PersistentState {
  const log: Entry[] = logTerms.map((entryTerm, index) => ({ term: entryTerm, kind: 'command', command: `x${index + 1}` }));
  const lastTerm = logTerms.length === 0 ? 0 : logTerms[logTerms.length - 1]!;
  return { hardState: { term: Math.max(term, lastTerm), votedFor: null }, log };
}
