/**
 * Writes what a run leaves behind on request: its JSON Lines trace and its explorer report. The trace
 * streams as the run goes (see TraceFileStream), so a run of any length is written in bounded memory.
 * The report is built from the trace text after reading it back, so it shows exactly what the file
 * holds; a trace too large for one explorer page gets a page with a folder of windows beside it, read
 * back as a stream. A file is written whole or not at all; a device, a FIFO or `-` (standard output)
 * is written directly.
 */
import { statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { historyFileText, historyFormatOf, parseTraceText, TraceFileStream, TraceStreamReader } from '../formats/index.js';
import type { TraceFileDestination } from '../formats/index.js';
import { renderExplorerHtml } from '../reports/index.js';
import type { ScenarioRunResult } from '../scenarios/index.js';
import { claimStandardOutput, refuseSameFiles, scenarioFile } from './output-paths.js';
import { explorerLimits, windowedPageProblem, WindowedExplorerWriter } from './windowed-explorer.js';
import { describeOutput, isStandardOutput, prepareFile, writeOutputFile } from './write-file.js';

export interface TraceOutputs {
  /** Where to write the JSON Lines trace, if anywhere. */
  readonly trace: string | null;
  /** Where to write the HTML explorer, if anywhere. */
  readonly report: string | null;
  /** Where to write the clients' history (JSON Lines, or Jepsen's EDN for a .edn name), if anywhere. */
  readonly history?: string | null;
  /** Whether one of them goes to standard output, so that the run's text belongs on stderr. */
  readonly standardOutputTaken?: boolean;
}

/** What writing the outputs came to: the outputs written, in order, and why a report was not written. */
export interface WrittenOutputs {
  readonly written: readonly string[];
  readonly notWritten: readonly string[];
}

export interface TraceOutputArguments {
  readonly trace?: unknown;
  readonly report?: unknown;
  readonly history?: unknown;
  /** The inputs an output must not overwrite: the scenario file and the implementation's module. */
  readonly scenario?: unknown;
  readonly impl?: unknown;
  /** What the command prints on standard output that cannot move to stderr. */
  readonly json?: boolean;
  readonly markdown?: boolean;
}

/**
 * Reads --trace and --report, checking before any work that both can be written, that neither
 * overwrites an input or the other, and that at most one thing goes to standard output.
 */
export function traceOutputs(args: TraceOutputArguments): TraceOutputs {
  const trace = args.trace === undefined ? null : String(args.trace);
  const report = args.report === undefined ? null : String(args.report);
  const history = args.history === undefined ? null : String(args.history);
  const outputs = [
    { label: '--trace', path: trace },
    { label: '--report', path: report },
    { label: '--history', path: history },
  ];
  const printed = args.json === true ? '--json' : args.markdown === true ? '--markdown' : null;
  const standardOutputTaken = claimStandardOutput(outputs, printed);
  refuseSameFiles(outputs, [
    { label: 'the scenario file', path: scenarioFile(args.scenario) },
    { label: '--impl', path: args.impl },
  ]);
  if (trace !== null) prepareFile(trace, 'trace');
  if (report !== null) prepareFile(report, 'report');
  if (history !== null) prepareFile(history, 'history');
  return { trace, report, history, standardOutputTaken };
}

/**
 * The stream a run's trace goes to while it runs, when a trace or report is asked for; its records
 * wait in a scratch file beside the output (or in the system's temporary folder, for an output that
 * is not a regular file) until writeTraceOutputs writes the file. Call discard() if the run fails.
 */
export function startTraceOutputs(outputs: TraceOutputs): TraceFileStream | null {
  const target = outputs.trace ?? outputs.report;
  if (target === null) return null;
  const existing = isStandardOutput(target) ? null : statSync(target, { throwIfNoEntry: false });
  const folder = existing === undefined || existing?.isFile() === true ? dirname(target) : tmpdir();
  const name = existing === null ? 'standard-output' : basename(target);
  return new TraceFileStream(join(folder, `.${name}.${process.pid}.records`));
}

/** Writes the files asked for: from the run's streamed trace, and its clients' history. */
export function writeTraceOutputs(result: ScenarioRunResult, replay: string, outputs: TraceOutputs, recording: TraceFileStream | null): WrittenOutputs {
  const traced = writeTracedOutputs(result, replay, outputs, recording);
  const history = outputs.history ?? null;
  if (history === null) return traced;
  writeOutputFile(history, historyFileText(result.run.history ?? [], historyFormatOf(history)));
  return { ...traced, written: [...traced.written, describeOutput(history)] };
}

function writeTracedOutputs(result: ScenarioRunResult, replay: string, outputs: TraceOutputs, recording: TraceFileStream | null): WrittenOutputs {
  if (recording === null) return { written: [], notWritten: [] };
  const limits = explorerLimits();
  const windowed = outputs.report !== null && recording.recordBytes > limits.pageBytes;
  if (windowed) {
    const problem = windowedPageProblem(outputs.report!, recording.recordBytes);
    if (problem !== null) return { ...writeTrace(result, replay, outputs, recording, null), notWritten: [`${outputs.report}: ${problem}`] };
    return writeWindowedReport(result, replay, outputs, recording, limits.windowBytes);
  }
  // The explorer is built from the trace's bytes as they are written: kept in memory only when they fit a page.
  const pieces: Uint8Array[] | null = outputs.report !== null ? [] : null;
  const { written } = writeTrace(result, replay, outputs, recording, pieces === null ? null : (piece) => pieces.push(typeof piece === 'string' ? Buffer.from(piece) : piece));
  if (outputs.report === null || pieces === null) return { written, notWritten: [] };
  writeOutputFile(outputs.report, explorerHtmlFor(Buffer.concat(pieces).toString('utf8'), outputs.trace ?? 'the run'));
  return { written: [...written, describeOutput(outputs.report)], notWritten: [] };
}

/** Finishes the trace: to its file when one is asked for, and piece by piece to `also` (the report's reading of it). */
function writeTrace(result: ScenarioRunResult, replay: string, outputs: TraceOutputs, recording: TraceFileStream, also: TraceFileDestination | null): WrittenOutputs {
  if (outputs.trace !== null) {
    writeOutputFile(outputs.trace, (write) =>
      recording.finish(result, replay, (piece) => {
        also?.(piece);
        write(piece);
      }),
    );
    return { written: [describeOutput(outputs.trace)], notWritten: [] };
  }
  if (also !== null) recording.finish(result, replay, also);
  else recording.discard();
  return { written: [], notWritten: [] };
}

/** The trace read back as it is written, cut into the windows of a page too long for one. */
function writeWindowedReport(result: ScenarioRunResult, replay: string, outputs: TraceOutputs, recording: TraceFileStream, windowBytes: number): WrittenOutputs {
  const report = outputs.report!;
  const writer = new WindowedExplorerWriter(report, 'report', 'run', [], windowBytes);
  try {
    const reader = new TraceStreamReader(outputs.trace ?? 'the run', writer.visitor);
    const { written } = writeTrace(result, replay, outputs, recording, (piece) => reader.push(piece));
    const end = reader.end();
    if (!end.ok) throw new Error(`a trace just written does not read back: ${end.problem}`);
    const windows = writer.finish(end.header, end.trailer);
    return { written: [...written, report, `${writer.folder}/ (${windows} windows of the explorer)`], notWritten: [] };
  } catch (error) {
    writer.discard();
    throw error;
  }
}

/** The explorer page for a trace just written; a trace that does not read back is a bug, not bad input. */
export function explorerHtmlFor(text: string, name: string): string {
  const read = parseTraceText(text, name);
  if (!read.ok) throw new Error(`a trace just written does not read back: ${read.problem}`);
  return renderExplorerHtml(read.trace);
}
