import type { ChalkInstance } from 'chalk';
import { exploreToMarkdown, renderSeedStatistics, renderViolation } from '../../reports/index.js';
import {
  aggregateStatistics,
  applyCheckSettings,
  applyPolicies,
  scenarioForSeed,
  scenarioOptionsProblem,
  scenarioTimingProblem,
  seedStatisticsTable,
  swarmTimingProblem,
} from '../../scenarios/index.js';
import type { ExploreOptions, ExploreResult, Scenario } from '../../scenarios/index.js';
import { parseDiskFaults, parseDuration, parseFaultMode, parseMaxEvents, parseNodeCount, parseSeed, parseWholeNumber, requireSeedsFit, UsageError } from '../arguments.js';
import { parseCheckFlags, requireCheckSettingsFit } from '../check-flags.js';
import { interruptedExitCode, whileListeningForInterrupts } from '../interrupt.js';
import { exploreIsolated, isIsolationFailure } from '../isolation/isolated-explore.js';
import { selectIsolated } from '../isolation/isolated-job.js';
import { IsolatedRunner } from '../isolation/isolated-runner.js';
import type { IsolationLimits } from '../isolation/isolated-runner.js';
import { memoryWarning, parseIsolationLimits, parseWorkers } from '../isolation/limit-flags.js';
import type { ImplementationSource } from '../isolation/protocol.js';
import type { Interruption } from '../interrupt.js';
import { parsePolicies } from '../policies.js';
import { startProgress } from '../progress.js';
import { resolveScenario } from '../scenario-source.js';
import type { Output } from '../terminal.js';
import { replayCommand } from '../replay-command.js';
import { claimFolder } from '../folder-lock.js';
import { refuseInputsInFolder, refuseSameFiles, scenarioFile } from '../output-paths.js';
import { warn } from '../warnings.js';
import { parseWorkloadFlag } from '../workload-flag.js';
import { guidedExploreCommand } from './explore-guided.js';
import { prepareStatisticsFile, writeStatistics } from './explore-statistics.js';
import type { StatisticsFile } from './explore-statistics.js';
import { writeFailureReport } from './failure-report.js';
import type { FailureReport } from './failure-report.js';
import type { ShrunkFile } from './shrink-output.js';
import { describeSize, shrinkToFile, shrunkPath } from './shrink-output.js';
import type { ExploreSummary, ExploreSummarySettings, SummaryFailure } from './explore-summary.js';
import type { ShardPlan } from '../shard.js';
import { parseShardFlag, withShardRecord } from '../shard.js';

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
  readonly attacks?: unknown;
  readonly policy?: unknown;
  readonly impl?: unknown;
  readonly implCmd?: unknown;
  readonly implTimeout?: unknown;
  readonly livenessWithin?: unknown;
  readonly skipChecker?: unknown;
  readonly maxEvents?: unknown;
  readonly workload?: unknown;
  readonly sessions?: unknown;
  readonly json: boolean;
  /** Print a Markdown summary instead of text. */
  readonly markdown?: boolean;
  /** Write statistics over the seeds to this .csv or .json file. */
  readonly stats?: unknown;
  /** Explore only shard K of N of the seeds, as "K/N", for `raftsim merge` to put back together. */
  readonly shard?: unknown;
  readonly seedTimeout?: unknown;
  readonly seedMemory?: unknown;
  readonly workers?: unknown;
  /** Coverage-guided exploration: mutants of the runs that reached new protocol coverage, besides fresh seeds. */
  readonly guided?: boolean;
  /** With --guided: a folder of corpus entries to start from and add to. */
  readonly corpus?: unknown;
}

export const MAX_SEEDS = 10_000_000;
/**
 * The seeds explored when --seeds is not given: 2,000 for an implementation that runs in process, 100
 * for a program (--impl-cmd), where every simulated event is a round trip to another process and a
 * seed takes some twenty times longer, so that the default still finishes in minutes.
 */
export const DEFAULT_SEEDS = 2000;
export const DEFAULT_PROGRAM_SEEDS = 100;
const FAILURES_SHOWN = 20;
/** What --out receives for a failing seed: its trace, its explorer, its clients' history and its shrunk scenario. */
const FAILURE_FILE_NAMES = /^seed-\d+\.(jsonl|html|yaml|history\.jsonl)$/;

/** Everything the flags ask for, checked before any seed runs. */
export interface ExploreSettings {
  readonly explore: Partial<ExploreOptions>;
  /** The implementation's name; the implementation itself is loaded and run in worker threads only. */
  readonly implementationName: string;
  readonly scenario: Scenario | null;
  readonly shrinkLimit: number;
  readonly statisticsFile: StatisticsFile | null;
  readonly outFolder: string | null;
  readonly replayOf: (seed: number) => string;
  /** How every seed is judged: the liveness bound (null without a liveness phase) and the checks skipped. */
  readonly judging: { readonly livenessWithinMs: number | null; readonly skippedCheckers: readonly string[] };
  /** What the replay of a shrunk file names, and what the workers load: the known bug, the implementation's module or its program. */
  readonly source: ImplementationSource;
  /** How the configuration breaks Raft's timing requirement, on every seed or on some, or null. */
  readonly timingProblem: string | null;
  readonly shard: ShardPlan | null;
  /** The limits every seed's worker runs under, and how many run at once. */
  readonly limits: IsolationLimits;
  readonly workers: number;
}

/** What exploring left behind for each failing seed: its explorer report and its shrunk scenario. */
interface FailureFiles {
  readonly reports: Map<number, FailureReport>;
  readonly shrunk: Map<number, ShrunkFile | string>;
}

export async function exploreCommand(args: ExploreArguments, output: Output): Promise<number> {
  if (args.guided === true) return guidedExploreCommand(args, output);
  if (args.corpus !== undefined) throw new UsageError('--corpus needs --guided: only guided exploration keeps a corpus');
  const settings = await exploreSettings(args);
  warn(output, settings.timingProblem);
  warn(output, memoryWarning(settings.limits, settings.workers));
  return whileListeningForInterrupts(async (interruption) => {
    const result = await exploreWithProgress(settings, !args.json, interruption);
    const files = await writeFailureFiles(result, settings, { shrink: args.shrink, wantProgress: !args.json }, interruption);
    if (settings.statisticsFile !== null) writeStatistics(settings.statisticsFile, seedStatisticsTable(result.statistics!), renderSeedStatistics);
    const interrupted = interruption.signal !== null;
    if (args.markdown === true) {
      const statistics = result.statistics === null ? null : aggregateStatistics(result.statistics);
      const context = {
        implementation: settings.implementationName,
        scenario: settings.scenario?.name ?? null,
        statistics,
        replayOf: settings.replayOf,
        skippedCheckers: settings.judging.skippedCheckers,
        seedsRequested: settings.explore.seeds,
      };
      for (const line of exploreToMarkdown(result, context)) output.out(line);
    } else if (args.json) {
      output.out(JSON.stringify(withShardRecord(exploreJson(result, settings, files, interrupted), settings.shard, result, settings, FAILURES_SHOWN), null, 2));
    } else {
      for (const line of exploreText(result, settings, files, output.chalk)) output.out(line);
    }
    const interruptedExit = interruptedExitCode(interruption);
    if (interruptedExit === null) return result.failed.length > 0 ? 1 : 0;
    output.err(interruptedLine(result, settings.explore.seeds!, interruption.signal!));
    return interruptedExit;
  });
}

/** " (5–9)": the seeds that ran, or nothing when none did. */
function seedRange(result: ExploreSummary): string {
  return result.seeds === 0 ? '' : ` (${result.fromSeed}–${result.fromSeed + result.seeds - 1})`;
}

/** The one line that says an exploration was interrupted, how far it got, and that it is not a pass. */
function interruptedLine(result: ExploreResult, seedsRequested: number, signal: string): string {
  const rest = result.seeds < seedsRequested ? '; the other seeds did not run, so this is not a pass' : '';
  return `raftsim: interrupted (${signal}) after ${result.seeds} of ${seedsRequested} seeds${seedRange(result)}: ${result.failed.length} failed${rest}`;
}

export async function exploreSettings(args: ExploreArguments): Promise<ExploreSettings> {
  const defaultSeeds = args.implCmd === undefined || args.implCmd === null ? DEFAULT_SEEDS : DEFAULT_PROGRAM_SEEDS;
  const seeds = parseWholeNumber('seeds', args.seeds ?? defaultSeeds, 1, MAX_SEEDS);
  const fromSeed = parseSeed('from', args.from);
  requireSeedsFit(fromSeed, seeds);
  const shard = parseShardFlag(args, { fromSeed, seeds });
  const nodeCount = args.nodes === undefined ? null : parseNodeCount(args.nodes);
  const durationMs = parseDuration('duration', args.duration ?? '10s');
  const faults = parseFaultMode(args.faults ?? 'swarm');
  const diskFaults = parseDiskFaults(args.diskFaults);
  const attacks = args.attacks === true;
  const workers = parseWorkers(args.workers, seeds);
  const limits = parseIsolationLimits(args.seedTimeout, args.seedMemory, workers);
  const { name: implementationName, source } = await selectIsolated(args, limits);
  const { bug, implPath, program } = source;
  const shrinkLimit = parseWholeNumber('shrink-limit', args.shrinkLimit, 1, 1000);
  const policies = parsePolicies(args.policy, bug);
  const checks = parseCheckFlags(args.livenessWithin, args.skipChecker);
  const maxEvents = parseMaxEvents(args.maxEvents);
  const workload = parseWorkloadFlag(args.workload, bug, args.sessions);
  let scenario = null;
  if (args.scenario !== undefined) {
    for (const flag of ['nodes', 'duration', 'faults', 'diskFaults', 'attacks'] as const) {
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
  // Every seed is judged alike; the first seed's scenario stands for them in the summary.
  const unjudged = scenario ?? scenarioForSeed(fromSeed, { nodeCount, durationMs, faults });
  requireCheckSettingsFit(unjudged, checks.settings);
  const judged = applyCheckSettings(unjudged, checks.settings);
  if (args.json && args.markdown === true) throw new UsageError('--json and --markdown are two ways to print the result; choose one');
  const inputs = [{ label: '--scenario', path: scenarioFile(args.scenario) }, { label: '--impl', path: args.impl }];
  refuseSameFiles([{ label: '--stats', path: args.stats }], inputs);
  const statisticsFile = prepareStatisticsFile(args.stats);
  const outFolder = args.shrink || args.out !== undefined ? String(args.out ?? 'raftsim-failures') : null;
  if (outFolder !== null) refuseInputsInFolder(outFolder, '--out', FAILURE_FILE_NAMES, inputs);
  if (outFolder !== null) claimFolder(outFolder, 'out', 'explore');
  const scenarioReference = args.scenario === undefined ? null : String(args.scenario);
  return {
    explore: {
      fromSeed,
      seeds,
      ...(shard === null ? {} : shard.block),
      nodeCount,
      durationMs,
      faults,
      scenario,
      diskFaults,
      ...(attacks ? { attacks } : {}),
      policies: policies.overrides,
      workload: workload.choice,
      checks: checks.settings,
      statistics: statisticsFile !== null,
      ...(maxEvents === null ? {} : { maxEvents }),
    },
    implementationName,
    scenario,
    shrinkLimit,
    statisticsFile,
    outFolder,
    replayOf: (seed) =>
      replayCommand({ seed, nodeCount, durationMs, bug, faults, scenario: scenarioReference, diskFaults, attacks, implementation: implPath, program, policyFlags: policies.flags, checkFlags: checks.flags, maxEvents, workloadFlags: workload.flags }),
    judging: { livenessWithinMs: judged.liveness?.withinMs ?? null, skippedCheckers: judged.skipCheckers ?? [] },
    source,
    limits,
    workers,
    timingProblem: scenario === null ? swarmTimingProblem(faults, policies.overrides) : scenarioTimingProblem(applyPolicies(scenario, policies.overrides)),
    shard,
  };
}

/**
 * Explores with one progress bar, every seed in a worker thread, several at once: the implementation
 * under test never runs in this thread, which waits for the seeds and so notices a signal, after which
 * no seed starts and those under way finish.
 */
async function exploreWithProgress(settings: ExploreSettings, wantProgress: boolean, interruption: Interruption): Promise<ExploreResult> {
  const format = 'exploring [{bar}] {value}/{total} seeds · {failed} failed · {eta_formatted} left';
  const bar = startProgress(wantProgress, format, settings.explore.seeds!, { failed: 0 });
  const explore = settings.explore;
  try {
    return await exploreIsolated({
      explore: { ...explore, fromSeed: explore.fromSeed!, seeds: explore.seeds! },
      implementation: settings.source,
      limits: settings.limits,
      workers: settings.workers,
      shouldStop: () => interruption.signal !== null,
      onSeedDone: (done, failed) => bar?.update(done, { failed }),
    });
  } finally {
    bar?.stop();
  }
}

/**
 * Writes each failing seed's trace and explorer report, and shrinks the first failures when asked. An
 * interrupted run still writes every report (what it found is the point of it); the shrink in progress
 * ends with what it has found, and no other starts.
 */
async function writeFailureFiles(result: ExploreResult, settings: ExploreSettings, options: { shrink: boolean; wantProgress: boolean }, interruption: Interruption): Promise<FailureFiles> {
  const files: FailureFiles = { reports: new Map(), shrunk: new Map() };
  const folder = settings.outFolder;
  if (folder === null) return files;
  // The seeds run again, and shrink, in a worker of their own: the implementation never runs in this thread.
  const runner = new IsolatedRunner(settings.source, settings.limits);
  try {
    for (const failure of result.failed.slice(0, FAILURES_SHOWN)) {
      if (isIsolationFailure(failure)) continue;
      const report = await writeFailureReport(failure, settings.replayOf(failure.seed), runner, folder);
      if (report !== null) files.reports.set(failure.seed, report);
    }
    if (options.shrink) await shrinkFailures(result, settings, { folder, runner, wantProgress: options.wantProgress }, interruption, files);
  } finally {
    await runner.close();
  }
  return files;
}

async function shrinkFailures(
  result: ExploreResult,
  settings: ExploreSettings,
  to: { readonly folder: string; readonly runner: IsolatedRunner; readonly wantProgress: boolean },
  interruption: Interruption,
  files: FailureFiles,
): Promise<void> {
  // A truncated seed failed no check: there is nothing to shrink, and each try would run to its bound.
  // Nor is there for a seed whose implementation misbehaved: its run never finished.
  for (const failure of result.failed.filter((failed) => failed.kind !== 'truncated' && !isIsolationFailure(failed)).slice(0, settings.shrinkLimit)) {
    if (interruption.signal !== null) {
      files.shrunk.set(failure.seed, `interrupted (${interruption.signal}) before it was shrunk`);
      continue;
    }
    const target = { path: shrunkPath(to.folder, failure.seed), origin: `seed ${failure.seed}`, source: settings.source };
    const outcome = await shrinkToFile(failure.scenario, to.runner, target, { interruption, wantProgress: to.wantProgress });
    files.shrunk.set(failure.seed, outcome.ok ? outcome.file : outcome.problem);
  }
}

export function exploreJson(result: ExploreSummary, settings: ExploreSummarySettings, files: FailureFiles, interrupted: boolean): Record<string, unknown> {
  return {
    seeds: result.seeds,
    seedsRequested: settings.explore.seeds,
    interrupted,
    fromSeed: result.fromSeed,
    implementation: settings.implementationName,
    scenario: settings.scenario?.name ?? null,
    livenessWithinMs: settings.judging.livenessWithinMs,
    skippedCheckers: settings.judging.skippedCheckers,
    passed: result.passed,
    failed: result.failed.map((failure) => failureJson(failure, settings.replayOf(failure.seed), files.shrunk.get(failure.seed), files.reports.get(failure.seed))),
    eventLimited: result.eventLimited,
    events: result.totalEvents,
    virtualMs: result.totalVirtualMs,
  };
}

export function exploreText(result: ExploreSummary, settings: ExploreSummarySettings, files: FailureFiles, chalk: ChalkInstance): string[] {
  const subject = settings.scenario === null ? 'swarm scenarios' : `scenario ${settings.scenario.name}`;
  const lines = [
    `explored ${result.stoppedEarly ? `${result.seeds} of ${settings.explore.seeds}` : result.seeds} seeds${seedRange(result)} of ${subject} against ${settings.implementationName}: ` +
      `${chalk.green(`${result.passed} passed`)}, ${result.failed.length > 0 ? chalk.red(`${result.failed.length} failed`) : '0 failed'}` +
      ` · ${(result.totalVirtualMs / 1000).toFixed(0)} virtual seconds · ${result.totalEvents} events`,
  ];
  const skipped = settings.judging.skippedCheckers;
  if (skipped.length > 0) lines.push(chalk.yellow(`not checked (skipped): ${skipped.join(', ')}`));
  if (result.eventLimited > 0) lines.push(chalk.yellow(`${result.eventLimited} runs stopped at their event bound before their duration`));
  for (const failure of result.failed.slice(0, FAILURES_SHOWN)) {
    lines.push('');
    if (failure.violation !== null) lines.push(...renderViolation(failure.violation, chalk));
    else lines.push(`${chalk.red.bold(`✗ ${failure.checker}`)} (seed ${failure.seed}): ${failure.message}`);
    lines.push(`  replay: ${settings.replayOf(failure.seed)}`);
    const report = files.reports.get(failure.seed);
    if (report !== undefined) lines.push(failureFilesLine(report, chalk));
    const file = files.shrunk.get(failure.seed);
    if (typeof file === 'string') lines.push(chalk.yellow(`  not shrunk: ${file}`));
    else if (file !== undefined) lines.push(`  shrunk to ${describeSize(file.shrunk)} (from ${describeSize(file.original)}${file.stoppedEarly ? ', interrupted' : ''}): ${file.replay}`);
  }
  if (result.failed.length > FAILURES_SHOWN) lines.push(`\n… and ${result.failed.length - FAILURES_SHOWN} more failing seeds (--json lists them all)`);
  return lines;
}

function failureFilesLine(report: FailureReport, chalk: ChalkInstance): string {
  if (report.trace === null) return chalk.yellow(`  no trace written: ${report.reportProblem}`);
  const history = report.history === null ? '' : `, history ${report.history}`;
  return report.report === null ? `  trace: ${report.trace}${history} (no explorer: ${report.reportProblem})` : `  explorer: ${report.report} (trace ${report.trace}${history})`;
}

function failureJson(failure: SummaryFailure, replay: string, shrunk: ShrunkFile | string | undefined, report: FailureReport | undefined): Record<string, unknown> {
  return {
    seed: failure.seed,
    kind: failure.kind,
    checker: failure.checker,
    message: failure.message,
    atMs: failure.atMs,
    traceHash: failure.traceHash,
    replay,
    ...(report === undefined ? {} : { trace: report.trace, report: report.report, ...(report.history === null ? {} : { history: report.history }), ...(report.reportProblem === null ? {} : { reportProblem: report.reportProblem }) }),
    ...(shrunk === undefined
      ? {}
      : typeof shrunk === 'string'
        ? { shrinkProblem: shrunk }
        : { shrunk: { file: shrunk.path, replay: shrunk.replay, checker: shrunk.checker, original: shrunk.original, size: shrunk.shrunk, runs: shrunk.runs, interrupted: shrunk.stoppedEarly } }),
  };
}
