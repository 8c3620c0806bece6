/**
 * client-saw: judged on hand-made histories both ways, read from and written back to a scenario file,
 * refused where it cannot hold, and judged end to end on runs of the key-value clients.
 */
import { describe, expect, it } from 'vitest';
import type { CompletionType, HistoryOperation } from '../sim/kv/history.js';
import { judgeClientSaw } from './client-expectation.js';
import type { ClientSawPattern } from './client-expectation.js';
import { describeExpectation } from './expectations.js';
import { parseScenarioText } from './load.js';
import { runScenario } from './run-scenario.js';
import { scenarioToDocument } from './schema.js';

let nextId = 0;
function operation(process: number, f: HistoryOperation['f'], key: string, value: string | null, invokeMs: number, completion: [CompletionType, number, (string | null)?] | null): HistoryOperation {
  const id = nextId++;
  return {
    id,
    process,
    f,
    key,
    value: f === 'get' || f === 'cas' ? null : value,
    from: null,
    to: f === 'cas' ? value : null,
    invokeIndex: id * 2,
    invokeUs: invokeMs * 1000,
    completion: completion === null ? null : { type: completion[0], index: id * 2 + 1, timeUs: completion[1] * 1000, value: f === 'get' && completion[0] === 'ok' ? (completion[2] ?? null) : null },
  };
}

const HISTORY: readonly HistoryOperation[] = [
  operation(0, 'put', 'k1', '7', 100, ['ok', 150]),
  operation(1, 'get', 'k1', null, 120, ['ok', 130, null]),
  operation(1, 'get', 'k1', null, 200, ['ok', 260, '7']),
  operation(2, 'append', 'k2', '4', 300, ['info', 700]),
  operation(0, 'get', 'k1', null, 400, ['fail', 450]),
  operation(2, 'cas', 'k1', '9', 800, null),
];

const judge = (pattern: Partial<ClientSawPattern>, baseMs = 0) => judgeClientSaw({ atLeast: 1, ...pattern }, HISTORY, 1000, baseMs);

describe('client-saw judged on a history', () => {
  it('matches by function, key, value and outcome, and names the first match', () => {
    expect(judge({ f: 'get', key: 'k1', value: '7', outcome: 'ok' })).toEqual({ passed: true, detail: '1 matching operation of 6, the first: process 1 get k1 → 7 ok at 260ms' });
    expect(judge({ f: 'get', value: null })).toEqual({ passed: true, detail: '1 matching operation of 6, the first: process 1 get k1 → nil ok at 130ms' });
    expect(judge({ f: 'get', value: '8' })).toEqual({ passed: false, detail: '0 matching operations of 6, fewer than 1' });
    expect(judge({ f: 'put', key: 'k2' }).passed).toBe(false);
    expect(judge({ f: 'cas', value: '9', outcome: 'indeterminate' }).detail).toBe('1 matching operation of 6, the first: process 2 cas k1 nil→9 indeterminate at 1.000s');
  });

  it('a failed get read nothing, so no value pattern matches it, not even an absent key', () => {
    expect(judge({ f: 'get', outcome: 'fail' }).passed).toBe(true);
    expect(judge({ f: 'get', outcome: 'fail', value: null }).passed).toBe(false);
  });

  it('counts an operation given up on (info) and one still in flight at the end as indeterminate, seen when given up or at the end', () => {
    expect(judge({ outcome: 'indeterminate', atLeast: 2 }).passed).toBe(true);
    expect(judge({ outcome: 'indeterminate', fromMs: 0, toMs: 999 }).detail).toBe('1 matching operation of 6, the first: process 2 append k2 4 indeterminate at 700ms');
  });

  it('counts only outcomes seen inside the window, which an after label shifts', () => {
    expect(judge({ f: 'get', outcome: 'ok', fromMs: 200, toMs: 300 }).detail).toMatch(/^1 matching operation of 6/);
    expect(judge({ f: 'get', outcome: 'ok', fromMs: 0, toMs: 100 }, 200).detail).toMatch(/^1 matching operation of 6, the first: process 1 get k1 → 7/);
    expect(judge({ f: 'get', outcome: 'ok', fromMs: 0, toMs: 50 }, 200).passed).toBe(false);
  });

  it('at-least and at-most bound the count from both sides; at-most: 0 says it was never seen', () => {
    expect(judge({ f: 'get', atLeast: 3 })).toEqual({ passed: true, detail: '3 matching operations of 6, the first: process 1 get k1 → nil ok at 130ms' });
    expect(judge({ f: 'get', atLeast: 4 }).passed).toBe(false);
    expect(judge({ f: 'get', value: null, atLeast: 0, atMost: 0 })).toEqual({ passed: false, detail: '1 matching operation of 6, more than 0, the first: process 1 get k1 → nil ok at 130ms' });
    expect(judge({ f: 'get', value: '8', atLeast: 0, atMost: 0 }).passed).toBe(true);
  });

  it('fails, saying why, on a run without key-value clients', () => {
    expect(judgeClientSaw({ atLeast: 1 }, null, 1000, 0)).toEqual({ passed: false, detail: 'the run had no key-value clients (give the scenario workload: { kind: kv })' });
  });
});

const KV_SCENARIO = `name: clients-saw
seed: 4
cluster: { nodes: 3, duration: 4s }
workload: { kind: kv, requestsPerSecond: 40, keys: 1, clients: 3 }
timeline:
  - at: 1500ms
    crash: leader
    label: crashed
expect:
`;

function parsed(expectations: string, text = KV_SCENARIO) {
  return parseScenarioText(text + expectations, 'yaml');
}

describe('client-saw in a scenario file', () => {
  it('reads every field, defaults at-least to 1 (0 when at-most stands alone), and writes it back the same', () => {
    const result = parsed(`  - client-saw: { f: get, key: k1, value: 7, outcome: ok, between: [1s, 2s], at-least: 2, at-most: 5 }\n    after: crashed\n  - client-saw: { f: put, at-most: 0 }\n`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenario.expect).toEqual([
      { type: 'client-saw', f: 'get', key: 'k1', value: '7', outcome: 'ok', fromMs: 1000, toMs: 2000, atLeast: 2, atMost: 5, after: 'crashed' },
      { type: 'client-saw', f: 'put', atLeast: 0, atMost: 0 },
    ]);
    expect(describeExpectation(result.scenario.expect[0]!)).toBe('clients saw get on k1 reading 7 ending ok 2 to 5 times between 1.000s and 2.000s after "crashed"');
    expect(describeExpectation(result.scenario.expect[1]!)).toBe('clients saw put at most 0 times');
    const again = parseScenarioText(JSON.stringify(scenarioToDocument(result.scenario)), 'json');
    expect(again.ok && again.scenario.expect).toEqual(result.scenario.expect);
  });

  it.each([
    ['  - client-saw: { f: get }\n', 'name: digest\nexpect:\n', /expect\[0\]\.client-saw: what clients saw needs the key-value clients: give workload: \{ kind: kv \}/],
    ['  - client-saw: { f: scan }\n', KV_SCENARIO, /expect\[0\]\.client-saw\.f: a key-value function: get, put, append, cas/],
    ['  - client-saw: { between: [2s, 1s] }\n', KV_SCENARIO, /expect\[0\]\.client-saw\.between: the window \[2s, 1s\] runs backwards/],
    ['  - client-saw: { at-least: 3, at-most: 2 }\n', KV_SCENARIO, /at-least is more than at-most/],
    ['  - client-saw: { at-least: 0 }\n', KV_SCENARIO, /at-least: 0 without at-most always holds/],
    ['  - client-saw: { colour: red }\n', KV_SCENARIO, /colour/],
  ])('refuses %s naming the place', (expectations, text, problem) => {
    const result = parsed(expectations, text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(problem);
  });
});

describe('client-saw and caught: linearizability on runs of the key-value clients', () => {
  it('a leader crash: clients still read what was written after it, and no client read an empty key once a put was acknowledged', () => {
    const result = parsed(
      [
        '  - client-saw: { f: get, outcome: ok, at-least: 1 }',
        '    after: crashed',
        '  - client-saw: { f: put, outcome: ok, between: [0s, 1500ms] }',
        '  - client-saw: { f: get, value: null, outcome: ok, between: [1500ms, 4s], at-most: 0 }',
        '',
      ].join('\n'),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const run = runScenario(result.scenario, { trace: 'hash' });
    expect(run.failures).toEqual([]);
    expect(run.expectations.map((outcome) => outcome.passed)).toEqual([true, true, true]);
    // The same pattern turned round fails: some client did read after the crash.
    const never = parsed('  - client-saw: { f: get, outcome: ok, at-most: 0 }\n    after: crashed\n');
    expect(never.ok && runScenario(never.scenario, { trace: 'hash' }).failures.map((failure) => failure.message)).toEqual([
      expect.stringMatching(/^clients saw get ending ok at most 0 times after "crashed": \d+ matching operations of \d+, more than 0, the first: process \d get k1/),
    ]);
  });

  const RETRIES = `name: retried-appends
seed: 3
cluster: { nodes: 3, duration: 6s }
network: { lossRate: 0.15 }
workload: { kind: kv, requestsPerSecond: 60, keys: 1, clients: 4, timeout: 60ms, retries: 4, sessions: SESSIONS }
expect:
  - caught: linearizability
`;

  it('caught: linearizability is met when an application without sessions applies a retried command twice, and fails with sessions on', () => {
    const without = parseScenarioText(RETRIES.replace('SESSIONS', 'false'), 'yaml');
    expect(without.ok).toBe(true);
    if (!without.ok) return;
    const caught = runScenario(without.scenario, { trace: 'hash' });
    expect(caught.run.violations.map((violation) => violation.checker)).toEqual(['linearizability']);
    expect(caught.failures).toEqual([]);
    const withSessions = parseScenarioText(RETRIES.replace('SESSIONS', 'true'), 'yaml');
    const clean = withSessions.ok ? runScenario(withSessions.scenario, { trace: 'hash' }) : null;
    expect(clean?.failures.map((failure) => failure.message)).toEqual(['the linearizability checker catches a violation: the linearizability checker caught nothing']);
  });
});
