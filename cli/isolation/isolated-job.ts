/**
 * The command line's side of running an implementation in a worker: loading it there to check it,
 * running one job in a worker of its own (run, conformance, shrink), and a scenario run whose records
 * stream back to sinks in this thread (the timeline, the trace file) as it goes.
 */
import type { RaftImplementation } from '../../core/index.js';
import type { Scenario, ScenarioRunResult } from '../../scenarios/index.js';
import type { TraceRecord, TraceSink } from '../../sim/index.js';
import { chooseImplementation, UsageError } from '../arguments.js';
import type { Output } from '../terminal.js';
import { IsolatedRunner } from './isolated-runner.js';
import type { IsolatedOutcome, IsolationLimits, Misbehaviour } from './isolated-runner.js';
import { runResultFromPortable } from './portable-result.js';
import type { ImplementationSource, WorkerJob, WorkerResults } from './protocol.js';

/** The implementation chosen by --bug or --impl, checked: its name, and where a worker loads it from. */
export interface IsolatedSelection extends ImplementationSource {
  readonly name: string;
  /** The reference core, or it with a known bug: raftsim's own code, which may run in this thread. Null for a module given with --impl. */
  readonly ownCode: RaftImplementation | null;
}

/**
 * --bug or --impl, checked. A module given with --impl is loaded, checked and made to create a node in
 * a worker, never here: what its top level or its create() does (end the thread, loop, fill the heap)
 * is bad input, one line and exit 2, and not this process's end.
 */
export async function selectIsolated(bug: unknown, impl: unknown, limits: IsolationLimits): Promise<IsolatedSelection> {
  const source = implementationSource(bug, impl);
  if (source.implPath === null) {
    const own = chooseImplementation(bug).implementation;
    return { ...source, name: own.name, ownCode: own };
  }
  const loaded = await runIsolatedJob(source, limits, { kind: 'load' });
  if (!loaded.ok) throw new UsageError(`${source.implPath}: loading it ended in ${loaded.misbehaviour.kind}: ${loaded.misbehaviour.reason}`);
  return { ...source, name: loaded.value.name, ownCode: null };
}

/** Which implementation --bug or --impl names, checked without loading a module: a worker loads it. */
function implementationSource(bug: unknown, impl: unknown): ImplementationSource {
  if (impl === undefined || impl === null) return { bug: chooseImplementation(bug).bug, implPath: null };
  if (bug !== undefined && bug !== null) throw new UsageError('--bug cannot be combined with --impl: --bug switches a known bug on in the reference core');
  return { bug: null, implPath: String(impl) };
}

export async function runIsolatedJob<K extends WorkerJob['kind']>(
  source: ImplementationSource,
  limits: IsolationLimits,
  job: Extract<WorkerJob, { kind: K }>,
): Promise<IsolatedOutcome<WorkerResults[K]>> {
  const runner = new IsolatedRunner(source, limits);
  try {
    return await runner.run(job);
  } finally {
    await runner.close();
  }
}

/** A scenario run and, when asked, the hash of a second run, from a worker. */
export interface IsolatedScenarioRun {
  readonly result: ScenarioRunResult;
  readonly againHash: string | null;
}

/** Runs a scenario in the runner's worker; its records come to `sink` as the run goes, when there is one. */
export async function runScenarioIsolated(
  runner: IsolatedRunner,
  run: { readonly scenario: Scenario; readonly seed: number; readonly repeat: boolean },
  sink: TraceSink | null,
): Promise<IsolatedOutcome<IsolatedScenarioRun>> {
  const job = { kind: 'run-scenario' as const, ...run, stream: sink !== null };
  const outcome = await runner.run(job, (records) => sink?.accept(records as TraceRecord[]));
  if (!outcome.ok) return outcome;
  return { ok: true, value: { result: runResultFromPortable(outcome.value.result), againHash: outcome.value.againHash } };
}

/** Prints what the implementation did, as JSON or as text, with the command that does it again; the exit code is 1. */
export function reportMisbehaviour(output: Output, misbehaviour: Misbehaviour, seed: number | null, replay: string, json: boolean): number {
  if (json) {
    const { kind, message, virtualMs, event } = misbehaviour;
    output.out(JSON.stringify({ passed: false, failure: { kind, seed, message, atMs: virtualMs, event }, replay }, null, 2));
  } else {
    const where = seed === null ? '' : ` (seed ${seed})`;
    output.out(`${output.chalk.red.bold(`✗ ${misbehaviour.kind}`)}${where}: ${misbehaviour.message}`);
    output.out(`  replay: ${replay}`);
  }
  return 1;
}
