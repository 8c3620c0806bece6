import { CONFORMANCE_TESTS, runConformance } from '../../conformance/index.js';
import type { ConformanceOutcome } from '../../conformance/index.js';
import { UsageError } from '../arguments.js';
import { selectImplementation } from '../load-implementation.js';
import type { Output } from '../terminal.js';

export interface ConformanceArguments {
  readonly impl?: unknown;
  readonly bug?: unknown;
  readonly only?: unknown;
  readonly json: boolean;
}

/** Runs the conformance suite; exit 0 when every test passed, 1 when one failed. */
export async function conformanceCommand(args: ConformanceArguments, output: Output): Promise<number> {
  const { implementation } = await selectImplementation(args.bug, args.impl);
  const only = args.only === undefined ? null : ([] as unknown[]).concat(args.only).map(String);
  for (const name of only ?? []) {
    if (!CONFORMANCE_TESTS.some((test) => test.name === name)) throw new UsageError(`--only must name a conformance test, got "${name}" (raftsim conformance --json lists them)`);
  }
  const report = runConformance(implementation, only);
  if (args.json) {
    output.out(JSON.stringify({ implementation: report.implementation, passed: report.passed, failed: report.failed, tests: report.outcomes }, null, 2));
    return report.failed > 0 ? 1 : 0;
  }
  const chalk = output.chalk;
  const nameWidth = Math.max(...report.outcomes.map((outcome) => outcome.name.length));
  const sectionWidth = Math.max(...report.outcomes.map((outcome) => outcome.section.length));
  let group = '';
  for (const outcome of report.outcomes) {
    if (outcome.group !== group) {
      group = outcome.group;
      output.out(chalk.bold(group));
    }
    output.out(row(outcome, nameWidth, sectionWidth, chalk));
    if (outcome.message !== null) output.out(`      ${chalk.red(outcome.message)}`);
  }
  output.out('');
  const skipped = report.outcomes.filter((outcome) => outcome.skipped).length;
  const skippedNote = skipped === 0 ? '' : ` (${skipped} about optional methods it does not have, skipped)`;
  const summary = `${report.implementation}: ${report.passed} of ${report.outcomes.length} conformance tests passed${skippedNote}`;
  output.out(report.failed > 0 ? chalk.red.bold(`${summary}, ${report.failed} failed`) : chalk.green.bold(summary));
  return report.failed > 0 ? 1 : 0;
}

function row(outcome: ConformanceOutcome, nameWidth: number, sectionWidth: number, chalk: Output['chalk']): string {
  const mark = outcome.skipped ? chalk.dim('–') : outcome.passed ? chalk.green('✓') : chalk.red('✗');
  return `  ${mark} ${outcome.name.padEnd(nameWidth)}  ${chalk.dim(outcome.section.padEnd(sectionWidth))}  ${outcome.rule}`;
}
