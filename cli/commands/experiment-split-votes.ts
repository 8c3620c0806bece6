/** `raftsim experiment split-votes`: the dissertation's split-vote model against raftsim's own elections. */
import { renderSplitVotesTable, splitVotesToCsv, splitVotesToJson } from '../../reports/index.js';
import { DEFAULT_SPLIT_VOTES_OPTIONS, splitVotesProblem, splitVotesTrialByTrial } from '../../scenarios/index.js';
import type { LatencyRange } from '../../scenarios/index.js';
import { createAllCheckers } from '../../sim/index.js';
import { parseDuration, parseNodeCount, parseSeed, parseWholeNumber, UsageError } from '../arguments.js';
import { interruptedExitCode, whileListeningForInterrupts } from '../interrupt.js';
import { claimStandardOutput, refuseSameFiles, textOutput } from '../output-paths.js';
import type { Output } from '../terminal.js';
import { prepareFile, writeOutputFile } from '../write-file.js';
import { stepWithProgress } from '../step-with-progress.js';
import { experimentProvenance, parseRange, parseTick } from './experiment-flags.js';

export interface SplitVotesArguments {
  readonly nodes: unknown;
  readonly failures: unknown;
  readonly latency: unknown;
  readonly range: unknown;
  readonly trials: unknown;
  readonly tick: unknown;
  readonly seed: unknown;
  readonly cap: unknown;
  readonly csv: unknown;
  readonly json: boolean;
}

/** A comma-separated list of latencies, each one time or a range: "1,10,20,10-20". */
function parseLatencies(value: unknown): LatencyRange[] {
  const text = String(value).trim();
  if (text === '') throw new UsageError('--latency must list at least one latency, such as 10 or 10-20');
  return text.split(',').map((item) => parseRange('latency', item, 'from 0'));
}

/** A comma-separated list of whole numbers of servers down: "1,2". */
function parseFailures(value: unknown): number[] {
  const text = String(value).trim();
  if (text === '') throw new UsageError('--failures must list at least one number of servers down, such as 1,2');
  return text.split(',').map((item) => parseWholeNumber('failures', item, 1, 1_000));
}

/** Returns the exit code: 0 when no checker complained in any trial, 1 when one did, 130 or 143 when interrupted. */
export async function splitVotesCommand(args: SplitVotesArguments, terminal: Output): Promise<number> {
  const defaults = DEFAULT_SPLIT_VOTES_OPTIONS;
  const settings = {
    ...defaults,
    nodeCount: args.nodes === undefined ? defaults.nodeCount : parseNodeCount(args.nodes),
    failures: args.failures === undefined ? defaults.failures : parseFailures(args.failures),
    latencies: args.latency === undefined ? defaults.latencies : parseLatencies(args.latency),
    range: args.range === undefined ? defaults.range : parseRange('range', String(args.range)),
    trials: args.trials === undefined ? defaults.trials : parseWholeNumber('trials', args.trials, 1, 1_000_000),
    tickMs: args.tick === undefined ? defaults.tickMs : parseTick(args.tick),
    seed: args.seed === undefined ? defaults.seed : parseSeed('seed', args.seed),
    capMs: args.cap === undefined ? defaults.capMs : parseDuration('cap', args.cap),
  };
  const problem = splitVotesProblem(settings);
  if (problem !== null) throw new UsageError(`--${problem.split(' ')[0]}: ${problem}`);
  const csvPath = args.csv === undefined ? null : String(args.csv);
  const files = [{ label: '--csv', path: csvPath }];
  const output = textOutput(terminal, claimStandardOutput(files, args.json ? '--json' : csvPath === null ? 'the CSV table' : null));
  refuseSameFiles(files, []);
  if (csvPath !== null) prepareFile(csvPath, 'csv');

  return whileListeningForInterrupts(async (interruption) => {
    const total = settings.failures.length * settings.latencies.length * settings.trials;
    const trials = splitVotesTrialByTrial({ ...settings, checkers: createAllCheckers, shouldStop: () => interruption.signal !== null });
    const result = await stepWithProgress(trials, { label: 'split votes', unit: 'trials', total, wanted: true });
    const provenance = experimentProvenance(settings.seed);
    const csv = splitVotesToCsv(result, provenance);
    if (csvPath !== null) writeOutputFile(csvPath, csv);
    if (args.json) output.out(JSON.stringify({ ...splitVotesToJson(result, provenance), interrupted: interruption.signal !== null }, null, 2));
    else if (csvPath === null) output.out(csv.trimEnd());
    else for (const line of renderSplitVotesTable(result)) output.out(line);
    for (const violation of result.violations.slice(0, 5)) output.err(`✗ ${violation.failures} down, latency ${violation.latency} ms, trial seed ${violation.seed}: ${violation.message}`);
    const interruptedExit = interruptedExitCode(interruption);
    if (interruptedExit === null) return result.violations.length > 0 ? 1 : 0;
    const done = result.cases.reduce((sum, outcome) => sum + outcome.trials, 0);
    output.err(`raftsim: interrupted (${interruption.signal}) after ${done} of ${total} trials; the figures cover only those that ran`);
    return interruptedExit;
  });
}
