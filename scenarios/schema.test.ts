import fc from 'fast-check';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { namedScenarios } from './library/index.js';
import { parseScenarioText } from './load.js';
import { scenarioFromDocument, scenarioToDocument } from './schema.js';
import { scenarioToYaml } from './yaml.js';

function problemOf(text: string, format: 'yaml' | 'json' = 'yaml'): string {
  const parsed = parseScenarioText(text, format, 'bad.yaml');
  if (parsed.ok) throw new Error('expected a problem');
  return parsed.problem;
}

describe('scenario files', () => {
  it('every named scenario survives YAML and back unchanged', () => {
    for (const scenario of namedScenarios()) {
      const parsed = parseScenarioText(scenarioToYaml(scenario), 'yaml', scenario.name);
      expect(parsed.ok && parsed.scenario).toEqual(scenario);
    }
  });

  it('names the place and what was expected', () => {
    expect(problemOf('name: x\ntimeline:\n  - at: soon\n    heal: true\n')).toBe('bad.yaml: timeline[0].at: expected number or a duration such as 150ms, 2s, 1m or 1h');
    expect(problemOf('name: x\ncluster:\n  nodes: 0\n')).toMatch(/^bad\.yaml: cluster\.nodes: .*>=1/);
    expect(problemOf('name: x\ntimeline:\n  - at: 1s\n')).toMatch(/^bad\.yaml: timeline\[0\]: expected exactly one action/);
    expect(problemOf('name: x\ntimeline:\n  - at: 1s\n    crash: 9\n')).toBe('bad.yaml: timeline[0]: node 9 does not exist in a cluster of 5');
    expect(problemOf('name: x\nclustr: {}\n')).toBe('bad.yaml: (the document): unknown field "clustr"');
    expect(problemOf('name: x\nexpect:\n  - leader-within: 1s\n    after: nowhere\n')).toMatch(/no timeline step is labelled "nowhere"/);
    expect(problemOf('name: [unclosed\n')).toMatch(/^bad\.yaml:\d+:\d+: invalid YAML: Flow sequence/);
    expect(problemOf('{"name": ', 'json')).toMatch(/^bad\.yaml: invalid JSON/);
  });

  it('checks the options beyond Figure 2: members, lease reads, membership steps and expected catches', () => {
    expect(problemOf('name: x\ncluster:\n  nodes: 3\n  members: [1, 4]\n')).toBe('bad.yaml: cluster.members: node 4 does not exist in a cluster of 3');
    expect(problemOf('name: x\ncluster:\n  leaseReads: true\n')).toBe('bad.yaml: cluster: leaseReads needs checkQuorum, whose leader stickiness the lease relies on');
    expect(problemOf('name: x\ncluster:\n  snapshotThreshold: -1\n')).toMatch(/^bad\.yaml: cluster\.snapshotThreshold: /);
    expect(problemOf('name: x\ntimeline:\n  - at: 1s\n    add-server: 8\n')).toBe('bad.yaml: timeline[0]: node 8 does not exist in a cluster of 5');
    expect(problemOf('name: x\nexpect:\n  - caught: nonsense\n')).toMatch(/^bad\.yaml: expect\[0\]\.caught: /);
    const parsed = parseScenarioText(
      'name: x\ncluster:\n  nodes: 4\n  members: [1, 2, 3]\n  snapshotThreshold: 20\nworkload:\n  readsPerSecond: 10\ntimeline:\n  - at: 1s\n    add-server: spare\n  - at: 2s\n    remove-server: { node: leader, keepAtLeast: 3 }\nexpect:\n  - caught: stale-read\n',
      'yaml',
      'ok.yaml',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.scenario.cluster).toMatchObject({ members: [1, 2, 3], snapshotThreshold: 20 });
    expect(parsed.scenario.workload.readsPerSecond).toBe(10);
    expect(parsed.scenario.timeline.map((step) => step.action)).toEqual([
      { type: 'add-server', node: 'spare' },
      { type: 'remove-server', node: 'leader', keepAtLeast: 3 },
    ]);
    expect(parsed.scenario.expect).toEqual([{ type: 'caught', checker: 'stale-read' }]);
    const again = parseScenarioText(scenarioToYaml(parsed.scenario), 'yaml', 'again.yaml');
    expect(again.ok && again.scenario).toEqual(parsed.scenario);
  });

  it('thousands of malformed documents always get a one-line problem, never a crash', () => {
    const valid = scenarioToDocument(namedScenarios()[1]!);
    const mutation = fc.oneof(
      fc.anything(),
      fc.record({ path: fc.array(fc.constantFrom('cluster', 'timeline', 'network', 'expect', 0, 1, 'at', 'nodes', 'latency', 'isolate'), { maxLength: 3 }), value: fc.anything() }),
    );
    fc.assert(
      fc.property(mutation, (change) => {
        const document = structuredClone(valid) as Record<string, unknown>;
        let target: unknown = document;
        let value: unknown = change;
        if (typeof change === 'object' && change !== null && 'path' in change && 'value' in change) {
          const path = (change as { path: (string | number)[] }).path;
          value = (change as { value: unknown }).value;
          for (const key of path.slice(0, -1)) target = typeof target === 'object' && target !== null ? (target as Record<string, unknown>)[key] : undefined;
          const last = path[path.length - 1];
          if (last !== undefined && typeof target === 'object' && target !== null) (target as Record<string | number, unknown>)[last] = value;
          else target = value;
        } else {
          target = value;
        }
        const subject = path0(change) ? document : target;
        const result = scenarioFromDocument(subject);
        if (!result.ok) {
          expect(result.problem).not.toMatch(/\n/);
          expect(result.problem.length).toBeGreaterThan(5);
        }
        // YAML text of the same document must also load without throwing.
        const text = YAML.stringify(subject ?? null);
        const fromText = parseScenarioText(text, 'yaml', 'fuzz.yaml');
        if (!fromText.ok) expect(fromText.problem).toMatch(/^fuzz\.yaml/);
      }),
      { numRuns: 3000 },
    );
  });

  it('random text is refused with a problem, not an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        for (const format of ['yaml', 'json'] as const) {
          const parsed = parseScenarioText(text, format, 'noise');
          if (!parsed.ok) expect(parsed.problem).not.toMatch(/\n/);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

function path0(change: unknown): boolean {
  return typeof change === 'object' && change !== null && 'path' in change && Array.isArray((change as { path: unknown[] }).path) && (change as { path: unknown[] }).path.length > 0;
}
