/**
 * Each subsystem draws from a random stream of its own (see engine/random-streams.ts), so that what one
 * draws depends on what it does alone: an extra draw in the disk, a node's timer or the fault schedule
 * never reshuffles the network's latencies, nor the other way round. These tests replay each stream
 * from its name and compare it with what the run did.
 */
import { describe, expect, it } from 'vitest';
import { referenceImplementation } from '../core/index.js';
import type { Message, NodeConfig, RaftImplementation } from '../core/index.js';
import { RandomStream, STREAM } from './engine/random-streams.js';
import type { TimedFault } from './faults/actions.js';
import { simulationOptions } from './options.js';
import type { SimulationOptionsInput } from './options.js';
import type { RunResult } from './run-result.js';
import { runSimulation } from './simulation.js';
import { TraceKind } from './trace/trace.js';
import type { TraceRecord } from './trace/trace.js';

const seed = 11;
/** The range of the network's and the disk's latencies: wide, so that a latency drawn tells its draw apart. */
const latencyMinUs = 1_000;
const latencyMaxUs = 30_000;

/** A run of seed 11, which must hold every check. */
function run(options: Omit<SimulationOptionsInput, 'seed' | 'implementation'>, implementation: RaftImplementation = referenceImplementation): RunResult {
  const result = runSimulation(simulationOptions({ implementation, seed, ...options }));
  expect(result.violations).toEqual([]);
  return result;
}

/** The reference node, with every number it draws from its random source written down by node. */
function recordingDraws(): { implementation: RaftImplementation; draws: Map<number, number[]> } {
  const draws = new Map<number, number[]>();
  const implementation: RaftImplementation = {
    name: 'reference, drawing on the record',
    create(config: NodeConfig) {
      const drawn = draws.get(config.id) ?? [];
      draws.set(config.id, drawn);
      const random = {
        next: () => {
          const value = config.random.next();
          drawn.push(value);
          return value;
        },
      };
      return referenceImplementation.create({ ...config, random });
    },
  };
  return { implementation, draws };
}

function isMessageRecord(record: TraceRecord, kind: TraceKind): boolean {
  return record.kind === kind && record.detail !== null && typeof record.detail === 'object' && 'type' in record.detail;
}

describe('every subsystem draws from its own stream', () => {
  it('the network draws one latency per message it carries, from the network stream, in the order of sending', () => {
    const result = run({
      nodeCount: 3,
      durationMs: 3_000,
      // The disk and the nodes' timers draw too, interleaved with the network's draws in time.
      disk: { latencyMinMs: 1, latencyMaxMs: 20 },
      network: { latencyMinMs: latencyMinUs / 1000, latencyMaxMs: latencyMaxUs / 1000, lossRate: 0, duplicateRate: 0, reorderRate: 0 },
    });
    // Replay the network stream: with no loss, duplication or reordering, each message sent takes the
    // next latency, and a link delivers in the order of sending (a message waits for the one before it).
    const network = new RandomStream(seed, STREAM.network);
    const expectedArrivalUs = new Map<unknown, number>();
    const lastArrivalUs = new Map<string, number>();
    const records = result.trace.records();
    for (const record of records) {
      if (!isMessageRecord(record, TraceKind.send)) continue;
      const message = record.detail as Message;
      const link = `${message.from}>${message.to}`;
      const arrivalUs = Math.max(record.timeUs + network.int(latencyMinUs, latencyMaxUs), lastArrivalUs.get(link) ?? 0);
      lastArrivalUs.set(link, arrivalUs);
      expectedArrivalUs.set(record.detail, arrivalUs);
    }
    const deliveries = records.filter((record) => isMessageRecord(record, TraceKind.deliver));
    expect(deliveries.length).toBeGreaterThan(200);
    const mistimed = deliveries.filter((record) => record.timeUs !== expectedArrivalUs.get(record.detail));
    expect(mistimed.slice(0, 3).map((record) => ({ record: record.index, deliveredAtUs: record.timeUs, replayedUs: expectedArrivalUs.get(record.detail) }))).toEqual([]);
    // Everything sent arrived, but what was still in flight at the end.
    expect(result.stats.messagesDropped).toBe(0);
    expect(expectedArrivalUs.size - deliveries.length).toBeLessThan(10);
  });

  it('each disk write waits the next latency of the disk stream', () => {
    // One node: every write is its own, and a client command reaches it only every 200 ms, long after
    // the previous write is durable, so that each command's write starts at its proposal.
    const result = run({ nodeCount: 1, durationMs: 4_000, disk: { latencyMinMs: latencyMinUs / 1000, latencyMaxMs: latencyMaxUs / 1000 }, workload: { requestsPerSecond: 5 } });
    const records = result.trace.records();
    const proposedAtUs = new Map<number, number>();
    const writeLatenciesUs: number[] = [];
    for (const record of records) {
      if (record.kind === TraceKind.propose) proposedAtUs.set(record.a, record.timeUs);
      if (record.kind === TraceKind.logWrite && proposedAtUs.has(record.a)) writeLatenciesUs.push(record.timeUs - proposedAtUs.get(record.a)!);
    }
    expect(writeLatenciesUs.length).toBeGreaterThan(15);
    const disk = new RandomStream(seed, STREAM.disk);
    const diskLatenciesUs = Array.from({ length: writeLatenciesUs.length + 5 }, () => disk.int(latencyMinUs, latencyMaxUs));
    // The writes of the first election, however many the node makes, come before the first command's.
    const first = Math.max(0, diskLatenciesUs.indexOf(writeLatenciesUs[0]!));
    expect(first).toBeLessThan(5);
    expect(writeLatenciesUs).toEqual(diskLatenciesUs.slice(first, first + writeLatenciesUs.length));
  });

  it('each node’s timer draws from that node’s stream alone', () => {
    const { implementation, draws } = recordingDraws();
    run(
      {
        nodeCount: 3,
        durationMs: 3_000,
        disk: { latencyMinMs: 1, latencyMaxMs: 20 },
        network: { latencyMinMs: 1, latencyMaxMs: 30, lossRate: 0.1 },
        // Elections after each isolation, so that every node draws timeouts again.
        faults: [500, 1_000, 1_500, 2_000].flatMap((atMs): TimedFault[] => [
          { atMs, action: { type: 'isolate', node: 'leader' } },
          { atMs: atMs + 400, action: { type: 'heal' } },
        ]),
      },
      implementation,
    );
    for (const node of [1, 2, 3]) {
      const drawn = draws.get(node)!;
      expect(drawn.length).toBeGreaterThan(3);
      const timer = new RandomStream(seed, STREAM.nodeTimer(node));
      expect(drawn).toEqual(drawn.map(() => timer.next()));
    }
  });
});
