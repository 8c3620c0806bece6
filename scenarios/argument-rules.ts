/**
 * The shapes of the values the scenario layer hands out and takes back (a Scenario, a run's result,
 * statistics), as its public functions check them (core/argument-checks.ts). A value built by hand in
 * plain JavaScript, or the wrong value passed on, is named at the call rather than crashing inside it.
 * The rules of each function's own options sit beside the function.
 */
import type { ArgumentRule } from '../core/argument-checks.js';
import { arrayOf, boolean, integer, nullable, number, shaped, string } from '../core/argument-checks.js';
import { NODE_COUNT, RUN_RESULT, SEED } from '../sim/argument-rules.js';

export { NODE_COUNT, SEED } from '../sim/argument-rules.js';

/** A length of virtual time, in milliseconds. */
export const DURATION_MS: ArgumentRule = number({ min: 0, aboveMin: true });

export const SCENARIO: ArgumentRule = shaped('a Scenario (from findNamedScenario, scenarioForSeed, or the `scenario` of what loadScenarioFile returns)', {
  name: string(),
  seed: SEED,
  cluster: shaped('a ClusterSpec', { nodes: NODE_COUNT, durationMs: DURATION_MS }),
  network: shaped('a NetworkSpec', {}),
  workload: shaped('a workload { requestsPerSecond, readsPerSecond }', {}),
  leaderCrashes: nullable(shaped('a LeaderCrashRule', {})),
  timeline: arrayOf(),
  expect: arrayOf(),
  liveness: nullable(shaped('a liveness phase { atMs, withinMs }', { atMs: number({ min: 0 }), withinMs: number({ min: 0 }) })),
});

export const SCENARIO_RUN_RESULT: ArgumentRule = shaped('a ScenarioRunResult (from runScenario)', {
  scenario: SCENARIO,
  seed: SEED,
  run: RUN_RESULT,
  failures: arrayOf(),
  passed: boolean,
});

export const EXPLORE_RESULT: ArgumentRule = shaped('an ExploreResult (from explore)', {
  fromSeed: SEED,
  seeds: integer(0),
  passed: integer(0),
  failed: arrayOf(),
});

const SEED_STATISTICS: ArgumentRule = shaped('SeedStatistics (from seedStatistics)', {
  seed: SEED,
  passed: boolean,
  electionTimesMs: arrayOf(),
  unavailabilityWindowsMs: arrayOf(),
  commitLatenciesMs: arrayOf(),
});

export const SEED_STATISTICS_LIST: ArgumentRule = arrayOf(SEED_STATISTICS, 'an array of SeedStatistics (from seedStatistics, or explore with statistics: true)');

export const ROLE_OBSERVATIONS: ArgumentRule = arrayOf(
  shaped('a role observation { node, role, term, atMs }', { node: integer(1), role: string(), term: integer(0) }),
  'an array of role observations (the `roles` of a ScenarioRunResult)',
);
