/**
 * Writes what a run leaves behind on request: its JSON Lines trace and its explorer report. The report
 * is built from the trace text after reading it back, so it shows exactly what the file holds. A file
 * is written whole or not at all; a device, a FIFO or `-` (standard output) is written directly.
 */
import { parseTraceText, traceToJsonLines } from '../formats/index.js';
import { renderExplorerHtml } from '../reports/index.js';
import type { ScenarioRunResult } from '../scenarios/index.js';
import { claimStandardOutput, refuseSameFiles, scenarioFile } from './output-paths.js';
import { describeOutput, prepareFile, writeOutputFile } from './write-file.js';

export interface TraceOutputs {
  /** Where to write the JSON Lines trace, if anywhere. */
  readonly trace: string | null;
  /** Where to write the HTML explorer, if anywhere. */
  readonly report: string | null;
  /** Whether one of them goes to standard output, so that the run's text belongs on stderr. */
  readonly standardOutputTaken?: boolean;
}

export interface TraceOutputArguments {
  readonly trace?: unknown;
  readonly report?: unknown;
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
  const outputs = [
    { label: '--trace', path: trace },
    { label: '--report', path: report },
  ];
  const printed = args.json === true ? '--json' : args.markdown === true ? '--markdown' : null;
  const standardOutputTaken = claimStandardOutput(outputs, printed);
  refuseSameFiles(outputs, [
    { label: 'the scenario file', path: scenarioFile(args.scenario) },
    { label: '--impl', path: args.impl },
  ]);
  if (trace !== null) prepareFile(trace, 'trace');
  if (report !== null) prepareFile(report, 'report');
  return { trace, report, standardOutputTaken };
}

export function wantsTrace(outputs: TraceOutputs): boolean {
  return outputs.trace !== null || outputs.report !== null;
}

/** Writes the outputs asked for and returns how to name them, in the order written. */
export function writeTraceOutputs(result: ScenarioRunResult, replay: string, outputs: TraceOutputs): string[] {
  if (!wantsTrace(outputs)) return [];
  const text = traceToJsonLines(result, replay);
  const written: string[] = [];
  if (outputs.trace !== null) {
    writeOutputFile(outputs.trace, text);
    written.push(describeOutput(outputs.trace));
  }
  if (outputs.report !== null) {
    writeOutputFile(outputs.report, explorerHtmlFor(text, outputs.trace ?? 'the run'));
    written.push(describeOutput(outputs.report));
  }
  return written;
}

/** The explorer page for a trace just written; a trace that does not read back is a bug, not bad input. */
export function explorerHtmlFor(text: string, name: string): string {
  const read = parseTraceText(text, name);
  if (!read.ok) throw new Error(`a trace just written does not read back: ${read.problem}`);
  return renderExplorerHtml(read.trace);
}
