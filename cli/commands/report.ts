import { readTraceFile } from '../../formats/index.js';
import { renderExplorerHtml } from '../../reports/index.js';
import { UsageError } from '../arguments.js';
import type { Output } from '../terminal.js';
import { prepareFile, writeFileAtomically } from '../write-file.js';

export interface ReportArguments {
  readonly file: unknown;
  readonly html: unknown;
}

/**
 * Builds the explorer for a trace file, offline: reads it, checks its hashes, writes the HTML. Exits
 * as the traced run did (0 when its checks held, 1 when one failed), like every other command.
 */
export function reportCommand(args: ReportArguments, output: Output): number {
  const file = String(args.file);
  const html = args.html === undefined ? `${file.replace(/\.jsonl$/, '')}.html` : String(args.html);
  prepareFile(html, 'html');
  const read = readTraceFile(file);
  if (!read.ok) throw new UsageError(read.problem);
  writeFileAtomically(html, renderExplorerHtml(read.trace));
  const { header, trailer } = read.trace;
  output.out(`wrote ${html}: seed ${header.seed}, ${trailer.records} records, trace ${trailer.traceHash} verified, ${trailer.passed ? 'all checks held' : 'a check failed'}`);
  return trailer.passed ? 0 : 1;
}
