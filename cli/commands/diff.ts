/**
 * `raftsim diff`: two variants (implementations, known bugs or policy sets) on the same seeds, the same
 * fault schedules and the same workloads, reported as paired differences with bootstrap intervals and
 * the first event at which each seed's two runs part. raftsim's own code (the reference core, a known
 * bug) runs in this thread; an implementation under test (--a-impl, --b-impl-cmd…) runs in a worker
 * thread of its own and streams its records back, so that the first divergence is still found record by
 * record and raftsim never passes or stops because of what that implementation did (isolated-diff.ts).
 */
import { RAFTSIM_VERSION } from '../../formats/index.js';
import { differentialFailures, differentialToCsv, differentialToJson, renderDifferentialHtml, renderDifferentialText } from '../../reports/index.js';
import type { DifferentialReport } from '../../reports/index.js';
import { applyPolicies, DEFAULT_BOOTSTRAP, DIFFERENTIAL_DETERMINISM_EVERY, MAX_RESAMPLES, pairedDifferences, policiesProblem, scenarioOptionsProblem, seedMeasures } from '../../scenarios/index.js';
import type { DifferentialSeed, SharedRunOptions } from '../../scenarios/index.js';
import { exploreSeedScenario } from '../../scenarios/index.js';
import { parseSeed, parseWholeNumber, requireSeedsFit, UsageError } from '../arguments.js';
import { interruptedExitCode, whileListeningForInterrupts, yieldToEventLoop } from '../interrupt.js';
import type { Interruption } from '../interrupt.js';
import { DifferentialRunner } from '../isolation/isolated-diff.js';
import type { DiffSide } from '../isolation/isolated-diff.js';
import { selectIsolated } from '../isolation/isolated-job.js';
import type { IsolationLimits } from '../isolation/isolated-runner.js';
import type { ImplementationSource } from '../isolation/protocol.js';
import { parseIsolationLimits } from '../isolation/limit-flags.js';
import { parsePolicies } from '../policies.js';
import { startProgress } from '../progress.js';
import { commandAsTyped, replayCommand } from '../replay-command.js';
import type { Output } from '../terminal.js';
import { claimTableFiles, parseSharedRunOptions, sharedReplaySettings } from '../shared-run-options.js';
import type { SharedRunArguments } from '../shared-run-options.js';
import { writeOutputFile } from '../write-file.js';

export interface DiffArguments extends SharedRunArguments {
  readonly seeds: unknown;
  readonly from: unknown;
  readonly a?: unknown;
  readonly b?: unknown;
  readonly aBug?: unknown;
  readonly bBug?: unknown;
  readonly aImpl?: unknown;
  readonly bImpl?: unknown;
  readonly aImplCmd?: unknown;
  readonly bImplCmd?: unknown;
  readonly implTimeout?: unknown;
  readonly seedTimeout?: unknown;
  readonly seedMemory?: unknown;
  readonly resamples?: unknown;
  readonly csv?: unknown;
  readonly html?: unknown;
  readonly json: boolean;
}

export const DEFAULT_DIFF_SEEDS = 100;
const MAX_DIFF_SEEDS = 100_000;
const SEEDS_SHOWN = 20;
const FAILURES_SHOWN = 20;

export async function diffCommand(args: DiffArguments, terminal: Output): Promise<number> {
  const seeds = parseWholeNumber('seeds', args.seeds ?? DEFAULT_DIFF_SEEDS, 1, MAX_DIFF_SEEDS);
  const fromSeed = parseSeed('from', args.from ?? '1');
  requireSeedsFit(fromSeed, seeds);
  const resamples = parseWholeNumber('resamples', args.resamples ?? DEFAULT_BOOTSTRAP.resamples, 1, MAX_RESAMPLES);
  const shared = parseSharedRunOptions(args, fromSeed, seeds);
  // Each isolated side keeps a worker from seed to seed: the default heap is shared among them.
  const isolatedSides = [args.aImpl, args.aImplCmd, args.bImpl, args.bImplCmd].filter(given).length;
  const limits = parseIsolationLimits(args.seedTimeout, args.seedMemory, Math.max(1, isolatedSides));
  if (given(args.implTimeout) && !given(args.aImplCmd) && !given(args.bImplCmd)) throw new UsageError('--impl-timeout needs --a-impl-cmd or --b-impl-cmd: it is how long a program may take to answer');
  const a = await parseSide('a', { policy: args.a, bug: args.aBug, impl: args.aImpl, implCmd: args.aImplCmd, implTimeout: args.implTimeout }, shared, limits);
  const b = await parseSide('b', { policy: args.b, bug: args.bBug, impl: args.bImpl, implCmd: args.bImplCmd, implTimeout: args.implTimeout }, shared, limits);
  const modules = [{ label: '--a-impl', path: args.aImpl }, { label: '--b-impl', path: args.bImpl }];
  const { csvPath, htmlPath, output } = claimTableFiles(terminal, args, modules);
  const replay = sharedReplaySettings(args, shared);
  const replayOf = (side: ParsedSide, seed: number) =>
    replayCommand({ ...replay, seed, bug: side.source.bug, implementation: side.source.implPath, program: side.source.program, policyFlags: [...replay.policyFlags, ...side.policyFlags] });

  return whileListeningForInterrupts(async (interruption) => {
    const results = await runSeeds(shared, new DifferentialRunner({ a, b }, limits), { wantProgress: !args.json, interruption });
    const report: DifferentialReport = {
      provenance: {
        command: commandAsTyped(),
        version: RAFTSIM_VERSION,
        fromSeed,
        // The seeds that ran: all those asked for, unless interrupted.
        seeds: results.length,
        scenario: shared.scenario?.name ?? null,
        a: a.variant.label,
        b: b.variant.label,
        resamples,
        level: DEFAULT_BOOTSTRAP.level,
      },
      seeds: results,
      measures: results.map(seedMeasures),
      differences: pairedDifferences(results, { ...DEFAULT_BOOTSTRAP, resamples }),
    };
    if (csvPath !== null) writeOutputFile(csvPath, differentialToCsv(report));
    if (htmlPath !== null) writeOutputFile(htmlPath, renderDifferentialHtml(report));
    const failed = failedRuns(results, (variant, seed) => replayOf(variant === 'a' ? a : b, seed));
    const failures = failed.map(failureLine);
    if (args.json) output.out(JSON.stringify({ ...differentialToJson(report), seedsRequested: seeds, interrupted: interruption.signal !== null, failures, failedRuns: failed }, null, 2));
    else for (const line of renderDifferentialText(report, SEEDS_SHOWN)) output.out(line);
    for (const run of failed.slice(0, FAILURES_SHOWN)) output.err(`✗ ${failureLine(run)}\n  replay: ${run.replay}`);
    if (failed.length > FAILURES_SHOWN) output.err(`… and ${failed.length - FAILURES_SHOWN} more failed checks (--json lists them all)`);
    const interruptedExit = interruptedExitCode(interruption);
    if (interruptedExit !== null) {
      output.err(`raftsim: interrupted (${interruption.signal}) after ${results.length} of ${seeds} seeds: the figures cover only those, so this is not a pass`);
      return interruptedExit;
    }
    if (failures.length > 0) return 1;
    if (!args.json) output.out('both variants held every check on every seed');
    return 0;
  });
}

/** A variant's failed check on a seed, with the command that runs that variant on that seed again. */
interface FailedRun {
  readonly seed: number;
  readonly variant: 'a' | 'b';
  readonly kind: string;
  readonly checker: string;
  readonly message: string;
  readonly replay: string;
}

function failedRuns(results: readonly DifferentialSeed[], replayOf: (variant: 'a' | 'b', seed: number) => string): FailedRun[] {
  return differentialFailures(results).map(({ seed, variant, failure }) => ({ seed, variant, kind: failure.kind, checker: failure.checker, message: failure.message, replay: replayOf(variant, seed) }));
}

function failureLine(run: FailedRun): string {
  return `seed ${run.seed}, variant ${run.variant}: ${run.checker}: ${run.message}`;
}

/** The flags that make one side: its policies and at most one of a known bug, a module and a program. */
interface SideFlags {
  readonly policy: unknown;
  readonly bug: unknown;
  readonly impl: unknown;
  readonly implCmd: unknown;
  readonly implTimeout: unknown;
}

interface ParsedSide extends DiffSide {
  readonly source: ImplementationSource;
  /** The side's policies as --policy flags, for its replay command. */
  readonly policyFlags: readonly string[];
}

const given = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * One side: its implementation (the reference, --x-bug, --x-impl or --x-impl-cmd, a module or program
 * loaded in a worker to check it) and its policies (--x NAME=VALUE), checked on the first seed.
 */
async function parseSide(side: 'a' | 'b', flags: SideFlags, shared: SharedRunOptions, limits: IsolationLimits): Promise<ParsedSide> {
  const chosen = (['bug', 'impl', 'impl-cmd'] as const).filter((name) => given(flags[name === 'impl-cmd' ? 'implCmd' : name]));
  if (chosen.length > 1) throw new UsageError(`${chosen.map((name) => `--${side}-${name}`).join(' and ')} each name variant ${side}'s implementation; give at most one`);
  if (Array.isArray(flags.impl)) throw new UsageError(`--${side}-impl was given ${flags.impl.length} times; give it once`);
  const parsed = await renamingFlags(side, () => parsePolicies(flags.policy));
  const implTimeout = given(flags.implCmd) ? flags.implTimeout : undefined;
  const selection = await renamingFlags(side, () => selectIsolated({ bug: flags.bug, impl: flags.impl, implCmd: flags.implCmd, implTimeout }, limits));
  const merged = { ...shared.policies, ...parsed.overrides };
  const conflict = policiesProblem(merged);
  if (conflict !== null) throw new UsageError(`--${side} with --policy: ${conflict}`);
  const problem = scenarioOptionsProblem(applyPolicies(exploreSeedScenario(shared.fromSeed, shared), parsed.overrides));
  if (problem !== null) throw new UsageError(`--${side}: ${problem}`);
  const settings = Object.entries(merged).map(([name, value]) => `${name}=${Array.isArray(value) ? value.join('-') : String(value)}`);
  const label = `${selection.name}${settings.length === 0 ? '' : ` (${settings.join(', ')})`}`;
  return {
    variant: { label, ...(selection.ownCode === null ? {} : { implementation: selection.ownCode }), policies: parsed.overrides },
    isolated: selection.ownCode === null ? selection.source : null,
    source: selection.source,
    policyFlags: parsed.flags,
  };
}

/** The shared parsers name --policy, --bug, --impl and --impl-cmd; on one side they are --a, --a-bug, --a-impl and --a-impl-cmd. */
async function renamingFlags<T>(side: 'a' | 'b', parse: () => T | Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const renamed = error.message.replace(/^--policy\b/, `--${side}`).replace(/^--(bug|impl-cmd|impl)(?![\w-])/, `--${side}-$1`);
    throw new UsageError(renamed);
  }
}

/**
 * Every seed, both variants, with a progress bar; the event loop turns between seeds, and a signal
 * stops them there. The runner's workers end here, whatever happens.
 */
async function runSeeds(shared: SharedRunOptions, runner: DifferentialRunner, how: { readonly wantProgress: boolean; readonly interruption: Interruption }): Promise<DifferentialSeed[]> {
  const bar = startProgress(how.wantProgress, 'diff [{bar}] {value}/{total} seeds · {eta_formatted} left', shared.seeds);
  const results: DifferentialSeed[] = [];
  try {
    for (let offset = 0; offset < shared.seeds && how.interruption.signal === null; offset++) {
      try {
        results.push(await runner.seed(shared.fromSeed + offset, shared, offset % DIFFERENTIAL_DETERMINISM_EVERY === 0));
      } catch (error) {
        // The variants' options changed the schedule itself (differential.ts says which): bad input, not a crash.
        if (error instanceof RangeError && error.message.startsWith('differentialRun:')) throw new UsageError(error.message.replace(/^differentialRun: /, ''));
        throw error;
      }
      bar?.update(offset + 1);
      await yieldToEventLoop();
    }
  } finally {
    bar?.stop();
    await runner.close();
  }
  return runner.withLateFailures(results);
}
