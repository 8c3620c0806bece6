/** A run's result as a short human summary. */
import { checkArguments } from '../core/argument-checks.js';
import { VIOLATION } from '../sim/argument-rules.js';
import type { RunResult, Violation } from '../sim/index.js';
import { renderHistoryFacts } from './history-report.js';
import { PLAIN_TEXT, TEXT_STYLES } from './text-styles.js';
import type { TextStyles } from './text-styles.js';

/** The run's statistics and every violation with its evidence, without a verdict. */
export function renderRunFacts(result: RunResult, chalk: TextStyles): string[] {
  const stats = result.stats;
  const lines = [
    '',
    chalk.bold(`seed ${result.seed}`) +
      ` · ${result.options.nodeCount} nodes · ${result.options.implementation.name} · ${formatMs(result.virtualMs)} virtual · ${result.events} events · trace ${result.traceHash}`,
    `elections ${stats.elections} · leader changes ${stats.leaderChanges} · highest term ${stats.highestTerm} · committed ${stats.committedEntries} entries (${stats.commandsCommitted} commands)`,
    `messages sent ${stats.messagesSent} · delivered ${stats.messagesDelivered} · dropped ${stats.messagesDropped} · duplicated ${stats.messagesDuplicated} · crashes ${stats.crashes} · faults ${stats.faultsApplied}`,
  ];
  if (stats.commitLatencyMs !== null) {
    const latency = stats.commitLatencyMs;
    lines.push(`commit latency p50 ${latency.p50.toFixed(1)} ms · p99 ${latency.p99.toFixed(1)} ms · max ${latency.max.toFixed(1)} ms`);
  }
  for (const violation of result.violations) lines.push(...renderViolation(violation, chalk));
  lines.push(...renderHistoryFacts(result.history, result.linearizability, chalk));
  return lines;
}

/** A bare run's summary; one stopped at its event bound says so, and never that every check held. */
export function renderSummary(result: RunResult, replay: string, chalk: TextStyles): string[] {
  const lines = renderRunFacts(result, chalk);
  const truncated = result.outcome === 'event-limit';
  if (truncated) lines.push(chalk.red(`✗ truncated: stopped at its event bound (${result.options.maxEvents} events) at ${formatMs(result.virtualMs)}, short of its end; nothing after that was checked`));
  lines.push(result.violations.length === 0 && !truncated ? chalk.green('all checks held') : `replay: ${replay}`);
  return lines;
}

/** One violation with every node's state, styled by the chalk instance given (plain text by default). */
export function renderViolation(violation: Violation, chalk: TextStyles = PLAIN_TEXT): string[] {
  checkArguments('renderViolation', ['violation', violation, VIOLATION], ['styles', chalk, TEXT_STYLES]);
  const lines = [
    chalk.red.bold(`✗ ${violation.checker}`) + ` at ${formatMs(violation.atMs)} (event ${violation.event}, seed ${violation.seed}): ${violation.message}`,
    chalk.dim('  node  status   role       term  voted  commit  applied  last(index/term)'),
  ];
  for (const node of violation.nodes) {
    lines.push(
      `  ${String(node.node).padEnd(5)} ${node.status.padEnd(8)} ${node.role.padEnd(10)} ${String(node.term).padEnd(5)} ${String(node.votedFor ?? '-').padEnd(6)} ${String(node.commitIndex).padEnd(7)} ${String(node.appliedIndex).padEnd(8)} ${node.lastLogIndex}/${node.lastLogTerm}`,
    );
  }
  return lines;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(3)}s` : `${ms.toFixed(1)}ms`;
}
