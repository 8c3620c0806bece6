import cliProgress from 'cli-progress';
import { renderViolation } from '../../reports/index.js';
import { explore } from '../../scenarios/index.js';
import { chooseImplementation, parseDuration, parseFaultMode, parseNodeCount, parseSeed, parseWholeNumber } from '../arguments.js';
import type { Output } from '../terminal.js';

export interface ExploreArguments {
  readonly seeds: unknown;
  readonly from: unknown;
  readonly nodes: unknown;
  readonly duration: unknown;
  readonly faults: unknown;
  readonly bug: unknown;
  readonly json: boolean;
}

export const MAX_SEEDS = 10_000_000;

export function exploreCommand(args: ExploreArguments, output: Output): number {
  const seeds = parseWholeNumber('seeds', args.seeds, 1, MAX_SEEDS);
  const fromSeed = parseSeed('from', args.from);
  const nodeCount = args.nodes === undefined ? null : parseNodeCount(args.nodes);
  const durationMs = parseDuration('duration', args.duration);
  const faults = parseFaultMode(args.faults);
  const { implementation, bug } = chooseImplementation(args.bug);

  const bar =
    !args.json && output.stderrIsTerminal
      ? new cliProgress.SingleBar(
          { format: 'exploring [{bar}] {value}/{total} seeds · {failed} failed · {eta_formatted} left', hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        )
      : null;
  bar?.start(seeds, 0, { failed: 0 });
  const result = explore({
    fromSeed,
    seeds,
    nodeCount,
    durationMs,
    faults,
    implementation,
    bug,
    onSeedDone: bar === null ? undefined : (done, failed) => bar.update(done, { failed }),
  });
  bar?.stop();

  if (args.json) {
    output.out(
      JSON.stringify(
        {
          seeds: result.seeds,
          fromSeed: result.fromSeed,
          implementation: implementation.name,
          passed: result.passed,
          failed: result.failed.map((failure) => ({
            seed: failure.seed,
            checker: failure.checker,
            message: failure.message,
            atMs: failure.violation.atMs,
            traceHash: failure.traceHash,
            replay: failure.replay,
          })),
          eventLimited: result.eventLimited,
          events: result.totalEvents,
          virtualMs: result.totalVirtualMs,
        },
        null,
        2,
      ),
    );
  } else {
    const chalk = output.chalk;
    const last = fromSeed + seeds - 1;
    output.out(
      `explored ${seeds} seeds (${fromSeed}–${last}) against ${implementation.name}: ` +
        `${chalk.green(`${result.passed} passed`)}, ${result.failed.length > 0 ? chalk.red(`${result.failed.length} failed`) : '0 failed'}` +
        ` · ${(result.totalVirtualMs / 1000).toFixed(0)} virtual seconds · ${result.totalEvents} events`,
    );
    if (result.eventLimited > 0) output.out(chalk.yellow(`${result.eventLimited} runs stopped at their event bound before their duration`));
    for (const failure of result.failed.slice(0, 20)) {
      output.out('');
      for (const line of renderViolation(failure.violation, chalk)) output.out(line);
      output.out(`  replay: ${failure.replay}`);
    }
    if (result.failed.length > 20) output.out(`\n… and ${result.failed.length - 20} more failing seeds (--json lists them all)`);
  }
  return result.failed.length > 0 ? 1 : 0;
}
