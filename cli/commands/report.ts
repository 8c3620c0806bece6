import { statSync } from 'node:fs';
import { readTraceFile } from '../../formats/index.js';
import { explorerSizeProblem, renderExplorerHtml } from '../../reports/index.js';
import { UsageError } from '../arguments.js';
import { claimStandardOutput, refuseSameFiles, textOutput } from '../output-paths.js';
import type { Output } from '../terminal.js';
import { describeOutput, prepareFile, writeOutputFile } from '../write-file.js';

export interface ReportArguments {
  readonly file: unknown;
  readonly html: unknown;
}

/**
 * Builds the explorer for a trace file, offline: reads it, checks its hashes, writes the HTML. Exits
 * as the traced run did (0 when its checks held, 1 when one failed), like every other command.
 */
export function reportCommand(args: ReportArguments, terminal: Output): number {
  const file = String(args.file);
  const html = args.html === undefined ? `${file.replace(/\.jsonl$/, '')}.html` : String(args.html);
  const output = textOutput(terminal, claimStandardOutput([{ label: '--html', path: html }], null));
  refuseSameFiles([{ label: '--html', path: html }], [{ label: 'the trace file', path: file }]);
  prepareFile(html, 'html');
  // Refused before reading: a trace too large for one page would also be too large to read whole.
  const size = statSync(file, { throwIfNoEntry: false })?.size;
  const tooLarge = size === undefined ? null : explorerSizeProblem(size);
  if (tooLarge !== null) throw new UsageError(`${file}: ${tooLarge}; the explorer is for runs of a few minutes of virtual time (a smaller --duration, or a failure shrunk with raftsim shrink)`);
  const read = readTraceFile(file);
  if (!read.ok) throw new UsageError(read.problem);
  writeOutputFile(html, renderExplorerHtml(read.trace));
  const { header, trailer } = read.trace;
  output.out(`wrote ${describeOutput(html)}: seed ${header.seed}, ${trailer.records} records, trace ${trailer.traceHash} verified, ${trailer.passed ? 'all checks held' : 'a check failed'}`);
  return trailer.passed ? 0 : 1;
}
