/**
 * The --liveness-within DURATION and --skip-checker NAME flags: how a run is judged. Checked against the
 * names of the checks (scenarios/check-settings.ts), and repeated as given in every replay line.
 */
import { CHECK_NAMES, checkSettingsProblem } from '../scenarios/index.js';
import type { CheckSettings, Scenario } from '../scenarios/index.js';
import { parseDuration, UsageError } from './arguments.js';
import { formatDuration } from './replay-command.js';
import { quoted } from '../sim/printable.js';

export interface CheckFlags {
  readonly settings: CheckSettings;
  /** The flags to repeat in a replay line, in a fixed order. */
  readonly flags: readonly string[];
}

export function parseCheckFlags(livenessWithin: unknown, skipChecker: unknown): CheckFlags {
  const livenessWithinMs = livenessWithin === undefined ? null : parseDuration('liveness-within', livenessWithin);
  const names = skipChecker === undefined ? [] : Array.isArray(skipChecker) ? skipChecker.map(String) : [String(skipChecker)];
  const skipCheckers: string[] = [];
  for (const name of names) {
    if (!CHECK_NAMES.includes(name)) throw new UsageError(`--skip-checker ${quoted(name)} is not a check (names: ${CHECK_NAMES.join(', ')})`);
    if (!skipCheckers.includes(name)) skipCheckers.push(name);
  }
  const flags = [
    ...(livenessWithinMs === null ? [] : [`--liveness-within ${formatDuration(livenessWithinMs)}`]),
    ...skipCheckers.map((name) => `--skip-checker ${name}`),
  ];
  return { settings: { livenessWithinMs, skipCheckers }, flags };
}

/** Refuses settings the scenario cannot take (a liveness bound for a scenario without a liveness phase). */
export function requireCheckSettingsFit(scenario: Scenario, settings: CheckSettings): void {
  const problem = checkSettingsProblem(scenario, settings);
  if (problem !== null) throw new UsageError(`--${problem}`);
}
