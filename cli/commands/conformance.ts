import { CONFORMANCE_TESTS } from '../../conformance/index.js';
import type { ConformanceOutcome, ConformanceReport } from '../../conformance/index.js';
import { UsageError } from '../arguments.js';
import { reportMisbehaviour, runIsolatedJob, selectIsolated } from '../isolation/isolated-job.js';
import { parseIsolationLimits } from '../isolation/limit-flags.js';
import { conformanceReplayCommand } from '../replay-command.js';
import type { Output } from '../terminal.js';
import { quoted } from '../../sim/printable.js';

export interface ConformanceArguments {
  readonly impl?: unknown;
  readonly implCmd?: unknown;
  readonly implTimeout?: unknown;
  readonly bug?: unknown;
  readonly only?: unknown;
  readonly strict?: boolean;
  readonly json: boolean;
  readonly seedTimeout?: unknown;
  readonly seedMemory?: unknown;
}

/** Runs the conformance suite; exit 0 when every test that ran passed, 1 when one failed. */
export async function conformanceCommand(args: ConformanceArguments, output: Output): Promise<number> {
  const limits = parseIsolationLimits(args.seedTimeout, args.seedMemory);
  const { source } = await selectIsolated(args, limits);
  const only = args.only === undefined ? null : ([] as unknown[]).concat(args.only).map(String);
  for (const name of only ?? []) {
    if (!CONFORMANCE_TESTS.some((test) => test.name === name)) throw new UsageError(`--only must name a conformance test, got ${quoted(name)} (raftsim conformance --json lists them)`);
  }
  // The suite runs in a worker thread: what the implementation does to it is a failure, not this process's end.
  const outcome = await runIsolatedJob(source, limits, { kind: 'conformance', only, strict: args.strict === true });
  const replay = conformanceReplayCommand(source.bug, source.implPath, only, args.strict === true, source.program);
  if (!outcome.ok) return reportMisbehaviour(output, outcome.misbehaviour, null, replay, args.json);
  const report = outcome.value;
  if (args.json) {
    const { outcomes, ...counts } = report;
    output.out(JSON.stringify({ ...counts, tests: outcomes }, null, 2));
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
  const summary = summaryLine(report);
  output.out(report.failed > 0 ? chalk.red.bold(summary) : chalk.green.bold(summary));
  return report.failed > 0 ? 1 : 0;
}

/** Counts what ran, passed, failed and was skipped, and why tests were skipped. */
function summaryLine(report: ConformanceReport): string {
  const skippedAs = (strict: boolean): number => report.outcomes.filter((outcome) => outcome.skipped && outcome.strict === strict).length;
  const reasons = [
    ...(skippedAs(true) > 0 ? [`${skippedAs(true)} strict, run with --strict`] : []),
    ...(skippedAs(false) > 0 ? [`${skippedAs(false)} about optional methods it does not have`] : []),
  ];
  const skipped = report.skipped === 0 ? '' : `, ${report.skipped} skipped (${reasons.join('; ')})`;
  const strictRun = report.outcomes.filter((outcome) => outcome.strict && !outcome.skipped).length;
  const strict = report.strict ? ' (strict tests included)' : strictRun > 0 ? ` (${strictRun} strict, named with --only)` : '';
  return `${report.implementation}: ${report.run} conformance tests run${strict}, ${report.passed} passed, ${report.failed} failed${skipped}`;
}

function row(outcome: ConformanceOutcome, nameWidth: number, sectionWidth: number, chalk: Output['chalk']): string {
  const mark = outcome.skipped ? chalk.dim('–') : outcome.passed ? chalk.green('✓') : chalk.red('✗');
  const tag = outcome.strict ? `${chalk.yellow('strict')} ` : '';
  return `  ${mark} ${outcome.name.padEnd(nameWidth)}  ${chalk.dim(outcome.section.padEnd(sectionWidth))}  ${tag}${outcome.rule}`;
}
