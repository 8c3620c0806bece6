/**
 * How a run is judged, beyond what it runs: how long the liveness phase may take, and which checks are
 * skipped. Both are set per run (--liveness-within, --skip-checker) and carried in the scenario, so a
 * scenario file written from a run (a shrunk failure) is judged as the run was.
 */
import type { ArgumentRule } from '../core/argument-checks.js';
import { arrayOf, checkArguments, nullable, oneOf, optional, optionsOf, withDefaults } from '../core/argument-checks.js';
import { SIMULATION_CHECK_NAMES } from '../sim/index.js';
import { DURATION_MS, SCENARIO } from './argument-rules.js';
import type { Scenario } from './scenario.js';

/** Every check a scenario run can skip: the simulation's checkers and server rules, and the liveness phase. */
export const CHECK_NAMES: readonly string[] = [...SIMULATION_CHECK_NAMES, 'liveness'];

export interface CheckSettings {
  /** How long the cluster has to converge once faults stop; null keeps the scenario's own bound. */
  readonly livenessWithinMs: number | null;
  /** Checks not run (see CHECK_NAMES), added to those the scenario skips. */
  readonly skipCheckers: readonly string[];
}

export const DEFAULT_CHECK_SETTINGS: CheckSettings = { livenessWithinMs: null, skipCheckers: [] };

/** Check settings as an argument: either field may be left out (its default kept); a check's name must be one. */
export const CHECK_SETTINGS: ArgumentRule = optionsOf<CheckSettings>('CheckSettings', {
  livenessWithinMs: optional(nullable(DURATION_MS)),
  skipCheckers: optional(arrayOf(oneOf(CHECK_NAMES))),
});

/** What is wrong with the settings for this scenario (a name that is no check, a bound with no liveness phase), or null. */
export function checkSettingsProblem(scenario: Scenario, settings: CheckSettings): string | null {
  const unknown = settings.skipCheckers.find((name) => !CHECK_NAMES.includes(name));
  if (unknown !== undefined) return `skip-checker: "${unknown}" is not a check (${CHECK_NAMES.join(', ')})`;
  if (settings.livenessWithinMs !== null && scenario.liveness === null) return `liveness-within: scenario ${scenario.name} has no liveness phase`;
  return null;
}

/**
 * The scenario judged under the settings. A new liveness bound moves the end of the run with it when the
 * run ended with the liveness phase (as every swarm seed's does), and otherwise only lengthens a run too short for it.
 * Settings left out are DEFAULT_CHECK_SETTINGS: the scenario's own bound, no check skipped.
 */
export function applyCheckSettings(scenario: Scenario, given: Partial<CheckSettings> = {}): Scenario {
  checkArguments('applyCheckSettings', ['scenario', scenario, SCENARIO], ['settings', given, CHECK_SETTINGS]);
  const settings = withDefaults(DEFAULT_CHECK_SETTINGS, given);
  const skipCheckers = [...(scenario.skipCheckers ?? [])];
  for (const name of settings.skipCheckers) if (!skipCheckers.includes(name)) skipCheckers.push(name);
  const skipping = skipCheckers.length > 0 ? { skipCheckers } : {};
  const liveness = scenario.liveness;
  if (settings.livenessWithinMs === null || liveness === null) return { ...scenario, ...skipping };
  const oldEndMs = liveness.atMs + liveness.withinMs;
  const newEndMs = liveness.atMs + settings.livenessWithinMs;
  const durationMs = scenario.cluster.durationMs === oldEndMs ? newEndMs : Math.max(scenario.cluster.durationMs, newEndMs);
  return {
    ...scenario,
    ...skipping,
    cluster: { ...scenario.cluster, durationMs },
    liveness: { atMs: liveness.atMs, withinMs: settings.livenessWithinMs },
  };
}

/** Whether the scenario's run judges a check. */
export function judges(scenario: Scenario, check: string): boolean {
  return !(scenario.skipCheckers ?? []).includes(check);
}
