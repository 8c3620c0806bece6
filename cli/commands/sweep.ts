/**
 * `raftsim experiment sweep`: every combination of the --param settings run on the same seeds, and per
 * setting each measure's mean with its bootstrap interval, as a table, CSV, JSON or an HTML chart. Like
 * diff, it runs raftsim's own nodes (the reference or a known bug) in the command's thread; an
 * implementation under test belongs to explore, whose workers it cannot take down.
 */
import { RAFTSIM_VERSION } from '../../formats/index.js';
import { renderSweepHtml, renderSweepText, sweepToCsv, sweepToJson } from '../../reports/index.js';
import type { SweepReport } from '../../reports/index.js';
import { DEFAULT_BOOTSTRAP, MAX_RESAMPLES, MAX_SWEEP_POINTS, SEED_MEASURE_NAMES, seedMeasuresNamed, sweepPointProblem, sweepPoints, sweepRunByRun } from '../../scenarios/index.js';
import type { SeedMeasureDefinition, SweepOptions, SweepParameter, SweepResult } from '../../scenarios/index.js';
import { quoted } from '../../sim/printable.js';
import { parseSeed, parseWholeNumber, requireSeedsFit, UsageError } from '../arguments.js';
import { interruptedExitCode, whileListeningForInterrupts } from '../interrupt.js';
import { selectImplementation } from '../load-implementation.js';
import { commandAsTyped } from '../replay-command.js';
import { claimTableFiles, parseSharedRunOptions } from '../shared-run-options.js';
import type { SharedRunArguments } from '../shared-run-options.js';
import type { Output } from '../terminal.js';
import { stepWithProgress } from '../step-with-progress.js';
import { writeOutputFile } from '../write-file.js';
import { parseSweepParameter } from './sweep-parameters.js';

export interface SweepArguments extends SharedRunArguments {
  readonly param?: unknown;
  readonly measure?: unknown;
  readonly seeds?: unknown;
  readonly from?: unknown;
  readonly bug?: unknown;
  readonly resamples?: unknown;
  readonly csv?: unknown;
  readonly html?: unknown;
  readonly json: boolean;
}

export const DEFAULT_SWEEP_SEEDS = 100;
export const DEFAULT_SWEEP_MEASURES: readonly string[] = ['electionTimeMs', 'unavailableMs', 'splitVotes', 'commitLatencyMs', 'messagesPerEntry'];
const MAX_SWEEP_RUNS = 1_000_000;
const FAILURES_SHOWN = 20;

export async function sweepCommand(args: SweepArguments, terminal: Output): Promise<number> {
  const parameters = parseParameters(args.param);
  const measures = parseMeasures(args.measure);
  const seeds = parseWholeNumber('seeds', args.seeds ?? DEFAULT_SWEEP_SEEDS, 1, MAX_SWEEP_RUNS);
  const fromSeed = parseSeed('from', args.from ?? '1');
  requireSeedsFit(fromSeed, seeds);
  const resamples = parseWholeNumber('resamples', args.resamples ?? DEFAULT_BOOTSTRAP.resamples, 1, MAX_RESAMPLES);
  const shared = parseSharedRunOptions(args, fromSeed, seeds);
  const points = sweepPoints(parameters);
  if (points.length * seeds > MAX_SWEEP_RUNS) throw new UsageError(`--param: ${points.length} settings × --seeds ${seeds} is ${points.length * seeds} runs, more than ${MAX_SWEEP_RUNS}`);
  for (const point of points) {
    const problem = sweepPointProblem(point, shared);
    if (problem !== null) throw new UsageError(`--param ${point.labels.map((label, index) => `${parameters[index]!.name}=${label}`).join(' ')}: ${problem}`);
  }
  const { implementation } = await selectImplementation(args.bug, undefined);
  const { csvPath, htmlPath, output } = claimTableFiles(terminal, args);

  return whileListeningForInterrupts(async (interruption) => {
    const options: SweepOptions = { shared, parameters, measures, implementation, bootstrap: { ...DEFAULT_BOOTSTRAP, resamples }, shouldStop: () => interruption.signal !== null };
    const result = await stepWithProgress(sweepRunByRun(options), { label: 'sweep', unit: 'runs', total: points.length * seeds, wanted: !args.json });
    const report: SweepReport = {
      provenance: {
        command: commandAsTyped(),
        version: RAFTSIM_VERSION,
        fromSeed,
        seeds,
        scenario: shared.scenario?.name ?? null,
        implementation: implementation.name,
        resamples,
        level: DEFAULT_BOOTSTRAP.level,
      },
      result,
    };
    if (csvPath !== null) writeOutputFile(csvPath, sweepToCsv(report));
    if (htmlPath !== null) writeOutputFile(htmlPath, renderSweepHtml(report));
    const failures = failureLines(result);
    if (args.json) output.out(JSON.stringify({ ...sweepToJson(report), interrupted: interruption.signal !== null, failures }, null, 2));
    else for (const line of renderSweepText(report)) output.out(line);
    for (const line of failures.slice(0, FAILURES_SHOWN)) output.err(`✗ ${line}`);
    if (failures.length > FAILURES_SHOWN) output.err(`… and ${failures.length - FAILURES_SHOWN} more failed checks (--json lists them all)`);
    const interruptedExit = interruptedExitCode(interruption);
    if (interruptedExit !== null) {
      output.err(`raftsim: interrupted (${interruption.signal}) after ${result.runs} of ${points.length * seeds} runs: the figures cover only those, so this is not a pass`);
      return interruptedExit;
    }
    if (failures.length > 0) return 1;
    if (!args.json) output.out(`every check held on every run (${result.runs} runs)`);
    return 0;
  });
}

function parseParameters(value: unknown): SweepParameter[] {
  const items = value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
  if (items.length === 0) throw new UsageError('--param is required: name a setting and its values, such as --param latency=1ms,10ms,20ms (repeatable)');
  const parameters = items.map(parseSweepParameter);
  const names = parameters.map((parameter) => parameter.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) throw new UsageError(`--param ${twice} is given twice: list all its values in one --param, comma-separated`);
  const count = parameters.reduce((product, parameter) => product * parameter.values.length, 1);
  if (count > MAX_SWEEP_POINTS) throw new UsageError(`--param: the values give ${count} settings, more than ${MAX_SWEEP_POINTS}`);
  return parameters;
}

function parseMeasures(value: unknown): SeedMeasureDefinition[] {
  if (value === undefined) return seedMeasuresNamed(DEFAULT_SWEEP_MEASURES);
  const names = (Array.isArray(value) ? value.map(String) : [String(value)]).flatMap((item) => item.split(',')).map((name) => name.trim());
  for (const name of names) {
    if (!SEED_MEASURE_NAMES.includes(name)) throw new UsageError(`--measure ${quoted(name)} is not a measure (measures: ${SEED_MEASURE_NAMES.join(', ')})`);
  }
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) throw new UsageError(`--measure ${twice} is named twice`);
  return seedMeasuresNamed(names);
}

function failureLines(result: SweepResult): string[] {
  return result.points.flatMap((point) =>
    point.runs.flatMap((run) => run.failures.map((failure) => `${point.point.labels.map((label, index) => `${result.parameters[index]}=${label}`).join(' ')}, seed ${run.seed}: ${failure.checker}: ${failure.message}`)),
  );
}
