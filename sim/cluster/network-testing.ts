/** Networks for tests: one to draw from, and one wired to a queue, a receiver and a trace that the test runs by hand. */
import { Network } from './network.js';
import type { NetworkOptions } from '../options.js';
import { DEFAULT_NETWORK } from '../options.js';
import { RandomStream, STREAM } from '../engine/random-streams.js';
import { ScheduledEvent } from '../engine/event-loop.js';
import type { Message } from '../../core/messages.js';
import { emptyStats } from '../stats.js';
import { DropReason, TraceKind } from '../trace/trace.js';
import type { TraceRecorder } from '../trace/trace.js';

export function network(nodeCount: number, options: Partial<NetworkOptions> = {}, seed = 1): Network {
  return new Network(nodeCount, { ...DEFAULT_NETWORK, ...options }, new RandomStream(seed, STREAM.network));
}

/** Every ordered pair of distinct nodes that can talk, as "from→to". */
export function openLinks(net: Network): string[] {
  const links: string[] = [];
  for (let from = 1; from <= net.nodeCount; from++) {
    for (let to = 1; to <= net.nodeCount; to++) if (from !== to && net.connected(from, to)) links.push(`${from}→${to}`);
  }
  return links;
}

export function latencies(net: Network, from: number, to: number, count: number): number[] {
  return Array.from({ length: count }, () => net.drawLatencyUs(from, to));
}

/**
 * A network wired to a clock and a queue the test runs by hand, to a receiver that keeps what arrives
 * (and when), and to a trace that keeps why each dropped message was dropped.
 */
export function wiredNetwork(options: Partial<NetworkOptions>, seed = 1, queueCapacity = Number.POSITIVE_INFINITY) {
  const net = network(3, { latencyMinMs: 1, latencyMaxMs: 1, ...options }, seed);
  const endpoints = [1, 2, 3].map(() => ({ up: true, paused: false, incarnation: 0 }));
  const queued: ScheduledEvent<Message>[] = [];
  const received: Message[] = [];
  const arrivalsUs: number[] = [];
  const dropReasons: DropReason[] = [];
  const stats = emptyStats();
  let records = 0;
  let sequence = 0;
  const clock = {
    nowUs: 0,
    schedule: (timeUs: number, kind: number, subject: number, tag: number, payload: Message | null, a = 0, b = 0) =>
      queued.length < queueCapacity && queued.push(new ScheduledEvent(timeUs, sequence++, kind, subject, tag, payload, a, b)) > 0,
  };
  const recordMessage = (kind: TraceKind, _timeUs: number, _message: Message, extra: number): number => {
    if (kind === TraceKind.drop) dropReasons.push(extra as DropReason);
    return records++;
  };
  net.connect({
    endpoints,
    scheduler: clock,
    trace: { recordMessage } as unknown as TraceRecorder,
    stats,
    receiver: {
      receive: (message) => {
        received.push(message);
        arrivalsUs.push(clock.nowUs);
      },
    },
  });
  /** Hands out, in the order of time, every arrival due by `timeUs`, and leaves the clock there. */
  const runUntil = (timeUs: number): void => {
    queued.sort((first, second) => first.timeUs - second.timeUs || first.sequence - second.sequence);
    while (queued.length > 0 && queued[0]!.timeUs <= timeUs) {
      const event = queued.shift()!;
      clock.nowUs = event.timeUs;
      net.handleDelivery(event);
    }
    if (Number.isFinite(timeUs)) clock.nowUs = Math.max(clock.nowUs, timeUs);
  };
  const deliverAll = (): void => runUntil(Number.POSITIVE_INFINITY);
  return { net, endpoints, received, arrivalsUs, dropReasons, stats, runUntil, deliverAll, inFlight: () => queued.length };
}

/** A heartbeat from → to whose leaderCommit tells it apart from the others sent. */
export function heartbeat(from: number, to: number, number = 0): Message {
  return { type: 'AppendEntriesRequest', from, to, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries: [], leaderCommit: number };
}
