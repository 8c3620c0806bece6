/**
 * `raftsim explore --guided`: coverage-guided exploration (scenarios/guided/). Every run goes to a
 * worker thread, a generation at a time; every failing run's scenario is written as a file with the one
 * command that replays it, then its trace and explorer, and with --shrink its shrunk scenario, as plain
 * exploration does for a failing seed.
 */
import { join } from 'node:path';
import type { ChalkInstance } from 'chalk';
import { renderSeedStatistics, renderViolation } from '../../reports/index.js';
import { DEFAULT_FRESH_PERCENT, DEFAULT_GENERATION_SIZE, GuidedExploration, scenarioToYaml, seedStatisticsTable } from '../../scenarios/index.js';
import type { CorpusEntry, GuidedFailure, GuidedResult } from '../../scenarios/index.js';
import { UsageError } from '../arguments.js';
import { loadCorpusFolder, writeCorpusEntries } from '../corpus-folder.js';
import { interruptedExitCode, whileListeningForInterrupts } from '../interrupt.js';
import type { Interruption } from '../interrupt.js';
import { isIsolationFailure } from '../isolation/isolated-explore.js';
import { GenerationPool } from '../isolation/guided-generation.js';
import { IsolatedRunner } from '../isolation/isolated-runner.js';
import { startProgress } from '../progress.js';
import { implementationFlags, quoteIfNeeded } from '../replay-command.js';
import type { Output } from '../terminal.js';
import { warn } from '../warnings.js';
import { writeOutputFile } from '../write-file.js';
import type { ExploreArguments, ExploreSettings } from './explore.js';
import { exploreSettings } from './explore.js';
import { writeStatistics } from './explore-statistics.js';
import { writeFailureReport } from './failure-report.js';
import type { FailureReport } from './failure-report.js';
import type { ShrunkFile } from './shrink-output.js';
import { describeSize, shrinkToFile } from './shrink-output.js';

const FAILURES_SHOWN = 20;

/** What a failing run left in the out folder. */
interface RunFiles {
  readonly scenario: string;
  readonly replay: string;
  readonly report: FailureReport | null;
  readonly shrunk: ShrunkFile | string | null;
}

export async function guidedExploreCommand(args: ExploreArguments, output: Output): Promise<number> {
  const refused = { scenario: 'it grows its own scenarios from the swarm\'s', shard: 'shards share a --corpus folder, each with its own --from', markdown: 'it prints text or --json' } as const;
  for (const [flag, why] of Object.entries(refused) as [keyof typeof refused, string][]) {
    if (args[flag] !== undefined && args[flag] !== false) throw new UsageError(`--${flag} cannot be combined with --guided: ${why}`);
  }
  const corpusFolder = args.corpus === undefined ? null : String(args.corpus);
  const corpus = corpusFolder === null ? [] : loadCorpusFolder(corpusFolder, '--corpus');
  // Every failing run is written as a scenario file, so guided exploration always has an out folder.
  const settings = await exploreSettings({ ...args, out: args.out ?? 'raftsim-failures' });
  warn(output, settings.timingProblem);
  const folder = settings.outFolder!;
  return whileListeningForInterrupts(async (interruption) => {
    const result = await exploreGuided(settings, corpus, corpusFolder, !args.json, interruption);
    const files = await writeRunFiles(result, settings, folder, args.shrink, !args.json, interruption);
    if (settings.statisticsFile !== null) writeStatistics(settings.statisticsFile, seedStatisticsTable(result.statistics), renderSeedStatistics);
    if (args.json) output.out(JSON.stringify(guidedJson(result, settings, files, corpusFolder, interruption.signal !== null), null, 2));
    else for (const line of guidedText(result, settings, files, corpusFolder, output.chalk)) output.out(line);
    const interruptedExit = interruptedExitCode(interruption);
    if (interruptedExit === null) return result.failed.length > 0 ? 1 : 0;
    output.err(`raftsim: interrupted (${interruption.signal}) after ${result.runs} of ${settings.explore.seeds!} runs: ${result.failed.length} failed; the other runs did not run, so this is not a pass`);
    return interruptedExit;
  });
}

async function exploreGuided(settings: ExploreSettings, corpus: readonly CorpusEntry[], corpusFolder: string | null, wantProgress: boolean, interruption: Interruption): Promise<GuidedResult> {
  const { statistics: _measuredAnyway, scenario: _none, ...base } = settings.explore;
  const exploration = new GuidedExploration({ base, generationSize: DEFAULT_GENERATION_SIZE, freshPercent: DEFAULT_FRESH_PERCENT, corpus, keepStatistics: settings.statisticsFile !== null });
  const bar = startProgress(wantProgress, 'exploring (guided) [{bar}] {value}/{total} runs · {failed} failed · {eta_formatted} left', settings.explore.seeds!, { failed: 0 });
  const pool = new GenerationPool(settings.source, settings.limits, settings.workers);
  const shouldStop = (): boolean => interruption.signal !== null;
  try {
    for (let generation = exploration.nextGeneration(); generation.length > 0 && !shouldStop(); generation = exploration.nextGeneration()) {
      const results = await pool.run(exploration, generation, shouldStop);
      results.forEach((result, index) => exploration.fold(generation[index]!, result));
      const sofar = exploration.result();
      if (corpusFolder !== null) writeCorpusEntries(corpusFolder, sofar.added);
      bar?.update(sofar.runs, { failed: sofar.failed.length });
      if (results.length < generation.length) break;
    }
  } finally {
    bar?.stop();
    await pool.close();
  }
  return exploration.result();
}

/** The file a failing run's scenario is written to, and the command that replays it. */
function runScenarioFile(folder: string, run: number): string {
  return join(folder, `run-${run}.yaml`);
}

function replayOfRun(path: string, settings: ExploreSettings): string {
  const { bug, implPath, program } = settings.source;
  return ['npx raftsim run --scenario', quoteIfNeeded(path), ...implementationFlags(bug, implPath, program)].join(' ');
}

function origin(failed: Pick<GuidedFailure, 'run' | 'parent' | 'mutations'>): string {
  return failed.parent === null ? `run ${failed.run}, the swarm scenario of seed ${failed.run}` : `run ${failed.run}, run ${failed.parent}'s scenario changed by ${failed.mutations.join(', ')}`;
}

async function writeRunFiles(result: GuidedResult, settings: ExploreSettings, folder: string, shrink: boolean, wantProgress: boolean, interruption: Interruption): Promise<Map<number, RunFiles>> {
  const files = new Map<number, RunFiles>();
  const runner = new IsolatedRunner(settings.source, settings.limits);
  let shrunkSoFar = 0;
  try {
    for (const failed of result.failed.slice(0, FAILURES_SHOWN)) {
      const path = runScenarioFile(folder, failed.run);
      const replay = replayOfRun(path, settings);
      const failure = failed.failure;
      writeOutputFile(path, scenarioToYaml(failure.scenario, [`${origin(failed)}.`, `Fails ${failure.checker}: ${failure.message}`, `Replay: ${replay}`]));
      const isolated = isIsolationFailure(failure);
      const report = isolated ? null : await writeFailureReport({ ...failure, seed: failed.run }, replay, runner, folder, `run-${failed.run}`);
      let shrunk: ShrunkFile | string | null = null;
      if (shrink && !isolated && failure.kind !== 'truncated' && shrunkSoFar < settings.shrinkLimit) {
        shrunkSoFar++;
        if (interruption.signal !== null) shrunk = `interrupted (${interruption.signal}) before it was shrunk`;
        else {
          const target = { path: join(folder, `run-${failed.run}-shrunk.yaml`), origin: `run ${failed.run}`, source: settings.source };
          const outcome = await shrinkToFile(failure.scenario, runner, target, { interruption, wantProgress });
          shrunk = outcome.ok ? outcome.file : outcome.problem;
        }
      }
      files.set(failed.run, { scenario: path, replay, report, shrunk });
    }
  } finally {
    await runner.close();
  }
  return files;
}

function corpusLine(result: GuidedResult, corpusFolder: string | null): string {
  const where = corpusFolder === null ? '' : ` in ${corpusFolder}`;
  return `${result.featuresReached} protocol-coverage features reached · corpus of ${result.corpus.length} entries${where} (${result.added.length} new)`;
}

export function guidedText(result: GuidedResult, settings: ExploreSettings, files: ReadonlyMap<number, RunFiles>, corpusFolder: string | null, chalk: ChalkInstance): string[] {
  const mutants = result.records.filter((record) => record.parent !== null).length;
  const range = result.runs === 0 ? '' : ` (${result.fromSeed}–${result.fromSeed + result.runs - 1})`;
  const lines = [
    `explored ${result.runs} runs${range}, guided by coverage (${result.runs - mutants} swarm seeds, ${mutants} mutants), against ${settings.implementationName}: ` +
      `${chalk.green(`${result.passed} passed`)}, ${result.failed.length > 0 ? chalk.red(`${result.failed.length} failed`) : '0 failed'}` +
      ` · ${(result.totalVirtualMs / 1000).toFixed(0)} virtual seconds · ${result.totalEvents} events`,
    corpusLine(result, corpusFolder),
  ];
  if (result.eventLimited > 0) lines.push(chalk.yellow(`${result.eventLimited} runs stopped at their event bound before their duration`));
  for (const failed of result.failed.slice(0, FAILURES_SHOWN)) {
    const failure = failed.failure;
    lines.push('');
    if (failure.violation !== null) lines.push(...renderViolation(failure.violation, chalk));
    else lines.push(`${chalk.red.bold(`✗ ${failure.checker}`)}: ${failure.message}`);
    lines.push(`  ${origin(failed)}`);
    const written = files.get(failed.run);
    if (written === undefined) continue;
    lines.push(`  replay: ${written.replay}`);
    if (written.report?.report != null) lines.push(`  explorer: ${written.report.report} (trace ${written.report.trace})`);
    else if (written.report?.reportProblem != null) lines.push(chalk.yellow(`  no explorer: ${written.report.reportProblem}`));
    if (typeof written.shrunk === 'string') lines.push(chalk.yellow(`  not shrunk: ${written.shrunk}`));
    else if (written.shrunk !== null) lines.push(`  shrunk to ${describeSize(written.shrunk.shrunk)} (from ${describeSize(written.shrunk.original)}${written.shrunk.stoppedEarly ? ', interrupted' : ''}): ${written.shrunk.replay}`);
  }
  if (result.failed.length > FAILURES_SHOWN) lines.push(`\n… and ${result.failed.length - FAILURES_SHOWN} more failing runs (--json lists them all)`);
  return lines;
}

function guidedJson(result: GuidedResult, settings: ExploreSettings, files: ReadonlyMap<number, RunFiles>, corpusFolder: string | null, interrupted: boolean): Record<string, unknown> {
  return {
    guided: true,
    runs: result.runs,
    runsRequested: settings.explore.seeds,
    interrupted,
    fromSeed: result.fromSeed,
    implementation: settings.implementationName,
    passed: result.passed,
    failed: result.failed.map((failed) => {
      const written = files.get(failed.run);
      const { failure } = failed;
      const shrunk = written?.shrunk;
      return {
        run: failed.run,
        parent: failed.parent,
        mutations: failed.mutations,
        kind: failure.kind,
        checker: failure.checker,
        message: failure.message,
        atMs: failure.atMs,
        traceHash: failure.traceHash,
        ...(written === undefined ? {} : { scenario: written.scenario, replay: written.replay }),
        ...(written?.report == null ? {} : { trace: written.report.trace, report: written.report.report }),
        ...(shrunk == null ? {} : typeof shrunk === 'string' ? { shrinkProblem: shrunk } : { shrunk: { file: shrunk.path, replay: shrunk.replay, checker: shrunk.checker, size: shrunk.shrunk } }),
      };
    }),
    eventLimited: result.eventLimited,
    events: result.totalEvents,
    virtualMs: result.totalVirtualMs,
    corpus: { folder: corpusFolder, entries: result.corpus.length, added: result.added.length, featuresReached: result.featuresReached },
    order: result.records.map((record) => ({ run: record.run, parent: record.parent, mutations: record.mutations, passed: record.passed, newCoverage: record.newCoverage, coverageSoFar: record.coverageSoFar })),
  };
}
