/**
 * For tests: histories written as a list of operations, each `[process, f, key, argument, start, end,
 * outcome, read]`, times in whatever unit (they order the events; equal times keep the list's order).
 */
import type { CompletionType, HistoryOperation } from './history.js';
import type { KvFunction } from './operations.js';

export type WrittenOperation = readonly [
  process: number,
  f: KvFunction,
  key: string,
  argument: string | null | readonly [string | null, string],
  start: number,
  end: number | null,
  outcome: CompletionType,
  read?: string | null,
];

export function historyOf(written: readonly WrittenOperation[]): HistoryOperation[] {
  const points: { time: number; order: number; apply: (index: number) => void }[] = [];
  const operations = written.map(([process, f, key, argument, start, end, outcome, read], id) => {
    const cas = f === 'cas' ? (argument as readonly [string | null, string]) : null;
    const operation: HistoryOperation = {
      id,
      process,
      f,
      key,
      value: f === 'put' || f === 'append' ? (argument as string) : null,
      from: cas?.[0] ?? null,
      to: cas?.[1] ?? null,
      invokeIndex: 0,
      invokeUs: start,
      completion: null,
    };
    points.push({ time: start, order: points.length, apply: (index) => ((operation as { invokeIndex: number }).invokeIndex = index) });
    if (end !== null) {
      points.push({ time: end, order: points.length, apply: (index) => (operation.completion = { type: outcome, index, timeUs: end, value: f === 'get' && outcome === 'ok' ? (read ?? null) : null }) });
    }
    return operation;
  });
  points.sort((a, b) => a.time - b.time || a.order - b.order).forEach((point, index) => point.apply(index));
  return operations;
}
