import { scenarioTimingProblem } from '../../scenarios/index.js';
import type { Scenario, ScenarioFailure } from '../../scenarios/index.js';
import { quoted } from '../../sim/printable.js';
import { UsageError } from '../arguments.js';
import { interruptedExitCode, whileListeningForInterrupts } from '../interrupt.js';
import { reportMisbehaviour, runScenarioIsolated, selectIsolated } from '../isolation/isolated-job.js';
import { IsolatedRunner } from '../isolation/isolated-runner.js';
import { parseIsolationLimits } from '../isolation/limit-flags.js';
import type { ImplementationSource } from '../isolation/protocol.js';
import { refuseSameFiles, scenarioFile } from '../output-paths.js';
import type { Output } from '../terminal.js';
import { warn } from '../warnings.js';
import { prepareFile } from '../write-file.js';
import type { RunArguments, RunSubject } from './run.js';
import { runSubject } from './run.js';
import { describeSize, shrinkToFile } from './shrink-output.js';

export async function shrinkCommand(args: RunArguments & { readonly out: unknown }, output: Output): Promise<number> {
  const limits = parseIsolationLimits(args.seedTimeout, args.seedMemory);
  const { source } = await selectIsolated(args, limits);
  const subject = runSubject(args, source, 'run');
  const path = String(args.out ?? `raftsim-shrunk-seed-${subject.seed}.yaml`);
  if (!/\.(ya?ml)$/i.test(path)) throw new UsageError(`--out must name a .yaml file, got ${quoted(path)}`);
  refuseSameFiles([{ label: '--out', path }], [{ label: 'the scenario file', path: scenarioFile(args.scenario) }, { label: '--impl', path: args.impl }]);
  prepareFile(path, 'out');
  warn(output, scenarioTimingProblem(subject.scenario));
  const scenario = { ...subject.scenario, seed: subject.seed };
  // Every run, the shrink's included, is in a worker: the implementation never runs in this thread.
  const runner = new IsolatedRunner(source, limits);
  try {
    const run = await runScenarioIsolated(runner, { scenario, seed: subject.seed, repeat: false }, null);
    if (!run.ok) return reportMisbehaviour(output, run.misbehaviour, subject.seed, subject.replay, args.json);
    return await shrinkFailure(run.value.result.failures[0], { scenario, subject, path, runner, source }, args.json, output);
  } finally {
    await runner.close();
  }
}

interface ShrinkSubject {
  readonly scenario: Scenario;
  readonly subject: RunSubject;
  readonly path: string;
  readonly runner: IsolatedRunner;
  readonly source: ImplementationSource;
}

async function shrinkFailure(first: ScenarioFailure | undefined, shrink: ShrinkSubject, json: boolean, output: Output): Promise<number> {
  const { scenario, subject, path, source } = shrink;
  if (first === undefined) {
    if (json) output.out(JSON.stringify({ seed: subject.seed, failed: false }, null, 2));
    else output.out(`seed ${subject.seed} passes every check: nothing to shrink`);
    return 0;
  }
  if (first.kind === 'truncated') {
    // Not a pass, and not a failed check either: the run never got to its end.
    if (json) output.out(JSON.stringify({ seed: subject.seed, failed: true, truncated: true, message: first.message }, null, 2));
    else output.out(`seed ${subject.seed} ${first.message}; no check failed before that, so there is nothing to shrink (raise --max-events to run it through)`);
    return 1;
  }
  return whileListeningForInterrupts(async (interruption) => {
    const target = { path, origin: `seed ${subject.seed} (${subject.replay})`, source };
    const outcome = await shrinkToFile(scenario, shrink.runner, target, { interruption, wantProgress: !json });
    if (!outcome.ok) throw new UsageError(outcome.problem);
    const file = outcome.file;
    if (json) {
      const fields = { checker: file.checker, message: file.message, file: file.path, replay: file.replay, original: file.original, shrunk: file.shrunk, runs: file.runs };
      output.out(JSON.stringify({ seed: subject.seed, failed: true, ...fields, interrupted: interruption.signal !== null }, null, 2));
    } else {
      output.out(`seed ${subject.seed} fails ${file.checker}: ${file.message}`);
      output.out(`shrunk from ${describeSize(file.original)} to ${describeSize(file.shrunk)} in ${file.runs} runs: ${file.path}`);
      output.out(`replay: ${file.replay}`);
    }
    const interruptedExit = interruptedExitCode(interruption);
    if (interruptedExit === null) return 1;
    const progress = file.stoppedEarly ? 'the search stopped early, and the file holds the smallest failing scenario it had found' : 'the search had finished';
    output.err(`raftsim: interrupted (${interruption.signal}) after ${file.runs} runs: ${progress}`);
    return interruptedExit;
  });
}
