/**
 * A history file checked for linearizability: read in its format (JSON Lines, or Jepsen's EDN), its
 * events paired into operations, and the operations searched. What is wrong with the file comes back
 * with the line it is on.
 */
import type { HistoryOperation, LinearizabilityReport } from '../../sim/index.js';
import { checkLinearizability, DEFAULT_SEARCH_BOUND, historyEvents, operationsFromEvents } from '../../sim/index.js';
import { historyToEdn, parseEdnHistory } from './edn.js';
import { historyToJsonLines, parseJsonLinesHistory } from './jsonl.js';

export type HistoryFormat = 'jsonl' | 'edn';

export type HistoryCheck =
  | { readonly ok: true; readonly operations: readonly HistoryOperation[]; readonly report: LinearizabilityReport }
  | { readonly ok: false; readonly line: number; readonly problem: string };

/** The format a file's name asks for: EDN for `.edn`, JSON Lines otherwise. */
export function historyFormatOf(path: string): HistoryFormat {
  return path.toLowerCase().endsWith('.edn') ? 'edn' : 'jsonl';
}

export function checkHistoryText(text: string, format: HistoryFormat, bound: number = DEFAULT_SEARCH_BOUND): HistoryCheck {
  const parsed = format === 'edn' ? parseEdnHistory(text) : parseJsonLinesHistory(text);
  if (!parsed.ok) return parsed;
  const paired = operationsFromEvents(parsed.events);
  if (!paired.ok) return { ok: false, line: parsed.lines[paired.error.position] ?? 0, problem: paired.error.problem };
  return { ok: true, operations: paired.operations, report: checkLinearizability(paired.operations, bound) };
}

/** A run's operations as a history file's text. */
export function historyFileText(operations: readonly HistoryOperation[], format: HistoryFormat): string {
  const events = historyEvents(operations);
  return format === 'edn' ? historyToEdn(events) : historyToJsonLines(events);
}
