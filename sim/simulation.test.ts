import { describe, expect, it } from 'vitest';
import { referenceImplementation } from '../core/index.js';
import type { Message } from '../core/index.js';
import { simulationOptions } from './options.js';
import { runSimulation } from './simulation.js';
import { TraceKind } from './trace/trace.js';

describe('the engine with a disk that takes time', () => {
  it('never lets a vote or an acknowledgement out before what it promises is durable', () => {
    const latencyMs = 7;
    const result = runSimulation(simulationOptions({ implementation: referenceImplementation, seed: 5, durationMs: 4_000, disk: { latencyMinMs: latencyMs, latencyMaxMs: latencyMs } }));
    expect(result.violations).toEqual([]);
    const records = result.trace.records();
    // Every granted vote answers a request delivered at least one disk latency earlier.
    const deliveredAt = new Map<string, number>();
    let grants = 0;
    for (const record of records) {
      const message = record.detail as Message | null;
      if (message === null || typeof message !== 'object' || !('type' in message)) continue;
      if (record.kind === TraceKind.deliver && message.type === 'RequestVoteRequest') deliveredAt.set(`${message.from}>${message.to}@${message.term}`, record.timeUs);
      if (record.kind === TraceKind.send && message.type === 'RequestVoteResponse' && message.voteGranted) {
        const asked = deliveredAt.get(`${message.to}>${message.from}@${message.term}`)!;
        expect(record.timeUs - asked).toBeGreaterThanOrEqual(latencyMs * 1000);
        grants++;
      }
    }
    expect(grants).toBeGreaterThan(0);
    expect(result.stats.commandsCommitted).toBeGreaterThan(20);
  });

  it('a leader crashing with writes in flight leaves every checker holding, and comes back from what was durable', () => {
    const options = simulationOptions({
      implementation: referenceImplementation,
      seed: 3,
      durationMs: 3_000,
      disk: { latencyMinMs: 10, latencyMaxMs: 10 },
      faults: [{ atMs: 1_000, action: { type: 'crash', nodes: 'leader' } }, { atMs: 1_500, action: { type: 'restart', nodes: 'crashed' } }],
    });
    const result = runSimulation(options);
    expect(result.violations).toEqual([]);
    expect(result.stats.crashes).toBe(1);
    expect(Math.min(...result.finalNodes.map((node) => node.commitIndex))).toBeGreaterThan(20);
  });
});
