import { scenarioRunToJson } from '../../formats/index.js';
import { playgroundScenario, readPlaygroundLink } from '../../formats/playground-link.js';
import type { PlaygroundRun } from '../../formats/playground-link.js';
import { renderScenarioSummary, runToMarkdown, TimelineStream } from '../../reports/index.js';
import { applyCheckSettings, applyPolicies, runScenario, scenarioForSeed, scenarioOptionsProblem, scenarioTimingProblem, withMaxEvents, withWorkload } from '../../scenarios/index.js';
import type { Scenario, Truncation } from '../../scenarios/index.js';
import type { TraceSink } from '../../sim/index.js';
import { parseDiskFaults, parseDuration, parseFaultMode, parseMaxEvents, parseNodeCount, parseSeed, UsageError } from '../arguments.js';
import type { CheckFlags } from '../check-flags.js';
import { parseCheckFlags, requireCheckSettingsFit } from '../check-flags.js';
import { reportMisbehaviour, runScenarioIsolated, selectIsolated } from '../isolation/isolated-job.js';
import type { IsolatedScenarioRun, IsolatedSelection } from '../isolation/isolated-job.js';
import { IsolatedRunner } from '../isolation/isolated-runner.js';
import type { IsolatedOutcome, IsolationLimits } from '../isolation/isolated-runner.js';
import { parseIsolationLimits } from '../isolation/limit-flags.js';
import type { ImplementationSource } from '../isolation/protocol.js';
import { textOutput } from '../output-paths.js';
import { parsePolicies } from '../policies.js';
import { linkReplayCommand, maxEventsFlag, replayCommand, replayFileCommand } from '../replay-command.js';
import { resolveScenario } from '../scenario-source.js';
import type { Output } from '../terminal.js';
import { startTraceOutputs, traceOutputs, writeTraceOutputs } from '../trace-output.js';
import type { WrittenOutputs } from '../trace-output.js';
import { warn } from '../warnings.js';
import { parseWorkloadFlag } from '../workload-flag.js';
import type { WorkloadFlag } from '../workload-flag.js';

export interface RunArguments {
  readonly seed: unknown;
  readonly nodes: unknown;
  readonly duration: unknown;
  readonly faults: unknown;
  readonly bug: unknown;
  readonly scenario: unknown;
  /** A playground link (formats/playground-link.ts): the run it carries, with its seed, settings, actions and bug. */
  readonly fromLink?: unknown;
  readonly diskFaults?: unknown;
  readonly attacks?: unknown;
  readonly policy?: unknown;
  readonly trace?: unknown;
  readonly report?: unknown;
  readonly impl?: unknown;
  readonly implCmd?: unknown;
  readonly implTimeout?: unknown;
  readonly livenessWithin?: unknown;
  readonly skipChecker?: unknown;
  readonly maxEvents?: unknown;
  readonly workload?: unknown;
  readonly sessions?: unknown;
  readonly history?: unknown;
  readonly checkDeterminism?: boolean;
  readonly json: boolean;
  /** Print a Markdown summary instead of the timeline. */
  readonly markdown?: boolean;
  readonly seedTimeout?: unknown;
  readonly seedMemory?: unknown;
}

/** What a run of `run`, `replay` or `shrink` is of: a scenario, its seed, and how to name it again. */
export interface RunSubject {
  readonly scenario: Scenario;
  readonly seed: number;
  readonly replay: string;
}

export function runSubject(args: RunArguments, source: ImplementationSource, command = 'run'): RunSubject {
  const { overrides, flags } = parsePolicies(args.policy, source.bug);
  const checks = parseCheckFlags(args.livenessWithin, args.skipChecker);
  const maxEvents = parseMaxEvents(args.maxEvents);
  const subject = workloadSubject(baseSubject(args, source, command), parseWorkloadFlag(args.workload, source.bug, args.sessions), args.scenario === undefined);
  if (flags.length === 0) return boundedSubject(judgedSubject(subject, checks), maxEvents);
  const scenario = applyPolicies(subject.scenario, overrides);
  const problem = scenarioOptionsProblem(scenario);
  if (problem !== null) throw new UsageError(`--policy: ${problem}`);
  return boundedSubject(judgedSubject({ ...subject, scenario, replay: `${subject.replay} ${flags.join(' ')}` }, checks), maxEvents);
}

/** The subject with the client workload --workload (or its --bug) asks for, the flag repeated in its replay line. */
function workloadSubject(subject: RunSubject, workload: WorkloadFlag, swarm: boolean): RunSubject {
  if (workload.choice === null) return subject;
  const scenario = withWorkload(subject.scenario, workload.choice, swarm ? subject.seed : null);
  return { ...subject, scenario, replay: [subject.replay, ...workload.flags].join(' ') };
}

/** The subject with the event bound --max-events gives it, repeated in its replay line. */
function boundedSubject(subject: RunSubject, maxEvents: number | null): RunSubject {
  if (maxEvents === null) return subject;
  return { ...subject, scenario: withMaxEvents(subject.scenario, maxEvents), replay: [subject.replay, ...maxEventsFlag(maxEvents)].join(' ') };
}

/** The subject judged as the --liveness-within and --skip-checker flags ask. */
function judgedSubject(subject: RunSubject, checks: CheckFlags): RunSubject {
  if (checks.flags.length === 0) return subject;
  requireCheckSettingsFit(subject.scenario, checks.settings);
  return { ...subject, scenario: applyCheckSettings(subject.scenario, checks.settings), replay: `${subject.replay} ${checks.flags.join(' ')}` };
}

function baseSubject(args: RunArguments, source: ImplementationSource, command: string): RunSubject {
  const { bug, implPath, program } = source;
  if (args.fromLink !== undefined) {
    const run = readLinkFlag(args.fromLink);
    return { scenario: playgroundScenario(run), seed: run.settings.seed, replay: linkReplayCommand(String(args.fromLink), implPath, program) };
  }
  if (args.scenario !== undefined) {
    for (const flag of ['nodes', 'duration', 'faults', 'diskFaults', 'attacks'] as const) {
      if (args[flag] !== undefined) throw new UsageError(`--${flag} cannot be combined with --scenario: the scenario sets it`);
    }
    const scenario = resolveScenario(args.scenario);
    const seed = args.seed === undefined ? scenario.seed : parseSeed('seed', args.seed);
    const replay = command === 'replay'
      ? replayFileCommand(String(args.scenario), bug, implPath, args.seed === undefined ? null : seed, program)
      : replayCommand({ seed, nodeCount: null, durationMs: 0, bug, faults: 'swarm', scenario: String(args.scenario), implementation: implPath, program });
    return { scenario, seed, replay };
  }
  const seed = args.seed === undefined ? 1 : parseSeed('seed', args.seed);
  const nodeCount = args.nodes === undefined ? null : parseNodeCount(args.nodes);
  const durationMs = parseDuration('duration', args.duration ?? '10s');
  const faults = parseFaultMode(args.faults ?? 'swarm');
  const diskFaults = parseDiskFaults(args.diskFaults);
  const attacks = args.attacks === true;
  return {
    scenario: scenarioForSeed(seed, { nodeCount, durationMs, faults, diskFaultOnCrash: diskFaults, ...(attacks ? { attacks } : {}) }),
    seed,
    replay: replayCommand({ seed, nodeCount, durationMs, bug, faults, diskFaults, attacks, implementation: implPath, program }),
  };
}

/**
 * Returns the exit code: 0 when every check held, 1 when one failed or the run stopped at its event
 * bound before its end (truncated). The timeline is printed as the run goes, and the trace streams to
 * its file, so memory does not grow with the run's length.
 */
export async function runCommand(given: RunArguments, terminal: Output, command = 'run'): Promise<number> {
  const args = withLinkBug(given);
  const limits = parseIsolationLimits(args.seedTimeout, args.seedMemory);
  const selection = await selectIsolated(args, limits);
  if (args.json && args.markdown === true) throw new UsageError('--json and --markdown are two ways to print the result; choose one');
  const subject = runSubject(args, selection.source, command);
  const outputs = traceOutputs(args);
  if (outputs.history !== null && subject.scenario.workload.kv === undefined) {
    throw new UsageError('--history records what the key-value clients saw: add --workload kv (or give a scenario whose workload is kind: kv)');
  }
  const output = textOutput(terminal, outputs.standardOutputTaken === true);
  warn(output, scenarioTimingProblem(subject.scenario));
  const recording = startTraceOutputs(outputs);
  const timeline = args.json || args.markdown === true ? null : new TimelineStream(subject.scenario.cluster.nodes, output.chalk, (line) => output.out(line));
  let ran: IsolatedScenarioRun;
  let outcome: WrittenOutputs;
  try {
    // Another implementation's run is repeated (as is any with --check-determinism): one seed, one trace.
    const repeat = args.checkDeterminism === true || selection.ownCode === null;
    const run = await runEither(selection, limits, { scenario: subject.scenario, seed: subject.seed, repeat }, traceRoute([recording, timeline]));
    if (!run.ok) return reportMisbehaviour(terminal, run.misbehaviour, subject.seed, subject.replay, args.json);
    ran = run.value;
    timeline?.finish();
    outcome = writeTraceOutputs(ran.result, subject.replay, outputs, recording);
  } finally {
    // The trace's scratch file goes, whether the file was written or something failed first.
    recording?.discard();
  }
  const { result, againHash: again } = ran;
  const { written, notWritten } = outcome;
  const deterministic = again === null || again === result.run.traceHash;
  const determinism = `seed ${subject.seed} gave two different traces (${result.run.traceHash}, then ${again}): the implementation draws on something besides its inputs and its RandomSource`;
  for (const problem of notWritten) output.err(`raftsim: not written: ${problem}`);
  if (args.json) {
    const report = scenarioRunToJson(result, subject.replay);
    const checked = again === null ? {} : { determinism: { deterministic, traceHashes: [result.run.traceHash, again] } };
    output.out(JSON.stringify({ ...report, ...checked, passed: result.passed && deterministic }, null, 2));
  } else if (args.markdown === true) {
    for (const line of runToMarkdown(result, subject.replay)) output.out(line);
    if (!deterministic) output.out(`**determinism**: ${determinism}`);
  } else {
    for (const line of renderScenarioSummary(result, subject.replay, output.chalk)) output.out(line);
    if (result.truncated !== null) output.out(`to run it through, raise its event bound: --max-events ${suggestedBound(result.truncated)} (twice its pace so far, over its whole length)`);
    if (!deterministic) output.out(`${output.chalk.red.bold('✗ determinism')}: ${determinism}`);
    for (const path of written) output.out(`wrote ${path}`);
  }
  return result.passed && deterministic ? 0 : 1;
}

/**
 * Runs the scenario here when it is raftsim's own core, and in a worker when it is a module given with
 * --impl, its records coming back to the sink as it goes: what another implementation might do to a
 * thread (end it, hang it, fill its heap, throw from a timer) is then this run's failure, not raftsim's end.
 */
async function runEither(
  selection: IsolatedSelection,
  limits: IsolationLimits,
  run: { readonly scenario: Scenario; readonly seed: number; readonly repeat: boolean },
  sink: TraceSink | null,
): Promise<IsolatedOutcome<IsolatedScenarioRun>> {
  const implementation = selection.ownCode;
  if (implementation === null) {
    const runner = new IsolatedRunner(selection.source, limits);
    try {
      return await runScenarioIsolated(runner, run, sink);
    } finally {
      await runner.close();
    }
  }
  const result = runScenario(run.scenario, { seed: run.seed, implementation, ...(sink === null ? { trace: 'hash' as const } : { traceSink: sink }) });
  const againHash = run.repeat ? runScenario(run.scenario, { seed: run.seed, implementation, trace: 'hash' }).run.traceHash : null;
  return { ok: true, value: { result, againHash } };
}

/** Where the run's records go: to the sinks asked for (trace file, timeline), or nowhere (null: only into the hash). */
function traceRoute(sinks: readonly (TraceSink | null)[]): TraceSink | null {
  const wanted = sinks.filter((sink): sink is TraceSink => sink !== null);
  if (wanted.length === 0) return null;
  if (wanted.length === 1) return wanted[0]!;
  return { accept: (records) => wanted.forEach((sink) => sink.accept(records)) };
}

/** A bound that should carry a truncated run to its end: its pace so far, over the whole run, twice over. */
function suggestedBound(truncation: Truncation): number {
  return Math.ceil((truncation.events / Math.max(truncation.atMs, 1)) * truncation.endMs * 2);
}

/** The playground run a --from-link flag carries; a bad link is a usage error naming what is wrong. */
function readLinkFlag(value: unknown): PlaygroundRun {
  const read = readPlaygroundLink(String(value));
  if (!read.ok) throw new UsageError(`--from-link: ${read.problem}`);
  return read.run;
}

/** The arguments with the link's bug as --bug: a link fixes its scenario, seed and bug, so flags that set them are refused. */
function withLinkBug(args: RunArguments): RunArguments {
  if (args.fromLink === undefined) return args;
  for (const flag of ['scenario', 'seed', 'nodes', 'duration', 'faults', 'diskFaults', 'attacks', 'policy', 'bug'] as const) {
    if (args[flag] !== undefined) throw new UsageError(`--${flag.replace('diskFaults', 'disk-faults')} cannot be combined with --from-link: the link sets it`);
  }
  const bug = readLinkFlag(args.fromLink).settings.bug;
  return bug === null ? args : { ...args, bug };
}
