import { describe, expect, it } from 'vitest';
import { findKnownBug } from '../bugs/index.js';
import { applyCheckSettings } from './check-settings.js';
import { parseScenarioText } from './load.js';
import { runScenario } from './run-scenario.js';
import type { Scenario } from './scenario.js';
import { scenarioForSeed } from './swarm.js';

/**
 * A correct but slow cluster: the reference node replicating one entry per AppendEntries with one request
 * in flight, over 100 ms round trips, while clients write 30 commands a second, so the leader falls
 * behind and a follower cut off for seven seconds falls further. It converges, but not within 5 s.
 */
const SLOW = `
name: slow-catch-up
seed: 7
cluster:
  nodes: 3
  duration: 15s
  preVote: true
  maxEntriesPerAppend: 1
  maxInflightAppends: 1
network:
  latency: [ 40ms, 60ms ]
workload:
  requestsPerSecond: 30
timeline:
  - at: 3s
    isolate: 3
liveness:
  at: 10s
  within: 5s
`;

function slowScenario(): Scenario {
  const parsed = parseScenarioText(SLOW, 'yaml');
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.scenario;
}

describe('a liveness failure', () => {
  it('shows a slow cluster making progress: the leader committing at a rate, followers gaining', () => {
    const result = runScenario(slowScenario(), { trace: 'hash' });
    expect(result.run.violations).toEqual([]);
    expect(result.failures).toHaveLength(1);
    const failure = result.failures[0]!;
    expect(failure.kind).toBe('liveness');
    expect(failure.message).toMatch(/; progress in the window, still converging: leader node \d of term \d+ committed [1-9]\d* entries \(\d+\.\d\/s\), 0 leader changes; followers gained: /);
    // Each follower is named with what it gained and how far behind it still is.
    const gains = [...failure.message.matchAll(/node (\d) \+(\d+) \(catching up, (\d+) behind\)/g)];
    expect(gains.length).toBe(2);
    for (const [, , gained, behind] of gains) {
      expect(Number(gained)).toBeGreaterThan(0);
      expect(Number(behind)).toBeGreaterThan(0);
    }
  });

  it('is no failure for the same slow cluster given a longer bound', () => {
    const result = runScenario(applyCheckSettings(slowScenario(), { livenessWithinMs: 60_000, skipCheckers: [] }), { trace: 'hash' });
    expect(result.failures).toEqual([]);
  });

  it('says so when nothing moved', () => {
    const scenario = scenarioForSeed(1, { nodeCount: null, durationMs: 10_000, faults: 'swarm' });
    const result = runScenario(scenario, { implementation: findKnownBug('keep-vote-in-new-term')!.implementation, trace: 'hash' });
    const failure = result.failures[0]!;
    expect(failure.kind).toBe('liveness');
    expect(failure.message).toMatch(/^no leader among [\d,]+ after 5000 ms; no progress in the window: no leader at the end, 0 leader changes; logs grew: node 1 \+0/);
  });

  it('does not call a leader that commits nothing converging, however its followers’ logs grow', () => {
    const scenario = scenarioForSeed(1, { nodeCount: 5, durationMs: 10_000, faults: 'swarm' });
    const result = runScenario(scenario, { implementation: findKnownBug('leader-never-commits')!.implementation, trace: 'hash' });
    const failure = result.failures[0]!;
    expect(failure.kind).toBe('liveness');
    expect(failure.message).toMatch(/; no entry committed in the window, though logs grew: leader node \d of term \d+ committed 0 entries \(0\.0\/s\)/);
    expect(failure.message).toMatch(/followers gained: node \d \+[1-9]/);
  });
});
