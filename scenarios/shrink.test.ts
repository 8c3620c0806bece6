import { describe, expect, it } from 'vitest';
import { KNOWN_BUGS } from '../bugs/index.js';
import { referenceImplementation } from '../core/index.js';
import { explore } from './explore.js';
import { findNamedScenario } from './library/index.js';
import { parseScenarioText } from './load.js';
import { runScenario } from './run-scenario.js';
import { scenarioSize, shrinkScenario, shrinkScenarioInterruptibly } from './shrink.js';
import { scenarioForSeed } from './swarm.js';
import { scenarioToYaml } from './yaml.js';
import { FIRST_CATCHING_SEED } from '../test/known-bug-seeds.js';

// Bugs caught by different checks; `raftsim bugs --measure` shrinks every bug of the catalog.
const SHRUNK_BUGS = ['double-vote', 'commit-old-term', 'keep-conflicting-entries', 'reset-timer-on-any-message', 'ignore-higher-term-response'];

describe('shrinking a failure found by exploration', () => {
  it.each(SHRUNK_BUGS.map((name) => [name, KNOWN_BUGS.find((bug) => bug.name === name)!] as const))(
    '%s: the shrunk scenario is smaller, still fails the same check, and replays from its YAML file',
    (name, bug) => {
      // Exploration from seed 1 reaches this seed first; running just it spares the sweep.
      const found = explore({ fromSeed: FIRST_CATCHING_SEED[name]!.seed, seeds: 1, implementation: bug.implementation }).failed[0];
      expect(found, `exploration finds ${bug.name}`).toBeDefined();
      const attempt = shrinkScenario(found!.scenario, bug.implementation);
      if (!attempt.ok) throw new Error(attempt.problem);
      const { shrunk, failure } = attempt.result;
      expect(failure.checker).toBe(found!.checker);
      const before = scenarioSize(found!.scenario);
      const after = scenarioSize(shrunk);
      expect(after.actions).toBeLessThanOrEqual(before.actions);
      expect(after.nodes).toBeLessThanOrEqual(before.nodes);
      expect(after.durationMs).toBeLessThanOrEqual(before.durationMs);
      expect(after.actions < before.actions || after.nodes < before.nodes || after.durationMs < before.durationMs).toBe(true);

      const parsed = parseScenarioText(scenarioToYaml(shrunk), 'yaml', 'shrunk.yaml');
      if (!parsed.ok) throw new Error(parsed.problem);
      const replayed = runScenario(parsed.scenario, { implementation: bug.implementation });
      expect(replayed.failures[0]).toMatchObject({ checker: failure.checker, message: failure.message });
      expect(runScenario(parsed.scenario).failures).toEqual([]);
    },
  );

  it('refuses a scenario that does not fail, and one whose timeline waits', () => {
    const passing = scenarioForSeed(1, { nodeCount: null, durationMs: 2_000, faults: 'swarm' });
    const attempt = shrinkScenario(passing, referenceImplementation);
    expect(attempt.ok).toBe(false);
    expect(!attempt.ok && attempt.problem).toMatch(/does not fail/);
    const waiting = findNamedScenario('leader-crash')!;
    const broken = shrinkScenario(waiting, KNOWN_BUGS.find((bug) => bug.name === 'double-vote')!.implementation);
    if (!broken.ok) expect(broken.problem).toMatch(/does not fail|not a timed fault/);
  });
});

describe('shrinking that can be interrupted', () => {
  const bug = KNOWN_BUGS.find((known) => known.name === 'double-vote')!;
  const found = explore({ fromSeed: FIRST_CATCHING_SEED['double-vote']!.seed, seeds: 1, implementation: bug.implementation }).failed[0]!;
  const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

  it('pausing between candidates, it makes the same search and finds the same scenario', async () => {
    const plain = shrinkScenario(found.scenario, bug.implementation, 80);
    let pauses = 0;
    const counted = (): Promise<void> => {
      pauses++;
      return pause();
    };
    const paused = await shrinkScenarioInterruptibly(found.scenario, bug.implementation, 80, { pause: counted, shouldStop: () => false });
    expect(paused).toEqual(plain);
    expect(pauses).toBeGreaterThan(0);
    expect(paused.ok && paused.result.stoppedEarly).toBe(false);
  });

  it('asked to stop, it ends at once with the smallest scenario found so far, which still fails the same check', async () => {
    let candidates = 0;
    const stopped = await shrinkScenarioInterruptibly(found.scenario, bug.implementation, 1000, { pause, shouldStop: () => ++candidates > 10 });
    if (!stopped.ok) throw new Error(stopped.problem);
    expect(stopped.result.stoppedEarly).toBe(true);
    expect(stopped.result.runs).toBeLessThanOrEqual(2 + 10);
    expect(runScenario(stopped.result.shrunk, { implementation: bug.implementation }).failures[0]?.checker).toBe(found.checker);
  });
});
