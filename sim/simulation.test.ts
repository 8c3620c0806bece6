import { describe, expect, it } from 'vitest';
import { referenceImplementation } from '../core/index.js';
import type { Message } from '../core/index.js';
import { simulationOptions } from './options.js';
import { runSimulation } from './simulation.js';
import { DROP_REASON_NAMES, TraceKind } from './trace/trace.js';
import type { TraceRecord } from './trace/trace.js';

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

describe('a leader left in a minority, then healed', () => {
  /**
   * Each write that left a node's log shorter than it was: the stale tail it cut was longer than the
   * entries that replaced it, which is where a follower that kept what followed a conflict would differ.
   */
  const writesThatCutLongerTails = (records: readonly TraceRecord[]): number => {
    const lastIndexOf = new Map<number, number>();
    let cuts = 0;
    for (const record of records) {
      if (record.kind !== TraceKind.logWrite) continue;
      const written = record.a + record.b - 1;
      if (written < (lastIndexOf.get(record.node) ?? 0)) cuts++;
      lastIndexOf.set(record.node, written);
    }
    return cuts;
  };

  it.each([1, 2, 3])('seed %i: its uncommitted entries are cut from both minority logs, a few at a time, and every checker holds', (seed) => {
    const result = runSimulation(
      simulationOptions({
        implementation: referenceImplementation,
        seed,
        durationMs: 5_000,
        // Two entries per AppendEntries, so the new leader's first entries replace only the start of the stale tail.
        maxEntriesPerAppend: 2,
        workload: { requestsPerSecond: 40 },
        faults: [
          { atMs: 1_000, action: { type: 'partition', groups: [['leader', 'follower'], 'rest'] } },
          { atMs: 2_500, action: { type: 'heal' } },
        ],
      }),
    );
    expect(result.violations.map((violation) => `${violation.checker}: ${violation.message}`)).toEqual([]);
    expect(writesThatCutLongerTails(result.trace.records())).toBe(2);
    const committed = Math.min(...result.finalNodes.map((node) => node.commitIndex));
    expect(committed).toBeGreaterThan(60);
    expect(new Set(result.finalNodes.map((node) => node.logTerms.slice(0, committed).join(','))).size).toBe(1);
  });
});

describe('the engine on a network that loses and duplicates', () => {
  /** Trace records of messages: each message record's detail is one object shared by every record of that message. */
  function messageRecords(result: ReturnType<typeof runSimulation>, kind: TraceKind) {
    return result.trace.records().filter((record) => record.kind === kind && record.detail !== null && typeof record.detail === 'object' && 'type' in record.detail);
  }

  const run = (network: { lossRate?: number; duplicateRate?: number }) =>
    runSimulation(simulationOptions({ implementation: referenceImplementation, seed: 8, nodeCount: 3, durationMs: 5_000, network }));

  it('with lossRate 0.3 drops about that share of the messages sent, each drop recorded with its reason, loss', () => {
    const result = run({ lossRate: 0.3 });
    expect(result.violations).toEqual([]);
    const sent = result.stats.messagesSent;
    expect(sent).toBeGreaterThan(500);
    const drops = messageRecords(result, TraceKind.drop);
    const reasons = new Set(drops.map((record) => DROP_REASON_NAMES[record.b % 8]));
    expect([...reasons]).toEqual(['loss']);
    expect(drops).toHaveLength(result.stats.messagesDropped);
    expect(Math.abs(drops.length / sent - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / sent));
    expect(result.stats.messagesDelivered).toBeLessThanOrEqual(sent - drops.length);
  });

  it('with duplicateRate 0.2 delivers about that share of the messages sent twice to their receiver', () => {
    const result = run({ duplicateRate: 0.2 });
    expect(result.violations).toEqual([]);
    const sent = result.stats.messagesSent;
    const deliveries = new Map<unknown, number>();
    for (const record of messageRecords(result, TraceKind.deliver)) deliveries.set(record.detail, (deliveries.get(record.detail) ?? 0) + 1);
    const deliveredTwice = [...deliveries.values()].filter((count) => count === 2).length;
    expect(Math.max(...deliveries.values())).toBe(2);
    expect(messageRecords(result, TraceKind.duplicate)).toHaveLength(result.stats.messagesDuplicated);
    // Only a duplicate still in flight when the run ends is not delivered.
    expect(result.stats.messagesDuplicated - deliveredTwice).toBeLessThan(5);
    expect(Math.abs(deliveredTwice / sent - 0.2)).toBeLessThan(5 * Math.sqrt((0.2 * 0.8) / sent));
    expect(result.stats.messagesDelivered).toBe(deliveries.size + deliveredTwice);
  });
});
