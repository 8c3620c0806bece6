import cliProgress from 'cli-progress';
import { electionTimingToCsv, electionTimingToJson, renderElectionTimingHtml, renderElectionTimingTable } from '../../reports/index.js';
import { DEFAULT_ELECTION_TIMING_OPTIONS, electionTimingProblem, runElectionTiming } from '../../scenarios/index.js';
import type { TimeoutRange } from '../../scenarios/index.js';
import { createAllCheckers } from '../../sim/index.js';
import { quoted } from '../../sim/printable.js';
import { MAX_DURATION_MS, parseDuration, parseNodeCount, parseSeed, parseWholeNumber, UsageError } from '../arguments.js';
import type { Output } from '../terminal.js';
import { prepareFile, writeFileAtomically } from '../write-file.js';

export interface ElectionTimingArguments {
  readonly ranges: unknown;
  readonly trials: unknown;
  readonly latency: unknown;
  readonly nodes: unknown;
  readonly seed: unknown;
  readonly cap: unknown;
  readonly csv: unknown;
  readonly html: unknown;
  readonly json: boolean;
}

const MILLISECONDS = /^(\d+(?:\.\d+)?)(?:ms)?$/;

function parseMs(flag: string, text: string, whole: string): number {
  const match = MILLISECONDS.exec(text.trim());
  if (match === null) throw new UsageError(`--${flag} ${quoted(whole)}: ${quoted(text)} is not a time in ms such as 150 or 150ms`);
  const ms = Number(match[1]);
  if (ms > MAX_DURATION_MS) throw new UsageError(`--${flag} ${quoted(whole)}: ${quoted(text)} is more than 24h (${MAX_DURATION_MS} ms)`);
  return ms;
}

/** "150-300" or "150ms-300ms"; a single time is a range with no randomness. A latency may be 0, a timeout may not. */
function parseRange(flag: string, text: string, lowest: 'above 0' | 'from 0' = 'above 0'): TimeoutRange {
  const parts = text.trim().split('-');
  if (parts.length > 2 || parts[0] === '') throw new UsageError(`--${flag}: ${quoted(text)} is not a range low-high in ms such as 150-300`);
  const minMs = parseMs(flag, parts[0]!, text);
  const maxMs = parts.length === 2 ? parseMs(flag, parts[1]!, text) : minMs;
  if ((lowest === 'above 0' && minMs <= 0) || maxMs < minMs) {
    throw new UsageError(`--${flag}: ${quoted(text)} must be a range low-high with ${lowest === 'above 0' ? '0 < low' : '0 ≤ low'} ≤ high`);
  }
  return { minMs, maxMs };
}

/** A comma-separated list of ranges: "150-150,150-155,12-24". */
export function parseRanges(value: unknown): TimeoutRange[] {
  const text = String(value).trim();
  if (text === '') throw new UsageError('--ranges must list at least one range, such as 150-300');
  return text.split(',').map((item) => parseRange('ranges', item));
}

/** Returns the exit code: 0 when no checker complained in any trial, 1 when one did. */
export function electionTimingCommand(args: ElectionTimingArguments, output: Output): number {
  const defaults = DEFAULT_ELECTION_TIMING_OPTIONS;
  const ranges = args.ranges === undefined ? defaults.ranges : parseRanges(args.ranges);
  const trials = args.trials === undefined ? defaults.trials : parseWholeNumber('trials', args.trials, 1, 1_000_000);
  const latency = args.latency === undefined ? { minMs: defaults.latencyMinMs, maxMs: defaults.latencyMaxMs } : parseRange('latency', String(args.latency), 'from 0');
  const nodeCount = args.nodes === undefined ? defaults.nodeCount : parseNodeCount(args.nodes);
  const seed = args.seed === undefined ? defaults.seed : parseSeed('seed', args.seed);
  const capMs = args.cap === undefined ? defaults.capMs : parseDuration('cap', args.cap);
  const settings = { ...defaults, ranges, trials, latencyMinMs: latency.minMs, latencyMaxMs: latency.maxMs, nodeCount, seed, capMs };
  const problem = electionTimingProblem(settings);
  if (problem !== null) throw new UsageError(problem.startsWith('range') ? `--ranges: ${problem}` : `--${problem.split(' ')[0]}: ${problem}`);
  const csvPath = args.csv === undefined ? null : String(args.csv);
  const htmlPath = args.html === undefined ? null : String(args.html);
  if (csvPath !== null) prepareFile(csvPath, 'csv');
  if (htmlPath !== null) prepareFile(htmlPath, 'html');

  const bar = output.stderrIsTerminal
    ? new cliProgress.SingleBar(
        { format: 'election timing [{bar}] {value}/{total} trials · {eta_formatted} left', hideCursor: true, clearOnComplete: true, stream: process.stderr },
        cliProgress.Presets.shades_classic,
      )
    : null;
  bar?.start(ranges.length * trials, 0);
  const result = runElectionTiming({
    ...settings,
    checkers: createAllCheckers,
    onTrialDone: bar === null ? undefined : (done) => (done % 50 === 0 ? bar.update(done) : undefined),
  });
  bar?.stop();

  const csv = electionTimingToCsv(result);
  if (csvPath !== null) writeFileAtomically(csvPath, csv);
  if (htmlPath !== null) writeFileAtomically(htmlPath, renderElectionTimingHtml(result));
  const json = electionTimingToJson(result);
  if (args.json) output.out(JSON.stringify(json, null, 2));
  else if (csvPath === null) output.out(csv.trimEnd());
  else for (const line of renderElectionTimingTable(result)) output.out(line);
  for (const violation of json.violations.slice(0, 5)) output.err(`✗ range ${violation.range}, trial seed ${violation.seed}: ${violation.message}`);
  return json.violations.length > 0 ? 1 : 0;
}
