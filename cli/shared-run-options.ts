/**
 * The flags that say which seeds run and how each seed's scenario is drawn, for the commands that then
 * vary something over them (diff, experiment sweep): one reading, so both refuse the same things alike.
 */
import type { Scenario, SharedRunOptions } from '../scenarios/index.js';
import { exploreSeedScenario } from '../scenarios/index.js';
import { parseDuration, parseFaultMode, parseMaxEvents, parseNodeCount, UsageError } from './arguments.js';
import { parseCheckFlags, requireCheckSettingsFit } from './check-flags.js';
import { claimStandardOutput, refuseSameFiles, scenarioFile, textOutput } from './output-paths.js';
import type { NamedPath } from './output-paths.js';
import { parsePolicies } from './policies.js';
import { resolveScenario } from './scenario-source.js';
import type { Output } from './terminal.js';
import { parseWorkloadFlag } from './workload-flag.js';
import { prepareFile } from './write-file.js';

export interface SharedRunArguments {
  readonly nodes?: unknown;
  readonly duration?: unknown;
  readonly faults?: unknown;
  readonly scenario?: unknown;
  readonly policy?: unknown;
  readonly workload?: unknown;
  readonly livenessWithin?: unknown;
  readonly skipChecker?: unknown;
  readonly maxEvents?: unknown;
}

/** The seeds and their scenarios before anything a command varies (diff's variants, a sweep's settings). */
export function parseSharedRunOptions(args: SharedRunArguments, fromSeed: number, seeds: number): SharedRunOptions {
  let scenario: Scenario | null = null;
  if (args.scenario !== undefined) {
    for (const flag of ['nodes', 'duration', 'faults'] as const) {
      if (args[flag] !== undefined) throw new UsageError(`--${flag} cannot be combined with --scenario: the scenario sets it`);
    }
    scenario = resolveScenario(args.scenario);
  }
  const nodeCount = args.nodes === undefined ? null : parseNodeCount(args.nodes);
  const durationMs = parseDuration('duration', args.duration ?? '10s');
  const faults = parseFaultMode(args.faults ?? 'swarm');
  const policies = parsePolicies(args.policy).overrides;
  const checks = parseCheckFlags(args.livenessWithin, args.skipChecker).settings;
  const maxEvents = parseMaxEvents(args.maxEvents);
  const workload = parseWorkloadFlag(args.workload, null).choice;
  const shared: SharedRunOptions = { fromSeed, seeds, nodeCount, durationMs, faults, scenario, policies, workload, checks, ...(maxEvents === null ? {} : { maxEvents }) };
  requireCheckSettingsFit(exploreSeedScenario(fromSeed, { ...shared, checks: undefined }), checks);
  return shared;
}

/** What every replay line of these seeds says, whatever the variant: the seeds' scenario and the shared flags, as given. */
export function sharedReplaySettings(args: SharedRunArguments, shared: SharedRunOptions) {
  return {
    nodeCount: shared.nodeCount,
    durationMs: shared.durationMs,
    faults: shared.faults,
    scenario: args.scenario === undefined ? null : String(args.scenario),
    policyFlags: parsePolicies(args.policy).flags,
    checkFlags: parseCheckFlags(args.livenessWithin, args.skipChecker).flags,
    maxEvents: shared.maxEvents ?? null,
    workloadFlags: parseWorkloadFlag(args.workload, null).flags,
  };
}

/**
 * The --csv and --html files of a command that also reads --scenario and may print --json: each claimed
 * (only one output may go to standard output), none the scenario file, each checked writable before
 * anything runs, and none of the `inputs` (modules under test). Returns the paths (null when not asked
 * for) and where text output goes.
 */
export function claimTableFiles(terminal: Output, args: { readonly csv?: unknown; readonly html?: unknown; readonly scenario?: unknown; readonly json: boolean }, inputs: readonly NamedPath[] = []) {
  const csvPath = args.csv === undefined ? null : String(args.csv);
  const htmlPath = args.html === undefined ? null : String(args.html);
  const files = [
    { label: '--csv', path: csvPath },
    { label: '--html', path: htmlPath },
  ];
  const output = textOutput(terminal, claimStandardOutput(files, args.json ? '--json' : null));
  refuseSameFiles(files, [{ label: '--scenario', path: scenarioFile(args.scenario) }, ...inputs]);
  if (csvPath !== null) prepareFile(csvPath, 'csv');
  if (htmlPath !== null) prepareFile(htmlPath, 'html');
  return { csvPath, htmlPath, output };
}
