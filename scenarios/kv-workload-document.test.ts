import { describe, expect, it } from 'vitest';
import { parseScenarioText } from './index.js';

describe('the key-value workload in a scenario file', () => {
  it('reads kind: kv with its settings, defaults the rest, and writes it back the same', async () => {
    const { scenarioToDocument } = await import('./schema.js');
    const parsed = parseScenarioText('name: kv\nworkload: { kind: kv, keys: 2, timeout: 250ms, sessions: false }\n', 'yaml');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.scenario.workload.kv).toEqual({ keys: 2, clients: 3, sessions: false, sessionLimit: 64, timeoutMs: 250, retries: 3 });
    expect(scenarioToDocument(parsed.scenario).workload).toEqual({ requestsPerSecond: 20, kind: 'kv', keys: 2, clients: 3, sessions: false, sessionLimit: 64, timeout: '250ms', retries: 3 });
  });

  it('leaves the digest workload as it was, and refuses a key-value setting without kind: kv', () => {
    const digest = parseScenarioText('name: d\nworkload: { requestsPerSecond: 5 }\n', 'yaml');
    expect(digest.ok && digest.scenario.workload).toEqual({ requestsPerSecond: 5, readsPerSecond: 0 });
    const stray = parseScenarioText('name: s\nworkload: { keys: 4 }\n', 'yaml');
    expect(stray).toMatchObject({ ok: false, problem: expect.stringContaining('keys is a setting of the key-value workload: add kind: kv') });
  });
});
