import { describe, expect, it } from 'vitest';
import type { RaftImplementation } from '../../core/contract.js';
import { referenceImplementation } from '../../core/node.js';
import { runSimulation, simulationOptions } from '../index.js';
import type { SimulationOptionsInput } from '../index.js';

const run = (input: Partial<SimulationOptionsInput>) =>
  runSimulation(simulationOptions({ implementation: referenceImplementation, seed: 5, nodeCount: 3, durationMs: 4_000, trace: 'hash', ...input, workload: { requestsPerSecond: 40, kv: { clients: 4, keys: 2 }, ...input.workload } }));

/** The reference node without its read protocol, as an implementation that leaves reads out is. */
const withoutReads: RaftImplementation = {
  name: 'without-reads',
  create(config) {
    const node = referenceImplementation.create(config);
    return {
      tick: () => node.tick(),
      step: (message) => node.step(message),
      propose: (command) => node.propose(command),
      hasReady: () => node.hasReady(),
      ready: () => node.ready(),
      advance: (ready) => node.advance(ready),
    };
  },
};

describe('the key-value clients', () => {
  it('on the reference core, complete their operations and leave a linearizable history', () => {
    const result = run({});
    const history = result.history!;
    expect(result.violations).toEqual([]);
    expect(result.linearizability?.verdict).toBe('linearizable');
    for (const f of ['get', 'put', 'append', 'cas']) expect(history.some((operation) => operation.f === f && operation.completion?.type === 'ok'), f).toBe(true);
    expect(new Set(history.map((operation) => operation.key))).toEqual(new Set(['k1', 'k2']));
  });

  it('read through the log when the implementation has no read protocol, and are answered all the same', () => {
    const result = run({ implementation: withoutReads });
    expect(result.linearizability?.verdict).toBe('linearizable');
    expect(result.history!.some((operation) => operation.f === 'get' && operation.completion?.type === 'ok')).toBe(true);
    expect(result.stats.readsAnswered).toBe(0);
  });

  it('stay linearizable across snapshots, which carry the store and its sessions to the nodes that install them', () => {
    const result = run({ snapshotThreshold: 5, seed: 8, nodeCount: 5, faults: [{ atMs: 500, action: { type: 'crash', nodes: 'any-minority' } }, { atMs: 2_000, action: { type: 'restart', nodes: 'all' } }] });
    expect(result.stats.snapshots).toBeGreaterThan(0);
    expect(result.violations).toEqual([]);
    expect(result.linearizability?.verdict).toBe('linearizable');
  });

  it('without sessions, apply a retried write twice, and the check sees it', () => {
    let caught = 0;
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const lossy = { seed, network: { lossRate: 0.2, latencyMinMs: 5, latencyMaxMs: 120 }, workload: { requestsPerSecond: 40, kv: { clients: 4, keys: 1, sessions: false, timeoutMs: 100 } } };
      if (run(lossy).linearizability?.verdict === 'not-linearizable') caught++;
      expect(run({ ...lossy, workload: { requestsPerSecond: 40, kv: { clients: 4, keys: 1, sessions: true, timeoutMs: 100 } } }).linearizability?.verdict, `seed ${seed}`).toBe('linearizable');
    }
    expect(caught).toBeGreaterThan(0);
  });
});
