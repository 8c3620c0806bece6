import { describe, expect, it } from 'vitest';
import { findKnownBug } from '../bugs/index.js';
import { CHECKER_NAMES, resolveSimulationOptions } from '../sim/index.js';
import { referenceImplementation } from '../core/index.js';
import { applyCheckSettings, CHECK_NAMES, checkSettingsProblem, DEFAULT_CHECK_SETTINGS } from './check-settings.js';
import { parseScenarioText } from './load.js';
import { runScenario } from './run-scenario.js';
import { scenarioFromDocument, scenarioToDocument } from './schema.js';
import { LIVENESS_WITHIN_MS, scenarioForSeed } from './swarm.js';

const SWARM = { nodeCount: null, durationMs: 10_000, faults: 'swarm' } as const;

function firstFailure(bug: string, seed: number, skipCheckers: readonly string[] = []): string | undefined {
  const scenario = applyCheckSettings(scenarioForSeed(seed, SWARM), { livenessWithinMs: null, skipCheckers });
  return runScenario(scenario, { implementation: findKnownBug(bug)!.implementation, trace: 'hash' }).failures[0]?.checker;
}

describe('check settings', () => {
  it('name every checker, every server rule and the liveness phase', () => {
    for (const name of [...CHECKER_NAMES, 'term-adoption', 'election-timer', 'liveness']) expect(CHECK_NAMES).toContain(name);
  });

  it('leave a scenario as it was by default', () => {
    const scenario = scenarioForSeed(9, SWARM);
    expect(applyCheckSettings(scenario, DEFAULT_CHECK_SETTINGS)).toEqual(scenario);
  });

  it('move the end of a swarm run with its liveness bound', () => {
    const scenario = scenarioForSeed(9, SWARM);
    expect(scenario.liveness).toEqual({ atMs: 10_000, withinMs: LIVENESS_WITHIN_MS });
    const longer = applyCheckSettings(scenario, { livenessWithinMs: 30_000, skipCheckers: [] });
    expect(longer.liveness).toEqual({ atMs: 10_000, withinMs: 30_000 });
    expect(longer.cluster.durationMs).toBe(40_000);
    expect(applyCheckSettings(scenario, { livenessWithinMs: 500, skipCheckers: [] }).cluster.durationMs).toBe(10_500);
  });

  it('keep a run that goes on past its liveness phase, lengthening it only when the phase would outlast it', () => {
    const parsed = parseScenarioText('name: after\ncluster: { duration: 20s }\nliveness: { at: 2s, within: 3s }\n', 'yaml');
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(applyCheckSettings(parsed.scenario, { livenessWithinMs: 10_000, skipCheckers: [] }).cluster.durationMs).toBe(20_000);
    expect(applyCheckSettings(parsed.scenario, { livenessWithinMs: 30_000, skipCheckers: [] }).cluster.durationMs).toBe(32_000);
  });

  it('refuse a name that is no check, and a bound for a scenario with no liveness phase', () => {
    const swarm = scenarioForSeed(1, SWARM);
    expect(checkSettingsProblem(swarm, { livenessWithinMs: null, skipCheckers: ['election-saftey'] })).toMatch(/"election-saftey" is not a check \(election-safety, /);
    const calm = scenarioForSeed(1, { ...SWARM, faults: 'none' });
    expect(checkSettingsProblem(calm, { livenessWithinMs: 1000, skipCheckers: [] })).toBe('liveness-within: scenario seed-1 has no liveness phase');
    expect(checkSettingsProblem(swarm, { livenessWithinMs: 1000, skipCheckers: ['liveness', 'election-timer'] })).toBeNull();
    const options = resolveSimulationOptions({ implementation: referenceImplementation, skipCheckers: ['liveness'] });
    expect(options.ok ? null : options.problem).toMatch(/skipCheckers: "liveness" is not a check/);
  });

  it('travel in a scenario file, and a file naming no check is refused with its place', () => {
    const scenario = applyCheckSettings(scenarioForSeed(3, SWARM), { livenessWithinMs: 12_000, skipCheckers: ['election-timer', 'liveness'] });
    const document = JSON.parse(JSON.stringify(scenarioToDocument(scenario)));
    expect(document.skipCheckers).toEqual(['election-timer', 'liveness']);
    const back = scenarioFromDocument(document);
    expect(back.ok && back.scenario.skipCheckers).toEqual(['election-timer', 'liveness']);
    expect(back.ok && back.scenario.liveness).toEqual({ atMs: 10_000, withinMs: 12_000 });
    expect('skipCheckers' in scenarioToDocument(scenarioForSeed(3, SWARM))).toBe(false);
    const bad = scenarioFromDocument({ ...document, skipCheckers: ['leader-quorum', 'quorum'] });
    expect(bad.ok ? null : bad.problem).toMatch(/^skipCheckers\[1\]: one of the checks: election-safety/);
    const twice = scenarioFromDocument({ ...document, skipCheckers: ['liveness', 'election-timer', 'liveness'] });
    expect(twice.ok ? null : twice.problem).toBe('skipCheckers[2]: "liveness" is already listed at skipCheckers[0]');
  });
});

describe('a skipped check', () => {
  it('lets another checker catch a bug more than one catches', () => {
    expect(firstFailure('off-by-one-consistency-check', 1)).toBe('state-machine-safety');
    expect(firstFailure('off-by-one-consistency-check', 1, ['state-machine-safety'])).toBe('log-matching');
  });

  it('passes a bug that only it catches', () => {
    expect(firstFailure('reset-timer-on-any-message', 1)).toBe('election-timer');
    expect(firstFailure('reset-timer-on-any-message', 1, ['election-timer'])).toBeUndefined();
    expect(firstFailure('keep-vote-in-new-term', 1)).toBe('liveness');
    expect(firstFailure('keep-vote-in-new-term', 1, ['liveness'])).toBeUndefined();
  });

  it('is not run: the run goes on past where it would have stopped', () => {
    const scenario = scenarioForSeed(1, SWARM);
    const implementation = findKnownBug('self-vote-twice')!.implementation;
    const caught = runScenario(scenario, { implementation, trace: 'hash' });
    expect(caught.run.outcome).toBe('violation');
    const skipped = runScenario(applyCheckSettings(scenario, { livenessWithinMs: null, skipCheckers: ['leader-quorum'] }), { implementation, trace: 'hash' });
    expect(skipped.run.violations.map((violation) => violation.checker)).not.toContain('leader-quorum');
    expect(skipped.run.events).toBeGreaterThan(caught.run.events);
  });
});
