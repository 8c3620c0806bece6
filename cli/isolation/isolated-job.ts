/**
 * The command line's side of running an implementation in a worker: loading it there to check it,
 * running one job in a worker of its own (run, conformance, shrink), and a scenario run whose records
 * stream back to sinks in this thread (the timeline, the trace file) as it goes.
 */
import type { RaftImplementation } from '../../core/index.js';
import type { Scenario, ScenarioRunResult } from '../../scenarios/index.js';
import type { TraceRecord, TraceSink } from '../../sim/index.js';
import { chooseImplementation, UsageError } from '../arguments.js';
import { implementationSource } from '../program-flags.js';
import type { ImplementationFlags } from '../program-flags.js';
import { quoted } from '../../sim/printable.js';
import type { Output } from '../terminal.js';
import { IsolatedRunner } from './isolated-runner.js';
import type { IsolatedOutcome, IsolationLimits, Misbehaviour } from './isolated-runner.js';
import { runResultFromPortable } from './portable-result.js';
import type { ImplementationSource, WorkerJob, WorkerResults } from './protocol.js';

/** The implementation chosen by --bug, --impl or --impl-cmd, checked: its name, and where a worker loads it from. */
export interface IsolatedSelection {
  readonly name: string;
  readonly source: ImplementationSource;
  /** The reference core, or it with a known bug: raftsim's own code, which may run in this thread. Null for a module or a program. */
  readonly ownCode: RaftImplementation | null;
}

/**
 * --bug, --impl or --impl-cmd, checked. A module given with --impl is loaded, checked and made to create
 * a node in a worker, never here: what its top level or its create() does (end the thread, loop, fill
 * the heap) is bad input, one line and exit 2, and not this process's end. A program given with
 * --impl-cmd is started there, says its hello and creates a node, with the same consequences.
 */
export async function selectIsolated(flags: ImplementationFlags, limits: IsolationLimits): Promise<IsolatedSelection> {
  const source = implementationSource(flags);
  if (source.implPath === null && source.program === null) {
    const own = chooseImplementation(flags.bug).implementation;
    return { source, name: own.name, ownCode: own };
  }
  const loaded = await runIsolatedJob(source, limits, { kind: 'load' });
  if (!loaded.ok) throw new UsageError(`${sourceLabel(source)}: loading it ended in ${loaded.misbehaviour.kind}: ${firstLine(loaded.misbehaviour.reason)}`);
  return { source, name: loaded.value.name, ownCode: null };
}

/** How a message names the implementation the user gave. */
export function sourceLabel(source: ImplementationSource): string {
  if (source.program !== null) return `--impl-cmd ${quoted(source.program.command)}`;
  return source.implPath ?? source.bug ?? 'the reference core';
}

function firstLine(text: string): string {
  return text.split('\n')[0]!;
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
