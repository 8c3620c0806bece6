/** A scenario run as text: the run itself, then expectations, waits and liveness. */
import { checkArguments } from '../core/argument-checks.js';
import { SCENARIO_RUN_RESULT } from '../scenarios/argument-rules.js';
import type { ScenarioRunResult } from '../scenarios/index.js';
import { describeExpectation } from '../scenarios/index.js';
import { REPLAY_COMMAND } from '../formats/argument-rules.js';
import { renderRunFacts } from './run-report.js';
import { PLAIN_TEXT, TEXT_STYLES } from './text-styles.js';
import type { TextStyles } from './text-styles.js';

/** The summary lines, styled by the chalk instance given (plain text by default); `replay` follows a failure. */
export function renderScenarioSummary(result: ScenarioRunResult, replay: string, chalk: TextStyles = PLAIN_TEXT): string[] {
  checkArguments('renderScenarioSummary', ['result', result, SCENARIO_RUN_RESULT], ['replay', replay, REPLAY_COMMAND], ['styles', chalk, TEXT_STYLES]);
  const lines = renderRunFacts(result.run, chalk);
  for (const outcome of result.expectations) {
    const mark = outcome.passed ? chalk.green('✓') : chalk.red('✗');
    lines.push(`${mark} expected ${describeExpectation(outcome.expectation)}: ${outcome.detail}`);
  }
  for (const failure of result.failures) {
    if (failure.kind === 'expectation' || failure.kind === 'violation') continue;
    lines.push(chalk.red(`✗ ${failure.kind}: ${failure.message}`));
  }
  const liveness = result.scenario.liveness;
  const skipped = result.scenario.skipCheckers ?? [];
  if (skipped.length > 0) lines.push(chalk.yellow(`– not checked (skipped): ${skipped.join(', ')}`));
  if (result.truncated !== null) {
    const unjudged = [...(liveness !== null && !skipped.includes('liveness') && !result.livenessJudged ? ['liveness'] : []), ...(result.scenario.expect.length > 0 ? ['expectations'] : [])];
    if (unjudged.length > 0) lines.push(chalk.yellow(`– not judged (the run stopped short of its end): ${unjudged.join(', ')}`));
  }
  if (liveness !== null && result.livenessJudged && result.run.violations.length === 0 && !result.failures.some((failure) => failure.kind === 'liveness')) {
    lines.push(`${chalk.green('✓')} converged within ${liveness.withinMs} ms once the faults stopped at ${(liveness.atMs / 1000).toFixed(3)}s`);
  }
  const verdict = result.run.violations.length === 0 ? 'all checks held' : 'the violation the scenario shows was caught; every other check held';
  lines.push(result.passed ? chalk.green(verdict) : `replay: ${replay}`);
  return lines;
}
