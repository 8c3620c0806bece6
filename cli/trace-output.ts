/**
 * Writes what a run leaves behind on request: its JSON Lines trace and its explorer report. The report
 * is built from the trace text after reading it back, so it shows exactly what the file holds. Each
 * file is written whole or not at all.
 */
import { parseTraceText, traceToJsonLines } from '../formats/index.js';
import { renderExplorerHtml } from '../reports/index.js';
import type { ScenarioRunResult } from '../scenarios/index.js';
import { prepareFile, writeFileAtomically } from './write-file.js';

export interface TraceOutputs {
  /** Where to write the JSON Lines trace, if anywhere. */
  readonly trace: string | null;
  /** Where to write the HTML explorer, if anywhere. */
  readonly report: string | null;
}

/** Reads --trace and --report, checking before any work that both can be written. */
export function traceOutputs(args: { readonly trace?: unknown; readonly report?: unknown }): TraceOutputs {
  const trace = args.trace === undefined ? null : String(args.trace);
  const report = args.report === undefined ? null : String(args.report);
  if (trace !== null) prepareFile(trace, 'trace');
  if (report !== null) prepareFile(report, 'report');
  return { trace, report };
}

export function wantsTrace(outputs: TraceOutputs): boolean {
  return outputs.trace !== null || outputs.report !== null;
}

/** Writes the files asked for and returns their paths, in the order written. */
export function writeTraceOutputs(result: ScenarioRunResult, replay: string, outputs: TraceOutputs): string[] {
  if (!wantsTrace(outputs)) return [];
  const text = traceToJsonLines(result, replay);
  const written: string[] = [];
  if (outputs.trace !== null) {
    writeFileAtomically(outputs.trace, text);
    written.push(outputs.trace);
  }
  if (outputs.report !== null) {
    writeFileAtomically(outputs.report, explorerHtmlFor(text, outputs.trace ?? 'the run'));
    written.push(outputs.report);
  }
  return written;
}

/** The explorer page for a trace just written; a trace that does not read back is a bug, not bad input. */
export function explorerHtmlFor(text: string, name: string): string {
  const read = parseTraceText(text, name);
  if (!read.ok) throw new Error(`a trace just written does not read back: ${read.problem}`);
  return renderExplorerHtml(read.trace);
}
