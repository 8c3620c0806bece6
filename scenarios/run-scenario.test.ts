import { describe, expect, it } from 'vitest';
import { parseScenarioText } from './load.js';
import { runScenario } from './run-scenario.js';
import type { Scenario } from './scenario.js';

function scenario(yaml: string): Scenario {
  const parsed = parseScenarioText(yaml, 'yaml', 'test.yaml');
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.scenario;
}

function problemOf(yaml: string): string {
  const parsed = parseScenarioText(yaml, 'yaml', 'test.yaml');
  if (parsed.ok) throw new Error('expected a problem');
  return parsed.problem;
}

describe('the scenario runner', () => {
  it('a wait the run never reaches fails the scenario instead of passing silently', () => {
    const result = runScenario(scenario('name: late\ncluster: { duration: 2s }\ntimeline:\n  - at: 5s\n    wait-for-leader: 1s\n'));
    expect(result.passed).toBe(false);
    expect(result.failures[0]).toMatchObject({ kind: 'wait' });
    expect(result.failures[0]!.message).toMatch(/the run ended before this wait/);
  });

  it('a wait that times out fails with what did not happen and when', () => {
    const result = runScenario(scenario('name: lost\ncluster: { duration: 3s }\ntimeline:\n  - at: 0\n    crash: all\n  - wait-for-leader: 1s\n'));
    expect(result.failures[0]!.message).toBe('timeline[1]: a leader did not happen by 1.000s');
  });

  it('a leader removed by the labelled step does not count as a leader after it', () => {
    const result = runScenario(
      scenario('name: gone\ncluster: { duration: 3s }\ntimeline:\n  - wait-for-leader: 2s\n  - label: crash\n    crash: leader\nexpect:\n  - leader-within: 1ms\n    after: crash\n'),
    );
    expect(result.expectations[0]!.passed).toBe(false);
  });

  it('a network change for a period is undone on the links it was applied to, whoever leads by then', () => {
    const result = runScenario(
      scenario(
        'name: undo\ncluster: { nodes: 3, duration: 6s }\ntimeline:\n  - wait-for-leader: 2s\n  - label: cut\n    network: { from: leader, lossRate: 1 }\n    for: 1s\nexpect:\n  - committed: { index: 60, by: 6s }\n',
      ),
    );
    expect(result.failures).toEqual([]);
    const old = result.roles.filter((role) => role.role === 'leader')[0]!.node;
    // The old leader's messages get through again after the period: it catches up with everyone.
    const finals = result.run.finalNodes;
    expect(finals[old - 1]!.commitIndex).toBeGreaterThan(50);
  });

  it('settling stops later faults: a crash at the liveness moment does not happen', () => {
    const result = runScenario(scenario('name: settle\ncluster: { nodes: 3, duration: 8s }\ntimeline:\n  - at: 3s\n    crash: [1, 2]\nliveness: { at: 3s, within: 5s }\n'));
    expect(result.failures).toEqual([]);
  });
});

describe('scenario validation', () => {
  it('refuses settings the simulator cannot run, naming them', () => {
    expect(problemOf('name: x\ncluster: { tick: 100ms }\n')).toMatch(/^test\.yaml: cluster: heartbeatMs must be at least one tick/);
    expect(problemOf('name: x\nleaderCrashes: { probability: 0.5, after: [2s, 1s], down: [1s, 2s] }\n')).toMatch(/leaderCrashes/);
    expect(problemOf('name: x\ncluster: { duration: 4s }\nliveness: { at: 3s, within: 5s }\n')).toMatch(/^test\.yaml: liveness: the run .* ends before the liveness phase/);
  });

  it('refuses starting logs Raft could not have produced', () => {
    expect(problemOf('name: x\ncluster:\n  perNode:\n    "1": { logTerms: [3, 1, 2] }\n')).toMatch(/terms never decrease along a log/);
    expect(problemOf('name: x\ncluster:\n  perNode:\n    "1": { logTerms: [1, 2, 3] }\n    "2": { logTerms: [1, 1, 3] }\n')).toMatch(/Log Matching/);
    expect(problemOf('name: x\ncluster:\n  perNode:\n    "01": { clockRate: 2 }\n')).toMatch(/^test\.yaml: cluster\.perNode\.01: /);
  });

  it('refuses a label used twice', () => {
    expect(problemOf('name: x\ntimeline:\n  - label: a\n    heal: true\n  - label: a\n    heal: true\n')).toBe('test.yaml: timeline[1].label: "a" already labels timeline[0]');
  });
});
