import { describe, expect, it } from 'vitest';
import { referenceImplementation } from '../core/index.js';
import { runScenario } from './run-scenario.js';
import { DEFAULT_CLUSTER, DEFAULT_NETWORK_SPEC } from './scenario.js';
import type { Scenario } from './scenario.js';
import { resolveSimulationOptions } from '../sim/options.js';
import { TraceKind } from '../sim/trace/trace.js';

const base: Scenario = {
  name: 'hosting',
  description: 'membership changes as the simulator hosts them',
  seed: 5,
  cluster: { ...DEFAULT_CLUSTER, nodes: 4, members: [1, 2, 3], durationMs: 4_000 },
  network: DEFAULT_NETWORK_SPEC,
  workload: { requestsPerSecond: 20, readsPerSecond: 0 },
  leaderCrashes: null,
  timeline: [],
  expect: [],
  liveness: null,
};

describe('servers the simulator switches on, retires and refuses', () => {
  it('a removed member is shut down once its removal commits, and never added back; a spare is', () => {
    const result = runScenario({
      ...base,
      timeline: [
        { atMs: 1_000, action: { type: 'remove-server', node: 3 } },
        { atMs: 2_000, action: { type: 'add-server', node: 3 } },
        { atMs: 2_500, action: { type: 'add-server', node: 'spare' } },
      ],
    });
    expect(result.failures).toEqual([]);
    const records = result.run.trace.records();
    expect(records.filter((record) => record.kind === TraceKind.retire).map((record) => [record.node, record.a])).toEqual([[3, 0]]);
    expect(records.some((record) => record.kind === TraceKind.faultSkipped && Math.round(record.timeUs / 1000) === 2_000)).toBe(true);
    expect(records.filter((record) => record.kind === TraceKind.membershipChange && record.a > 0).map((record) => record.peer)).toEqual([3, 4]);
    expect(result.run.finalNodes.map((node) => node.status)).toEqual(['up', 'up', 'retired', 'up']);
    expect(result.committed.filter((entry) => entry.kind === 'config').map((entry) => entry.command)).toEqual(['1,2', '1,2,4']);
  });

  it('a starting state with a snapshot is refused by name', () => {
    const resolved = resolveSimulationOptions({
      implementation: referenceImplementation,
      nodeCount: 3,
      nodeOverrides: { 2: { persisted: { hardState: { term: 1, votedFor: null }, snapshot: { lastIndex: 2, lastTerm: 1, members: [1, 2, 3], data: '00000000' }, log: [] } } },
    });
    expect(resolved).toEqual({ ok: false, problem: 'nodeOverrides.2.persisted: a starting state with a snapshot is not supported; give the whole log' });
  });
});
