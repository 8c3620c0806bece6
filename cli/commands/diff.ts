/**
 * `raftsim diff`: two variants (known bugs or policy sets) on the same seeds, the same
 * fault schedules and the same workloads, reported as paired differences with bootstrap intervals and
 * the first event at which each seed's two runs part. Both variants run in this thread, one after the
 * other: the first divergence compares the two full traces record by record, which the worker threads
 * of explore (which send back a result per seed, not its trace) do not provide. For that reason a variant
 * is raftsim's own code only, never an --impl module: one run here, outside a worker, could end or hang
 * the command, and raftsim must never pass or stop because of what an implementation under test did.
 */
import { RAFTSIM_VERSION } from '../../formats/index.js';
import { differentialFailures, differentialToCsv, differentialToJson, renderDifferentialHtml, renderDifferentialText } from '../../reports/index.js';
import type { DifferentialReport } from '../../reports/index.js';
import { applyPolicies, DEFAULT_BOOTSTRAP, DIFFERENTIAL_DETERMINISM_EVERY, differentialSeed, MAX_RESAMPLES, pairedDifferences, policiesProblem, scenarioOptionsProblem, seedMeasures } from '../../scenarios/index.js';
import type { DifferentialSeed, DifferentialVariant, SharedRunOptions } from '../../scenarios/index.js';
import { exploreSeedScenario } from '../../scenarios/index.js';
import { parseSeed, parseWholeNumber, requireSeedsFit, UsageError } from '../arguments.js';
import { interruptedExitCode, whileListeningForInterrupts, yieldToEventLoop } from '../interrupt.js';
import type { Interruption } from '../interrupt.js';
import { selectImplementation } from '../load-implementation.js';
import { parsePolicies } from '../policies.js';
import { startProgress } from '../progress.js';
import { quoteIfNeeded } from '../replay-command.js';
import type { Output } from '../terminal.js';
import { claimTableFiles, parseSharedRunOptions } from '../shared-run-options.js';
import type { SharedRunArguments } from '../shared-run-options.js';
import { writeOutputFile } from '../write-file.js';

export interface DiffArguments extends SharedRunArguments {
  readonly seeds: unknown;
  readonly from: unknown;
  readonly a?: unknown;
  readonly b?: unknown;
  readonly aBug?: unknown;
  readonly bBug?: unknown;
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
  const a = await parseVariant('a', args.a, args.aBug, shared);
  const b = await parseVariant('b', args.b, args.bBug, shared);
  const { csvPath, htmlPath, output } = claimTableFiles(terminal, args);

  return whileListeningForInterrupts(async (interruption) => {
    const results = await runSeeds(shared, a, b, { wantProgress: !args.json, interruption });
    const report: DifferentialReport = {
      provenance: {
        command: ['raftsim', ...process.argv.slice(2)].map(quoteIfNeeded).join(' '),
        version: RAFTSIM_VERSION,
        fromSeed,
        // The seeds that ran: all those asked for, unless interrupted.
        seeds: results.length,
        scenario: shared.scenario?.name ?? null,
        a: a.label,
        b: b.label,
        resamples,
        level: DEFAULT_BOOTSTRAP.level,
      },
      seeds: results,
      measures: results.map(seedMeasures),
      differences: pairedDifferences(results, { ...DEFAULT_BOOTSTRAP, resamples }),
    };
    if (csvPath !== null) writeOutputFile(csvPath, differentialToCsv(report));
    if (htmlPath !== null) writeOutputFile(htmlPath, renderDifferentialHtml(report));
    const failures = failureLines(results);
    if (args.json) output.out(JSON.stringify({ ...differentialToJson(report), seedsRequested: seeds, interrupted: interruption.signal !== null, failures }, null, 2));
    else for (const line of renderDifferentialText(report, SEEDS_SHOWN)) output.out(line);
    for (const line of failures.slice(0, FAILURES_SHOWN)) output.err(`✗ ${line}`);
    if (failures.length > FAILURES_SHOWN) output.err(`… and ${failures.length - FAILURES_SHOWN} more failed checks (--json lists them all)`);
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

function failureLines(results: readonly DifferentialSeed[]): string[] {
  return differentialFailures(results).map(({ seed, variant, failure }) => `seed ${seed}, variant ${variant}: ${failure.checker}: ${failure.message}`);
}

/** One side: its implementation (the reference, or --x-bug) and its policies (--x NAME=VALUE), checked on the first seed. */
async function parseVariant(side: 'a' | 'b', policyValues: unknown, bug: unknown, shared: SharedRunOptions): Promise<DifferentialVariant> {
  const parsed = await renamingFlags(side, () => parsePolicies(policyValues));
  const selection = await renamingFlags(side, () => selectImplementation(bug, undefined));
  const merged = { ...shared.policies, ...parsed.overrides };
  const conflict = policiesProblem(merged);
  if (conflict !== null) throw new UsageError(`--${side} with --policy: ${conflict}`);
  const problem = scenarioOptionsProblem(applyPolicies(exploreSeedScenario(shared.fromSeed, shared), parsed.overrides));
  if (problem !== null) throw new UsageError(`--${side}: ${problem}`);
  const settings = Object.entries(merged).map(([name, value]) => `${name}=${Array.isArray(value) ? value.join('-') : String(value)}`);
  const label = `${selection.implementation.name}${settings.length === 0 ? '' : ` (${settings.join(', ')})`}`;
  return { label, implementation: selection.implementation, policies: parsed.overrides };
}

/** The shared parsers name --policy and --bug; on one side they are --a and --a-bug. */
async function renamingFlags<T>(side: 'a' | 'b', parse: () => T | Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(error.message.replace(/^--policy\b/, `--${side}`).replace(/^--bug\b/, `--${side}-bug`));
  }
}

/** Every seed, both variants, with a progress bar; the event loop turns between seeds, and a signal stops them there. */
async function runSeeds(
  shared: SharedRunOptions,
  a: DifferentialVariant,
  b: DifferentialVariant,
  how: { readonly wantProgress: boolean; readonly interruption: Interruption },
): Promise<DifferentialSeed[]> {
  const bar = startProgress(how.wantProgress, 'diff [{bar}] {value}/{total} seeds · {eta_formatted} left', shared.seeds);
  const results: DifferentialSeed[] = [];
  try {
    for (let offset = 0; offset < shared.seeds && how.interruption.signal === null; offset++) {
      try {
        results.push(differentialSeed(shared.fromSeed + offset, { shared, a, b }, offset % DIFFERENTIAL_DETERMINISM_EVERY === 0));
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
  }
  return results;
}
