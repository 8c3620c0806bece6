import { statSync } from 'node:fs';
import { readTraceFile, streamTraceFile } from '../../formats/index.js';
import { renderExplorerHtml } from '../../reports/index.js';
import { UsageError } from '../arguments.js';
import { claimStandardOutput, refuseSameFiles, textOutput } from '../output-paths.js';
import type { Output } from '../terminal.js';
import { explorerLimits, windowedPageProblem, WindowedExplorerWriter } from '../windowed-explorer.js';
import { describeOutput, prepareFile, writeOutputFile } from '../write-file.js';

export interface ReportArguments {
  readonly file: unknown;
  readonly html: unknown;
}

/**
 * Builds the explorer for a trace file, offline: reads it, checks its hashes, writes the HTML. Exits
 * as the traced run did (0 when its checks held, 1 when one failed), like every other command. A
 * trace too long for one page is read as a stream and gets a page with a folder of windows beside it.
 */
export function reportCommand(args: ReportArguments, terminal: Output): number {
  const file = String(args.file);
  const html = args.html === undefined ? `${file.replace(/\.jsonl$/, '')}.html` : String(args.html);
  const output = textOutput(terminal, claimStandardOutput([{ label: '--html', path: html }], null));
  refuseSameFiles([{ label: '--html', path: html }], [{ label: 'the trace file', path: file }]);
  prepareFile(html, 'html');
  const limits = explorerLimits();
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  if (size !== undefined && size > limits.pageBytes) return windowedReport(file, html, size, limits.windowBytes, output);
  const read = readTraceFile(file);
  if (!read.ok) throw new UsageError(read.problem);
  writeOutputFile(html, renderExplorerHtml(read.trace));
  const { header, trailer } = read.trace;
  output.out(`wrote ${describeOutput(html)}: seed ${header.seed}, ${trailer.records} records, trace ${trailer.traceHash} verified, ${trailer.passed ? 'all checks held' : 'a check failed'}`);
  return trailer.passed ? 0 : 1;
}

/** The page and its windows, from the trace read once as a stream: its whole text is never held. */
function windowedReport(file: string, html: string, size: number, windowBytes: number, output: Output): number {
  const problem = windowedPageProblem(html, size);
  if (problem !== null) throw new UsageError(`--html ${html}: ${problem}`);
  const writer = new WindowedExplorerWriter(html, 'html', 'report', [{ label: 'the trace file', path: file }], windowBytes);
  let windows: number;
  let end: ReturnType<typeof streamTraceFile>;
  try {
    end = streamTraceFile(file, writer.visitor);
    if (!end.ok) throw new UsageError(end.problem);
    windows = writer.finish(end.header, end.trailer);
  } catch (error) {
    writer.discard();
    throw error;
  }
  const { header, trailer } = end;
  output.out(`wrote ${html} and ${windows} windows in ${writer.folder}/: seed ${header.seed}, ${trailer.records} records, trace ${trailer.traceHash} verified, ${trailer.passed ? 'all checks held' : 'a check failed'}`);
  return trailer.passed ? 0 : 1;
}
