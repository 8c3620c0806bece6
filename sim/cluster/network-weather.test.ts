/** The heavier network weather (long tails, long reordering, loss of requests or replies alone) and reconnect. */
import { describe, expect, it } from 'vitest';
import type { Message } from '../../core/messages.js';
import { DEFAULT_NETWORK, resolveSimulationOptions } from '../options.js';
import { referenceImplementation } from '../../core/node.js';
import { heartbeat, latencies, network, openLinks, wiredNetwork } from './network-testing.js';
import { DropReason } from '../trace/trace.js';

const reply = (from: number, to: number): Message => ({ type: 'AppendEntriesResponse', from, to, term: 1, success: true, matchIndex: 0 }) as Message;

describe('Network: heavier weather', () => {
  it('with every new setting off, draws exactly what it drew before (same latencies from the same seed)', () => {
    const before = latencies(network(3, { latencyMinMs: 10, latencyMaxMs: 15, reorderRate: 0.3 }, 7), 1, 2, 500);
    const after = latencies(network(3, { ...DEFAULT_NETWORK, latencyMinMs: 10, latencyMaxMs: 15, reorderRate: 0.3, tailDelayMaxMs: 900, reorderDelayMaxMs: 0 }, 7), 1, 2, 500);
    expect(after).toEqual(before);
  });

  it('a long tail delays about tailRate of messages, each by at most tailDelayMaxMs, most by little and a few by much', () => {
    const draws = 20_000;
    const net = network(3, { latencyMinMs: 10, latencyMaxMs: 10, tailRate: 0.2, tailDelayMaxMs: 2000 });
    const extras = latencies(net, 1, 2, draws).map((latency) => latency - 10_000).filter((extra) => extra > 0);
    expect(Math.abs(extras.length / draws - 0.2)).toBeLessThan(5 * Math.sqrt((0.2 * 0.8) / draws));
    expect(Math.min(...extras)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...extras)).toBeLessThanOrEqual(2_000_000);
    // Log-uniform over [10 ms, 2 s]: the median near √(10·2000) ≈ 141 ms, and some beyond a second.
    const sorted = extras.slice().sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]!).toBeGreaterThan(100_000);
    expect(sorted[Math.floor(sorted.length / 2)]!).toBeLessThan(200_000);
    expect(extras.filter((extra) => extra > 1_000_000).length).toBeGreaterThan(draws * 0.2 * 0.05);
  });

  it('long reordering holds a message back for up to reorderDelayMaxMs, far beyond the default bound', () => {
    const net = network(3, { latencyMinMs: 10, latencyMaxMs: 15, reorderRate: 1, reorderDelayMaxMs: 1000 });
    const held = latencies(net, 1, 2, 2000);
    for (const latency of held) {
      expect(latency).toBeGreaterThanOrEqual(10_000 + 15_000);
      expect(latency).toBeLessThanOrEqual(15_000 + 1_000_000);
    }
    expect(held.filter((latency) => latency > 15_000 + 3 * 15_000 + 1000).length).toBeGreaterThan(1500);
  });

  it('loses requests and replies each at their own rate', () => {
    const sent = 4000;
    const wired = wiredNetwork({ requestLossRate: 1, replyLossRate: 0.25 });
    for (let index = 0; index < sent; index++) wired.net.send(heartbeat(1, 2, index), 1);
    wired.deliverAll();
    expect(wired.received).toHaveLength(0);
    expect(wired.dropReasons.every((reason) => reason === DropReason.loss)).toBe(true);
    for (let index = 0; index < sent; index++) wired.net.send(reply(2, 1), 2);
    wired.deliverAll();
    expect(Math.abs(1 - wired.received.length / sent - 0.25)).toBeLessThan(5 * Math.sqrt((0.25 * 0.75) / sent));
    const repliesOnly = wiredNetwork({ replyLossRate: 1 });
    repliesOnly.net.send(heartbeat(1, 2), 1);
    repliesOnly.net.send(reply(2, 1), 2);
    repliesOnly.deliverAll();
    expect(repliesOnly.received.map((message) => message.type)).toEqual(['AppendEntriesRequest']);
  });

  it('the liveness phase stops the loss of requests and replies and the long tail', () => {
    const net = network(3, { latencyMinMs: 10, latencyMaxMs: 10, requestLossRate: 0.5, replyLossRate: 0.5, tailRate: 1, tailDelayMaxMs: 500 });
    net.stopMisbehaving();
    expect(net.currentOptions()).toMatchObject({ requestLossRate: 0, replyLossRate: 0, tailRate: 0 });
    expect(latencies(net, 1, 2, 100).every((latency) => latency === 10_000)).toBe(true);
  });

  it('refuses settings that make no sense, by name', () => {
    const problem = (network: object) => {
      const resolved = resolveSimulationOptions({ implementation: referenceImplementation, network });
      return resolved.ok ? null : resolved.problem;
    };
    expect(problem({ requestLossRate: 1.5 })).toBe('network.requestLossRate must be between 0 and 1, got 1.5');
    expect(problem({ replyLossRate: -0.1 })).toBe('network.replyLossRate must be between 0 and 1, got -0.1');
    expect(problem({ tailRate: 0.1 })).toBe('network.tailRate needs network.tailDelayMaxMs, the longest delay of the tail');
    expect(problem({ tailRate: 0.1, tailDelayMaxMs: 5 })).toBe('network.tailDelayMaxMs must be 0 or at least network.latencyMaxMs (15), got 5');
    expect(problem({ reorderDelayMaxMs: 10 })).toBe('network.reorderDelayMaxMs must be 0 or at least network.latencyMaxMs (15), got 10');
    expect(problem({ tailRate: 0.1, tailDelayMaxMs: 500, reorderDelayMaxMs: 800, requestLossRate: 0.2, replyLossRate: 0.3 })).toBeNull();
  });
});

describe('Network: reconnect', () => {
  it('reconnect(3) after isolate(3) restores its links and leaves another isolated node alone', () => {
    const net = network(4);
    net.isolate(3);
    net.isolate(4);
    net.reconnect(3);
    expect(openLinks(net)).toEqual(['1→2', '1→3', '2→1', '2→3', '3→1', '3→2']);
  });

  it('a node isolated from inside a partition goes back to its own group, and the partition stays', () => {
    const net = network(5);
    net.partition([
      [1, 2],
      [3, 4, 5],
    ]);
    net.isolate(1);
    expect(net.reconnect(1)).toBe(1);
    expect(openLinks(net).filter((link) => link.startsWith('1'))).toEqual(['1→2']);
    expect(net.connected(3, 4)).toBe(true);
    expect(net.connected(2, 3)).toBe(false);
  });

  it('ends every cut to or from the node and no other', () => {
    const net = network(3);
    net.cutLink(1, 2);
    net.cutLink(2, 3);
    net.cutLink(3, 1);
    net.reconnect(2);
    expect(net.connected(1, 2)).toBe(true);
    expect(net.connected(2, 3)).toBe(true);
    expect(net.connected(3, 1)).toBe(false);
  });

  it('isolating twice and reconnecting once still brings the node back to where it was', () => {
    const net = network(3);
    net.partition([[1, 2], [3]]);
    net.isolate(2);
    net.isolate(2);
    net.reconnect(2);
    expect(net.connected(1, 2)).toBe(true);
    expect(net.connected(2, 3)).toBe(false);
  });
});
