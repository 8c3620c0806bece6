/**
 * The linearizability check of a run's client history, made once the run is over. A history that cannot
 * be ordered is the run's violation, reported with its witness. A search that hit its bound fails the run
 * too, as a run stopped at its event bound does: what was not checked was not shown to hold, and a
 * pass would say it was. A violation is found at the run's end and dated when it happened: when the
 * last operation of its witness completed.
 */
import type { HistoryCheckName } from '../checkers/checker.js';
import type { HistoryOperation } from './history.js';
import { describe } from './history.js';
import type { LinearizabilityReport } from './linearizability-report.js';
import { checkLinearizability } from './linearizability-report.js';

export interface HistoryCheckContext {
  timeUs: number;
  report(checker: HistoryCheckName, message: string, atUs?: number): void;
}

export function checkRunHistory(operations: readonly HistoryOperation[], context: HistoryCheckContext, endUs: number): LinearizabilityReport {
  const report = checkLinearizability(operations);
  if (report.verdict === 'linearizable') return report;
  // Found at the run's end, where the trace records it (records go forward in time); it happened once
  // the last operation of the witness completed, which is where a shrinker may cut the run.
  context.timeUs = Math.max(context.timeUs, endUs);
  if (report.verdict === 'unknown') {
    context.report('linearizability', describeUnknown(report));
    return report;
  }
  const happenedUs = Math.max(...report.witness.map((operation) => operation.completion?.timeUs ?? context.timeUs));
  context.report('linearizability', describeViolation(report), Math.min(happenedUs, context.timeUs));
  return report;
}

export function describeViolation(report: LinearizabilityReport): string {
  const count = report.witness.length;
  return (
    `the clients' operations on key ${report.key} cannot be ordered: ${count} operation${count === 1 ? '' : 's'}, none of which can be left out: ` +
    report.witness.map(describeTimed).join('; ')
  );
}

export function describeUnknown(report: LinearizabilityReport): string {
  return `unknown: bound hit: the search of key${report.undecidedKeys.length === 1 ? '' : 's'} ${report.undecidedKeys.join(', ')} took more than ${report.bound} steps, so the history was not shown linearizable`;
}

/** An operation with its process, interval and outcome: `process 2: put k1 7 [1.204 s, 1.250 s] ok`. */
export function describeTimed(operation: HistoryOperation): string {
  const completion = operation.completion;
  const start = seconds(operation.invokeUs);
  const interval = completion === null ? `[${start}, –]` : `[${start}, ${seconds(completion.timeUs)}]`;
  const outcome = completion === null ? 'indeterminate' : completion.type === 'info' ? 'indeterminate' : completion.type;
  const read = operation.f === 'get' && completion?.type === 'ok' ? ` → ${completion.value ?? 'nil'}` : '';
  return `process ${operation.process}: ${describe(operation)}${read} ${interval} ${outcome}`;
}

function seconds(us: number): string {
  return `${(us / 1_000_000).toFixed(3)} s`;
}
