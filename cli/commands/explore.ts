import cliProgress from 'cli-progress';
import { exploreToMarkdown, renderSeedStatistics, renderViolation } from '../../reports/index.js';
import { aggregateStatistics, applyPolicies, explore, scenarioForSeed, scenarioOptionsProblem, seedStatisticsTable } from '../../scenarios/index.js';
import type { ExploreFailure } from '../../scenarios/index.js';
import { parseDiskFaults, parseDuration, parseFaultMode, parseNodeCount, parseSeed, parseWholeNumber, UsageError } from '../arguments.js';
import { selectImplementation } from '../load-implementation.js';
import { parsePolicies } from '../policies.js';
import { resolveScenario } from '../scenario-source.js';
import type { Output } from '../terminal.js';
import { replayCommand } from '../replay-command.js';
import { prepareFolder } from '../write-file.js';
import { prepareStatisticsFile, writeStatistics } from './explore-statistics.js';
import { writeFailureReport } from './failure-report.js';
import type { FailureReport } from './failure-report.js';
import type { ShrunkFile } from './shrink-output.js';
import { describeSize, shrinkToFile, shrunkPath } from './shrink-output.js';

export interface ExploreArguments {
  readonly seeds: unknown;
  readonly from: unknown;
  readonly nodes: unknown;
  readonly duration: unknown;
  readonly faults: unknown;
  readonly bug: unknown;
  readonly scenario: unknown;
  readonly shrink: boolean;
  readonly out: unknown;
  readonly shrinkLimit: unknown;
  readonly diskFaults?: unknown;
  readonly policy?: unknown;
  readonly impl?: unknown;
  readonly json: boolean;
  /** Print a Markdown summary instead of text. */
  readonly markdown?: boolean;
  /** Write statistics over the seeds to this .csv or .json file. */
  readonly stats?: unknown;
}

export const MAX_SEEDS = 10_000_000;
const FAILURES_SHOWN = 20;

export async function exploreCommand(args: ExploreArguments, output: Output): Promise<number> {
  const seeds = parseWholeNumber('seeds', args.seeds, 1, MAX_SEEDS);
  const fromSeed = parseSeed('from', args.from);
  const nodeCount = args.nodes === undefined ? null : parseNodeCount(args.nodes);
  const durationMs = parseDuration('duration', args.duration ?? '10s');
  const faults = parseFaultMode(args.faults ?? 'swarm');
  const diskFaults = parseDiskFaults(args.diskFaults);
  const { implementation, bug, implPath } = await selectImplementation(args.bug, args.impl);
  const shrinkLimit = parseWholeNumber('shrink-limit', args.shrinkLimit, 1, 1000);
  const policies = parsePolicies(args.policy);
  let scenario = null;
  if (args.scenario !== undefined) {
    for (const flag of ['nodes', 'duration', 'faults', 'diskFaults'] as const) {
      if (args[flag] !== undefined) throw new UsageError(`--${flag} cannot be combined with --scenario: the scenario sets it`);
    }
    scenario = resolveScenario(args.scenario);
  }
  if (policies.flags.length > 0) {
    // Every seed is checked as it runs; the first one is checked now, so a bad policy fails before any work.
    const sample = scenario ?? scenarioForSeed(fromSeed, { nodeCount, durationMs, faults });
    const problem = scenarioOptionsProblem(applyPolicies(sample, policies.overrides));
    if (problem !== null) throw new UsageError(`--policy: ${problem}`);
  }
  if (args.json && args.markdown === true) throw new UsageError('--json and --markdown are two ways to print the result; choose one');
  const statisticsFile = prepareStatisticsFile(args.stats);
  const outFolder = args.shrink || args.out !== undefined ? String(args.out ?? 'raftsim-failures') : null;
  if (outFolder !== null) prepareFolder(outFolder, 'out');

  const bar =
    !args.json && output.stderrIsTerminal
      ? new cliProgress.SingleBar(
          { format: 'exploring [{bar}] {value}/{total} seeds · {failed} failed · {eta_formatted} left', hideCursor: true, clearOnComplete: true, stream: process.stderr },
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
    scenario,
    implementation,
    diskFaults,
    policies: policies.overrides,
    statistics: statisticsFile !== null,
    onSeedDone: bar === null ? undefined : (done, failed) => bar.update(done, { failed }),
  });
  bar?.stop();
  const scenarioReference = args.scenario === undefined ? null : String(args.scenario);
  const replayOf = (seed: number): string =>
    replayCommand({ seed, nodeCount, durationMs, bug, faults, scenario: scenarioReference, diskFaults, implementation: implPath, policyFlags: policies.flags });

  const shrunk = new Map<number, ShrunkFile | string>();
  const reports = new Map<number, FailureReport>();
  if (outFolder !== null) {
    for (const failure of result.failed.slice(0, FAILURES_SHOWN)) reports.set(failure.seed, writeFailureReport(failure, replayOf(failure.seed), implementation, outFolder));
  }
  if (outFolder !== null && args.shrink) {
    for (const failure of result.failed.slice(0, shrinkLimit)) {
      const outcome = shrinkToFile(failure.scenario, implementation, bug, shrunkPath(outFolder, failure.seed), `seed ${failure.seed}`, implPath);
      shrunk.set(failure.seed, outcome.ok ? outcome.file : outcome.problem);
    }
  }

  if (statisticsFile !== null) writeStatistics(statisticsFile, seedStatisticsTable(result.statistics!), renderSeedStatistics);

  if (args.markdown === true) {
    const statistics = result.statistics === null ? null : aggregateStatistics(result.statistics);
    for (const line of exploreToMarkdown(result, { implementation: implementation.name, scenario: scenario?.name ?? null, statistics, replayOf })) output.out(line);
  } else if (args.json) {
    output.out(
      JSON.stringify(
        {
          seeds: result.seeds,
          fromSeed: result.fromSeed,
          implementation: implementation.name,
          scenario: scenario?.name ?? null,
          passed: result.passed,
          failed: result.failed.map((failure) => failureJson(failure, replayOf(failure.seed), shrunk.get(failure.seed), reports.get(failure.seed))),
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
      `explored ${seeds} seeds (${fromSeed}–${last}) of ${scenario === null ? 'swarm scenarios' : `scenario ${scenario.name}`} against ${implementation.name}: ` +
        `${chalk.green(`${result.passed} passed`)}, ${result.failed.length > 0 ? chalk.red(`${result.failed.length} failed`) : '0 failed'}` +
        ` · ${(result.totalVirtualMs / 1000).toFixed(0)} virtual seconds · ${result.totalEvents} events`,
    );
    if (result.eventLimited > 0) output.out(chalk.yellow(`${result.eventLimited} runs stopped at their event bound before their duration`));
    for (const failure of result.failed.slice(0, FAILURES_SHOWN)) {
      output.out('');
      if (failure.violation !== null) for (const line of renderViolation(failure.violation, chalk)) output.out(line);
      else output.out(`${chalk.red.bold(`✗ ${failure.checker}`)} (seed ${failure.seed}): ${failure.message}`);
      output.out(`  replay: ${replayOf(failure.seed)}`);
      const report = reports.get(failure.seed);
      if (report !== undefined) output.out(`  explorer: ${report.report} (trace ${report.trace})`);
      const file = shrunk.get(failure.seed);
      if (typeof file === 'string') output.out(chalk.yellow(`  not shrunk: ${file}`));
      else if (file !== undefined) output.out(`  shrunk to ${describeSize(file.shrunk)} (from ${describeSize(file.original)}): ${file.replay}`);
    }
    if (result.failed.length > FAILURES_SHOWN) output.out(`\n… and ${result.failed.length - FAILURES_SHOWN} more failing seeds (--json lists them all)`);
  }
  return result.failed.length > 0 ? 1 : 0;
}

function failureJson(failure: ExploreFailure, replay: string, shrunk: ShrunkFile | string | undefined, report: FailureReport | undefined): Record<string, unknown> {
  return {
    seed: failure.seed,
    kind: failure.kind,
    checker: failure.checker,
    message: failure.message,
    atMs: failure.atMs,
    traceHash: failure.traceHash,
    replay,
    ...(report === undefined ? {} : { trace: report.trace, report: report.report }),
    ...(shrunk === undefined
      ? {}
      : typeof shrunk === 'string'
        ? { shrinkProblem: shrunk }
        : { shrunk: { file: shrunk.path, replay: shrunk.replay, checker: shrunk.checker, original: shrunk.original, size: shrunk.shrunk, runs: shrunk.runs } }),
  };
}
