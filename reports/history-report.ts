/** What the key-value workload's clients saw, as summary lines: their operations and the linearizability verdict. */
import type { HistoryOperation, LinearizabilityReport } from '../sim/index.js';
import { describeTimed } from '../sim/index.js';
import type { TextStyles } from './text-styles.js';

export function renderHistoryFacts(history: readonly HistoryOperation[] | null | undefined, report: LinearizabilityReport | null | undefined, chalk: TextStyles): string[] {
  if (history === null || history === undefined) return [];
  const count = (type: string) => history.filter((operation) => (operation.completion?.type ?? 'info') === type).length;
  const keys = new Set(history.map((operation) => operation.key)).size;
  const lines = [`clients: ${history.length} operations on ${keys} key${keys === 1 ? '' : 's'} · ${count('ok')} ok · ${count('fail')} failed · ${count('info')} indeterminate`];
  if (report === null || report === undefined) return lines;
  if (report.verdict === 'linearizable') lines.push(`${chalk.green('✓')} linearizable (${report.steps} search steps over ${report.keys} keys)`);
  if (report.verdict === 'not-linearizable') {
    lines.push(chalk.red(`✗ not linearizable: these operations on key ${report.key} cannot be ordered, and none of them can be left out:`));
    for (const operation of report.witness) lines.push(`    ${describeTimed(operation)}`);
  }
  return lines;
}
