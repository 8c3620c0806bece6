/**
 * `raftsim check-history FILE`: a history of client operations, from a run's --history or from any tool
 * that writes Jepsen's format, checked for linearizability. Exit 0 linearizable; 1 not, with the
 * operations that cannot be ordered, or undecided within the search bound (never a pass); 2 a file
 * that cannot be read as a history, named with its line.
 */
import { readFileSync } from 'node:fs';
import { checkHistoryText, historyFormatOf } from '../../formats/index.js';
import { describeTimed, describeUnknown } from '../../sim/index.js';
import { parseWholeNumber, UsageError } from '../arguments.js';
import { errorCode } from '../write-file.js';
import type { Output } from '../terminal.js';
import { printable } from '../../sim/printable.js';

export interface CheckHistoryArguments {
  readonly file: unknown;
  readonly bound?: unknown;
  readonly json: boolean;
}

export const MAX_SEARCH_BOUND = 1_000_000_000;

export function checkHistoryCommand(args: CheckHistoryArguments, output: Output): number {
  const file = String(args.file);
  const bound = args.bound === undefined ? undefined : parseWholeNumber('bound', args.bound, 1, MAX_SEARCH_BOUND);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${printable(file, 200)}: cannot read it (${errorCode(error)})`);
  }
  const result = checkHistoryText(text, historyFormatOf(file), bound);
  if (!result.ok) throw new UsageError(`${printable(file, 200)}:${result.line}: ${printable(result.problem, 300)}`);
  const { report } = result;
  if (args.json) {
    const witness = report.witness.map((operation) => ({ ...operation }));
    output.out(JSON.stringify({ file, verdict: report.verdict, operations: report.operations, keys: report.keys, steps: report.steps, bound: report.bound, key: report.key, witness, undecidedKeys: report.undecidedKeys }, null, 2));
    return report.verdict === 'linearizable' ? 0 : 1;
  }
  const facts = `${report.operations} operations on ${report.keys} key${report.keys === 1 ? '' : 's'}`;
  switch (report.verdict) {
    case 'linearizable':
      output.out(`${file}: linearizable (${facts}, ${report.steps} search steps)`);
      return 0;
    case 'not-linearizable':
      output.out(`${file}: not linearizable (${facts}): these operations on key ${report.key} cannot be ordered, and none of them can be left out:`);
      for (const operation of report.witness) output.out(`  ${describeTimed(operation)}`);
      return 1;
    case 'unknown':
      output.out(`${file}: ${describeUnknown(report)} (${facts}); raise --bound to search further`);
      return 1;
  }
}
