import { describe, expect, it } from 'vitest';
import { defaultMaxEvents, MIN_DEFAULT_MAX_EVENTS, resolveSimulationOptions } from '../sim/index.js';
import { referenceImplementation } from '../core/index.js';
import { parseScenarioText } from './load.js';
import { runScenario, scenarioSimulationOptions } from './run-scenario.js';
import type { Scenario } from './scenario.js';
import { withMaxEvents } from './scenario.js';
import { scenarioFromDocument, scenarioToDocument } from './schema.js';
import { shrinkScenario } from './shrink.js';
import { scenarioForSeed } from './swarm.js';

function scenario(yaml: string): Scenario {
  const parsed = parseScenarioText(yaml, 'yaml', 'test.yaml');
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.scenario;
}

/** Waits, expectations and a liveness phase, all well within reach of a run that is not cut short. */
const JUDGED = `name: judged
cluster: { nodes: 3, duration: 8s }
timeline:
  - wait-for-leader: 2s
  - at: 4s
    wait-for-commit: { index: 50, within: 2s }
liveness: { at: 6s, within: 2s }
expect:
  - committed: { index: 40, by: 8s }
`;

describe('a run that stops at its event bound', () => {
  it('passes when it runs to its end', () => {
    const result = runScenario(scenario(JUDGED));
    expect(result.failures).toEqual([]);
    expect(result.truncated).toBeNull();
    expect(result.livenessJudged).toBe(true);
    expect(result.expectations.every((outcome) => outcome.passed)).toBe(true);
  });

  it('fails as truncated, saying where it stopped and why, and judges nothing it did not reach', () => {
    const result = runScenario(withMaxEvents(scenario(JUDGED), 1_000));
    expect(result.passed).toBe(false);
    expect(result.run.outcome).toBe('event-limit');
    expect(result.run.events).toBe(1_000);
    expect(result.truncated).toEqual({ reason: 'max-events', maxEvents: 1_000, events: 1_000, atMs: result.run.virtualMs, endMs: 8_000 });
    expect(result.run.virtualMs).toBeLessThan(3_000);
    // The one failure is the truncation: no wait timed out, no liveness or expectation failed, none passed either.
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]).toMatchObject({ kind: 'truncated', checker: 'truncated', atMs: result.run.virtualMs });
    expect(result.failures[0]!.message).toMatch(/^stopped at its event bound \(1000 events\) at \d\.\d{3}s of virtual time, short of its end at 8\.000s: nothing after that was simulated or checked, liveness included$/);
    expect(result.livenessJudged).toBe(false);
    expect(result.expectations).toEqual([]);
    expect(result.steps.map((step) => step.outcome)).toContain('not-reached');
  });

  it('keeps the liveness verdict it reached before stopping: converged, then cut short', () => {
    const whole = runScenario(scenario(JUDGED));
    const bound = Math.floor(whole.run.events * 0.95);
    const result = runScenario(withMaxEvents(scenario(JUDGED), bound));
    expect(result.run.virtualMs).toBeGreaterThan(6_500);
    expect(result.livenessJudged).toBe(true);
    expect(result.failures.map((failure) => failure.kind)).toEqual(['truncated']);
    expect(result.failures[0]!.message).toMatch(/nothing after that was simulated or checked$/);
  });

  it('is found by the swarm too, and is not shrunk: no check failed', () => {
    const seed = scenarioForSeed(3, { nodeCount: null, durationMs: 10_000, faults: 'swarm' });
    const result = runScenario(withMaxEvents(seed, 2_000), { trace: 'hash' });
    expect(result.failures[0]?.kind).toBe('truncated');
    const attempt = shrinkScenario(withMaxEvents(seed, 2_000), referenceImplementation, 5);
    expect(attempt.ok).toBe(false);
    if (!attempt.ok) expect(attempt.problem).toMatch(/stopped at its event bound .*no check failed, so there is nothing to shrink$/);
  });
});

describe('the event bound as a setting', () => {
  it('defaults to 10,000 events per virtual second, never below 5,000,000, so a day of virtual time fits', () => {
    expect(defaultMaxEvents(10_000)).toBe(MIN_DEFAULT_MAX_EVENTS);
    expect(defaultMaxEvents(86_405_000)).toBe(864_050_000);
    const options = (durationMs: number, maxEvents?: number) => resolveSimulationOptions({ implementation: referenceImplementation, durationMs, maxEvents });
    const day = options(86_405_000);
    expect(day.ok && day.value.maxEvents).toBe(864_050_000);
    const given = options(86_405_000, 1_000);
    expect(given.ok && given.value.maxEvents).toBe(1_000);
    expect(options(1_000, 0).ok).toBe(false);
  });

  it('is cluster.maxEvents in a scenario file, kept through a round trip and left out when not set', () => {
    const bounded = scenario('name: bounded\ncluster: { maxEvents: 1234 }\n');
    expect(bounded.cluster.maxEvents).toBe(1_234);
    expect(scenarioSimulationOptions(bounded, 1).maxEvents).toBe(1_234);
    expect((scenarioToDocument(bounded).cluster as Record<string, unknown>).maxEvents).toBe(1_234);
    const again = scenarioFromDocument(scenarioToDocument(bounded));
    expect(again.ok && again.scenario.cluster.maxEvents).toBe(1_234);
    const unbounded = scenario('name: unbounded\n');
    expect(Object.keys(scenarioToDocument(unbounded).cluster as Record<string, unknown>)).not.toContain('maxEvents');
    expect(scenarioSimulationOptions(unbounded, 1).maxEvents).toBe(MIN_DEFAULT_MAX_EVENTS);
  });

  it('refuses a bound that is not a whole number of at least one, naming the field', () => {
    for (const value of ['0', '-1', '2.5', '"many"']) {
      const parsed = parseScenarioText(`name: x\ncluster: { maxEvents: ${value} }\n`, 'yaml', 'test.yaml');
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.problem).toMatch(/^test\.yaml: cluster\.maxEvents: /);
    }
  });
});
