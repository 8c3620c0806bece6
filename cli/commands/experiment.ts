import { electionTimingToCsv, electionTimingToJson, renderElectionTimingHtml, renderElectionTimingTable } from '../../reports/index.js';
import { DEFAULT_ELECTION_TIMING_OPTIONS, ELECTION_END_POINTS, electionTimingProblem, electionTimingTrialByTrial, SURVIVOR_LOGS } from '../../scenarios/index.js';
import type { ElectionTimingOptions, ElectionTimingResult, TimeoutRange } from '../../scenarios/index.js';
import { createAllCheckers } from '../../sim/index.js';
import { parseDuration, parseNodeCount, parseSeed, parseWholeNumber, UsageError } from '../arguments.js';
import { interruptedExitCode, whileListeningForInterrupts } from '../interrupt.js';
import { claimStandardOutput, refuseSameFiles, textOutput } from '../output-paths.js';
import { stepWithProgress } from '../step-with-progress.js';
import type { Output } from '../terminal.js';
import { prepareFile, writeOutputFile } from '../write-file.js';
import { experimentProvenance, parseChoice, parseRange, parseTick } from './experiment-flags.js';

export interface ElectionTimingArguments {
  readonly ranges: unknown;
  readonly trials: unknown;
  readonly latency: unknown;
  readonly nodes: unknown;
  readonly seed: unknown;
  readonly cap: unknown;
  readonly tick: unknown;
  readonly until: unknown;
  readonly logs: unknown;
  readonly diskLatency: unknown;
  readonly csv: unknown;
  readonly html: unknown;
  readonly json: boolean;
}

/** A comma-separated list of ranges: "150-150,150-155,12-24". */
export function parseRanges(value: unknown): TimeoutRange[] {
  const text = String(value).trim();
  if (text === '') throw new UsageError('--ranges must list at least one range, such as 150-300');
  return text.split(',').map((item) => parseRange('ranges', item));
}

/** Returns the exit code: 0 when no checker complained in any trial, 1 when one did, 130 or 143 when interrupted. */
export async function electionTimingCommand(args: ElectionTimingArguments, terminal: Output): Promise<number> {
  const defaults = DEFAULT_ELECTION_TIMING_OPTIONS;
  const ranges = args.ranges === undefined ? defaults.ranges : parseRanges(args.ranges);
  const trials = args.trials === undefined ? defaults.trials : parseWholeNumber('trials', args.trials, 1, 1_000_000);
  const latency = args.latency === undefined ? { minMs: defaults.latencyMinMs, maxMs: defaults.latencyMaxMs } : parseRange('latency', String(args.latency), 'from 0');
  const nodeCount = args.nodes === undefined ? defaults.nodeCount : parseNodeCount(args.nodes);
  const seed = args.seed === undefined ? defaults.seed : parseSeed('seed', args.seed);
  const capMs = args.cap === undefined ? defaults.capMs : parseDuration('cap', args.cap);
  const tickMs = args.tick === undefined ? defaults.tickMs : parseTick(args.tick);
  const until = args.until === undefined ? defaults.until : parseChoice('until', args.until, ELECTION_END_POINTS);
  const logs = args.logs === undefined ? defaults.logs : parseChoice('logs', args.logs, SURVIVOR_LOGS);
  const disk = args.diskLatency === undefined ? { minMs: defaults.diskLatencyMinMs, maxMs: defaults.diskLatencyMaxMs } : parseRange('disk-latency', String(args.diskLatency), 'from 0');
  const settings = {
    ...defaults,
    ...{ ranges, trials, latencyMinMs: latency.minMs, latencyMaxMs: latency.maxMs, nodeCount, seed, capMs, tickMs, until, logs },
    ...{ diskLatencyMinMs: disk.minMs, diskLatencyMaxMs: disk.maxMs },
  };
  const problem = electionTimingProblem(settings);
  if (problem !== null) throw new UsageError(problem.startsWith('range') ? `--ranges: ${problem}` : `--${problem.split(' ')[0]}: ${problem}`);
  const csvPath = args.csv === undefined ? null : String(args.csv);
  const htmlPath = args.html === undefined ? null : String(args.html);
  const files = [{ label: '--csv', path: csvPath }, { label: '--html', path: htmlPath }];
  const output = textOutput(terminal, claimStandardOutput(files, args.json ? '--json' : csvPath === null ? 'the CSV table' : null));
  refuseSameFiles(files, []);
  if (csvPath !== null) prepareFile(csvPath, 'csv');
  if (htmlPath !== null) prepareFile(htmlPath, 'html');

  return whileListeningForInterrupts(async (interruption) => {
    const result = await runWithProgress({ ...settings, checkers: createAllCheckers, shouldStop: () => interruption.signal !== null });
    const provenance = experimentProvenance(seed);
    const csv = electionTimingToCsv(result, provenance);
    if (csvPath !== null) writeOutputFile(csvPath, csv);
    if (htmlPath !== null) writeOutputFile(htmlPath, renderElectionTimingHtml(result, provenance));
    const json = electionTimingToJson(result, provenance);
    if (args.json) output.out(JSON.stringify({ ...json, interrupted: interruption.signal !== null }, null, 2));
    else if (csvPath === null) output.out(csv.trimEnd());
    else for (const line of renderElectionTimingTable(result)) output.out(line);
    for (const violation of json.violations.slice(0, 5)) output.err(`✗ range ${violation.range}, trial seed ${violation.seed}: ${violation.message}`);
    const interruptedExit = interruptedExitCode(interruption);
    if (interruptedExit === null) return json.violations.length > 0 ? 1 : 0;
    const done = result.ranges.reduce((sum, outcome) => sum + outcome.trials.length, 0);
    const rest = result.stoppedEarly ? '; the other trials did not run, and the figures cover only those that did' : '';
    output.err(`raftsim: interrupted (${interruption.signal}) after ${done} of ${ranges.length * trials} trials${rest}`);
    return interruptedExit;
  });
}

/** Runs the trials with a progress bar, a trial at a time, letting the event loop notice a signal in between. */
function runWithProgress(options: ElectionTimingOptions): Promise<ElectionTimingResult> {
  return stepWithProgress(electionTimingTrialByTrial(options), { label: 'election timing', unit: 'trials', total: options.ranges.length * options.trials, wanted: true });
}
