import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Network } from './network.js';
import { heartbeat, latencies, network, openLinks, wiredNetwork } from './network-testing.js';
import { DropReason } from '../trace/trace.js';
import { DEFAULT_NETWORK } from '../options.js';

describe('Network: loss and duplication', () => {
  it('loses a fraction of messages close to lossRate', () => {
    // 20,000 draws at p = 0.3: the lost fraction has a standard deviation of sqrt(0.3 · 0.7 / 20000) ≈ 0.0032.
    // Five of them (0.016) holds for any seed with overwhelming probability, so a new seed derivation
    // cannot turn this test into a flaky one.
    const draws = 20_000;
    const tolerance = 5 * Math.sqrt((0.3 * 0.7) / draws);
    for (const seed of [1, 2, 3]) {
      const net = network(3, { lossRate: 0.3 }, seed);
      let lost = 0;
      for (let draw = 0; draw < draws; draw++) if (net.drawLoss(1, 2)) lost++;
      expect(Math.abs(lost / draws - 0.3)).toBeLessThan(tolerance);
    }
  });

  it('duplicates a fraction of messages close to duplicateRate', () => {
    const draws = 20_000;
    const net = network(3, { duplicateRate: 0.1 });
    let duplicated = 0;
    for (let draw = 0; draw < draws; draw++) if (net.drawDuplicate(1, 2)) duplicated++;
    expect(Math.abs(duplicated / draws - 0.1)).toBeLessThan(5 * Math.sqrt((0.1 * 0.9) / draws));
  });

  it('never loses with lossRate 0 and always loses with lossRate 1', () => {
    const reliable = network(3, { lossRate: 0 });
    const dead = network(3, { lossRate: 1 });
    for (let draw = 0; draw < 1000; draw++) {
      expect(reliable.drawLoss(1, 2)).toBe(false);
      expect(dead.drawLoss(1, 2)).toBe(true);
    }
  });

  it('applies a change of loss rate to later draws', () => {
    const net = network(3, { lossRate: 0 });
    net.change({ lossRate: 1 });
    expect(net.currentOptions().lossRate).toBe(1);
    expect(net.drawLoss(1, 2)).toBe(true);
  });
});

describe('Network: what is sent arrives', () => {
  const oneToTwo = heartbeat(1, 2);

  it('delivers a message once without duplication, and a duplicated one twice', () => {
    const plain = wiredNetwork({ duplicateRate: 0 });
    plain.net.send(oneToTwo, 1);
    plain.deliverAll();
    expect(plain.received).toEqual([oneToTwo]);
    const doubled = wiredNetwork({ duplicateRate: 1 });
    for (let sent = 0; sent < 5; sent++) doubled.net.send(oneToTwo, 1);
    doubled.deliverAll();
    expect(doubled.stats.messagesDuplicated).toBe(5);
    expect(doubled.received).toHaveLength(10);
    expect(doubled.stats.messagesDelivered).toBe(10);
  });

  it('delivers nothing that was lost', () => {
    const lossy = wiredNetwork({ lossRate: 1, duplicateRate: 1 });
    lossy.net.send(oneToTwo, 1);
    lossy.deliverAll();
    expect(lossy.received).toEqual([]);
    expect(lossy.stats.messagesDropped).toBe(1);
  });
});

describe('Network: latency', () => {
  it('draws every latency within [latencyMinMs, latencyMaxMs], spread over the range', () => {
    const net = network(3, { latencyMinMs: 10, latencyMaxMs: 15 });
    const drawn = latencies(net, 1, 2, 20_000);
    expect(Math.min(...drawn)).toBeGreaterThanOrEqual(10_000);
    expect(Math.max(...drawn)).toBeLessThanOrEqual(15_000);
    // With 5,001 possible values and 20,000 draws, both ends are approached to within a few steps.
    expect(Math.min(...drawn)).toBeLessThan(10_010);
    expect(Math.max(...drawn)).toBeGreaterThan(14_990);
  });

  it('keeps latencies within bounds for any range, in whole microseconds', () => {
    const ranges = fc.tuple(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), fc.nat());
    fc.assert(
      fc.property(ranges, ([minMs, spanMs, seed]) => {
        const net = network(2, { latencyMinMs: minMs, latencyMaxMs: minMs + spanMs }, seed);
        for (const latency of latencies(net, 1, 2, 20)) {
          expect(Number.isInteger(latency)).toBe(true);
          expect(latency).toBeGreaterThanOrEqual(Math.round(minMs * 1000));
          expect(latency).toBeLessThanOrEqual(Math.round((minMs + spanMs) * 1000));
        }
      }),
    );
  });

  it('adds a link’s own delay to messages on that link only, and a reset takes it away', () => {
    const net = network(3, { latencyMinMs: 10, latencyMaxMs: 15 });
    net.changeLink(1, 2, { delayMs: 5 }, false);
    for (const latency of latencies(net, 1, 2, 500)) {
      expect(latency).toBeGreaterThanOrEqual(15_000);
      expect(latency).toBeLessThanOrEqual(20_000);
    }
    for (const latency of [...latencies(net, 2, 1, 500), ...latencies(net, 1, 3, 500)]) expect(latency).toBeLessThanOrEqual(15_000);
    net.changeLink(1, 2, {}, true);
    for (const latency of latencies(net, 1, 2, 500)) expect(latency).toBeLessThanOrEqual(15_000);
  });

  it('a network-wide delay applies to every link; a link’s own loss rate overrides the network’s', () => {
    const net = network(3, { latencyMinMs: 10, latencyMaxMs: 10 });
    net.change({ delayMs: 7 });
    expect(latencies(net, 2, 3, 50).every((latency) => latency === 17_000)).toBe(true);
    net.changeLink(2, 3, { lossRate: 1 }, false);
    expect(net.drawLoss(2, 3)).toBe(true);
    expect(net.drawLoss(3, 2)).toBe(false);
    net.restore({ ...DEFAULT_NETWORK, latencyMinMs: 10, latencyMaxMs: 10 });
    expect(net.drawLoss(2, 3)).toBe(false);
    expect(latencies(net, 2, 3, 50).every((latency) => latency === 10_000)).toBe(true);
  });

  it('holds a reordered message back beyond the longest ordinary latency, within a bound', () => {
    const net = network(3, { latencyMinMs: 10, latencyMaxMs: 15, reorderRate: 1 });
    for (const latency of latencies(net, 1, 2, 2000)) {
      expect(latency).toBeGreaterThanOrEqual(10_000 + 15_000);
      expect(latency).toBeLessThanOrEqual(15_000 + 3 * 15_000 + 1000);
    }
  });

  it('holds back about reorderRate of messages', () => {
    const draws = 20_000;
    const net = network(3, { latencyMinMs: 10, latencyMaxMs: 15, reorderRate: 0.2 });
    const heldBack = latencies(net, 1, 2, draws).filter((latency) => latency > 15_000).length;
    expect(Math.abs(heldBack / draws - 0.2)).toBeLessThan(5 * Math.sqrt((0.2 * 0.8) / draws));
  });

  it('keeps the latency range through a change of other settings', () => {
    const net = network(3, { latencyMinMs: 10, latencyMaxMs: 15 });
    net.change({ lossRate: 0.5 });
    expect(net.currentOptions()).toMatchObject({ latencyMinMs: 10, latencyMaxMs: 15 });
    expect(Math.max(...latencies(net, 1, 2, 200))).toBeGreaterThan(14_000);
  });

  it('raises latencyMaxMs to latencyMinMs when a change would leave it below', () => {
    const net = network(3, { latencyMinMs: 10, latencyMaxMs: 15 });
    net.change({ latencyMinMs: 20 });
    expect(net.currentOptions()).toMatchObject({ latencyMinMs: 20, latencyMaxMs: 20 });
    expect(latencies(net, 1, 2, 50).every((latency) => latency === 20_000)).toBe(true);
  });
});

describe('Network: partitions and cuts', () => {
  const everyLink5 = openLinks(network(5));

  it('connects every pair of nodes, both ways, until a fault', () => {
    expect(everyLink5).toHaveLength(20);
    expect(network(5).describeGroups()).toBe('connected');
  });

  it('partition([1,2],[3,4,5]) carries messages only within each group', () => {
    const net = network(5);
    net.partition([
      [1, 2],
      [3, 4, 5],
    ]);
    expect(openLinks(net)).toEqual(['1→2', '2→1', '3→4', '3→5', '4→3', '4→5', '5→3', '5→4']);
    expect(net.describeGroups()).toBe('{1,2} | {3,4,5}');
  });

  it('leaves each node named in no group of a partition alone', () => {
    const net = network(5);
    net.partition([[1, 2]]);
    expect(openLinks(net)).toEqual(['1→2', '2→1']);
  });

  it('isolate(3) cuts node 3 off both ways and leaves the rest connected', () => {
    const net = network(5);
    net.isolate(3);
    expect(openLinks(net)).toEqual(everyLink5.filter((link) => !link.includes('3')));
    expect(net.describeGroups()).toBe('{1,2,4,5} | {3}');
  });

  it('isolating a node inside a partition keeps its group apart and leaves it alone', () => {
    const net = network(5);
    net.partition([
      [1, 2, 3],
      [4, 5],
    ]);
    net.isolate(1);
    expect(openLinks(net)).toEqual(['2→3', '3→2', '4→5', '5→4']);
  });

  // partition() numbers lone nodes groups.length + k; isolate() must never reuse such a number.
  it('isolating a node that a partition left alone does not connect it to another lone node', () => {
    const net = network(3);
    net.partition([[1], [2]]);
    expect(openLinks(net)).toEqual([]);
    net.isolate(1);
    expect(openLinks(net)).toEqual([]);
  });

  it('cutLink(1, 2) stops messages from 1 to 2 while 2 still reaches 1', () => {
    const net = network(3);
    net.cutLink(1, 2);
    expect(net.connected(1, 2)).toBe(false);
    expect(net.connected(2, 1)).toBe(true);
    expect(openLinks(net)).toEqual(['1→3', '2→1', '2→3', '3→1', '3→2']);
  });

  it('heal() restores every link after partitions, isolation and cuts', () => {
    const net = network(5);
    net.partition([[1, 2], [3]]);
    net.isolate(4);
    net.cutLink(5, 1);
    net.cutLink(5, 1);
    net.heal();
    expect(openLinks(net)).toEqual(everyLink5);
    expect(net.describeGroups()).toBe('connected');
    net.cutLink(2, 3);
    expect(openLinks(net)).toEqual(everyLink5.filter((link) => link !== '2→3'));
  });
});

describe('Network: a message in flight when the links change', () => {
  const linkChanges: readonly [string, (net: Network) => void][] = [
    ['partition([1], [2, 3])', (net) => net.partition([[1], [2, 3]])],
    ['isolate(2), the receiver', (net) => net.isolate(2)],
    ['isolate(1), the sender', (net) => net.isolate(1)],
    ['cutLink(1, 2)', (net) => net.cutLink(1, 2)],
  ];

  for (const [change, apply] of linkChanges) {
    it(`drops on arrival, for partition, a message sent on a connected link that ${change} cut while it was in flight`, () => {
      const wired = wiredNetwork({ latencyMinMs: 10, latencyMaxMs: 10 });
      wired.net.send(heartbeat(1, 2), 1);
      wired.runUntil(5_000);
      expect(wired.inFlight()).toBe(1);
      apply(wired.net);
      wired.deliverAll();
      expect(wired.received).toEqual([]);
      expect(wired.dropReasons).toEqual([DropReason.partition]);
      expect(wired.stats).toMatchObject({ messagesDelivered: 0, messagesDropped: 1 });
    });

    it(`keeps dropped a message sent while ${change} cut its link, though the link heals before it would have arrived`, () => {
      const wired = wiredNetwork({ latencyMinMs: 10, latencyMaxMs: 10 });
      apply(wired.net);
      wired.net.send(heartbeat(1, 2), 1);
      expect(wired.dropReasons).toEqual([DropReason.partition]);
      expect(wired.inFlight()).toBe(0);
      wired.runUntil(1_000);
      wired.net.heal();
      wired.deliverAll();
      expect(wired.received).toEqual([]);
      expect(wired.stats).toMatchObject({ messagesDelivered: 0, messagesDropped: 1 });
    });
  }

  it('delivers a message in flight whose own link stays up: a cut of the other direction, a partition that keeps both ends together, or one healed before it arrives', () => {
    const changes: ((net: Network) => void)[] = [
      (net) => net.cutLink(2, 1),
      (net) => net.partition([[1, 2], [3]]),
      (net) => {
        net.isolate(2);
        net.heal();
      },
    ];
    for (const apply of changes) {
      const wired = wiredNetwork({ latencyMinMs: 10, latencyMaxMs: 10 });
      wired.net.send(heartbeat(1, 2), 1);
      wired.runUntil(5_000);
      apply(wired.net);
      wired.deliverAll();
      expect(wired.received).toEqual([heartbeat(1, 2)]);
      expect(wired.arrivalsUs).toEqual([10_000]);
      expect(wired.dropReasons).toEqual([]);
    }
  });
});

describe('Network: loss and duplication of the messages sent', () => {
  /** Sends `count` heartbeats from → to and delivers them; returns how many arrived, and how many were dropped for loss. */
  function sendMany(wired: ReturnType<typeof wiredNetwork>, from: number, to: number, count: number) {
    const receivedBefore = wired.received.length;
    const dropsBefore = wired.dropReasons.length;
    for (let sent = 0; sent < count; sent++) wired.net.send(heartbeat(from, to, sent), from);
    wired.deliverAll();
    const drops = wired.dropReasons.slice(dropsBefore);
    return { arrived: wired.received.length - receivedBefore, lost: drops.filter((reason) => reason === DropReason.loss).length, drops: drops.length };
  }

  it('drops about lossRate of the messages sent, for loss, and delivers every other one once', () => {
    const sent = 10_000;
    const wired = wiredNetwork({ lossRate: 0.3 });
    const { arrived, lost, drops } = sendMany(wired, 1, 2, sent);
    expect(Math.abs(lost / sent - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / sent));
    expect(drops).toBe(lost);
    expect(arrived).toBe(sent - lost);
    expect(wired.stats).toMatchObject({ messagesSent: sent, messagesDropped: lost, messagesDelivered: sent - lost, messagesDuplicated: 0 });
  });

  it('delivers about duplicateRate of the messages sent twice, and the rest once', () => {
    const sent = 10_000;
    const wired = wiredNetwork({ duplicateRate: 0.2 });
    const { arrived, drops } = sendMany(wired, 1, 2, sent);
    const duplicated = arrived - sent;
    expect(Math.abs(duplicated / sent - 0.2)).toBeLessThan(5 * Math.sqrt((0.2 * 0.8) / sent));
    expect(drops).toBe(0);
    expect(wired.stats.messagesDuplicated).toBe(duplicated);
    const copies = new Map<number, number>();
    for (const message of wired.received) {
      const number = (message as { leaderCommit: number }).leaderCommit;
      copies.set(number, (copies.get(number) ?? 0) + 1);
    }
    expect(copies.size).toBe(sent);
    expect([...copies.values()].filter((count) => count === 2)).toHaveLength(duplicated);
  });

  it('a link’s own loss and duplicate rates apply to that link alone, in either direction of override, until reset', () => {
    const wired = wiredNetwork({ lossRate: 0, duplicateRate: 1 });
    wired.net.changeLink(1, 2, { lossRate: 1 }, false);
    wired.net.changeLink(1, 3, { duplicateRate: 0 }, false);
    expect(sendMany(wired, 1, 2, 50)).toEqual({ arrived: 0, lost: 50, drops: 50 });
    expect(sendMany(wired, 2, 1, 50)).toEqual({ arrived: 100, lost: 0, drops: 0 });
    expect(sendMany(wired, 1, 3, 50)).toEqual({ arrived: 50, lost: 0, drops: 0 });
    expect(sendMany(wired, 3, 1, 50)).toEqual({ arrived: 100, lost: 0, drops: 0 });

    const lossy = wiredNetwork({ lossRate: 1 });
    lossy.net.changeLink(2, 3, { lossRate: 0 }, false);
    expect(sendMany(lossy, 2, 3, 50)).toEqual({ arrived: 50, lost: 0, drops: 0 });
    expect(sendMany(lossy, 3, 2, 50)).toEqual({ arrived: 0, lost: 50, drops: 50 });
    lossy.net.changeLink(2, 3, {}, true);
    expect(sendMany(lossy, 2, 3, 50)).toEqual({ arrived: 0, lost: 50, drops: 50 });
  });
});

describe('Network: order of arrival', () => {
  /** Sends `count` numbered heartbeats 1 → 2, one every 100 µs, and delivers them; returns their numbers in the order of arrival. */
  function arrivalOrder(wired: ReturnType<typeof wiredNetwork>, count: number): number[] {
    for (let sent = 0; sent < count; sent++) {
      wired.runUntil(sent * 100);
      wired.net.send(heartbeat(1, 2, sent), 1);
    }
    wired.deliverAll();
    return wired.received.map((message) => (message as { leaderCommit: number }).leaderCommit);
  }

  /** How many pairs of messages arrived in the opposite order of their sending. */
  function inversions(order: readonly number[]): number {
    let count = 0;
    for (let later = 1; later < order.length; later++) for (let earlier = 0; earlier < later; earlier++) if (order[earlier]! > order[later]!) count++;
    return count;
  }

  const inOrder = (count: number) => Array.from({ length: count }, (_, index) => index);

  it('without reordering a link delivers in the order of sending, a message drawn to arrive early waiting for those before it', () => {
    const wired = wiredNetwork({ latencyMinMs: 1, latencyMaxMs: 30 });
    expect(arrivalOrder(wired, 300)).toEqual(inOrder(300));
    // Latencies spread over 29 ms for messages 0.1 ms apart: many were drawn to overtake and had to wait.
    const waited = wired.arrivalsUs.filter((atUs, index) => index > 0 && atUs === wired.arrivalsUs[index - 1]).length;
    expect(waited).toBeGreaterThan(50);
  });

  it('with a reorder rate, messages held back arrive after messages sent later, each by more than the longest latency', () => {
    const wired = wiredNetwork({ latencyMinMs: 1, latencyMaxMs: 30, reorderRate: 0.3 });
    const order = arrivalOrder(wired, 300);
    expect([...order].sort((a, b) => a - b)).toEqual(inOrder(300));
    expect(inversions(order)).toBeGreaterThan(50);
    // Only a message held back is overtaken, and it was held beyond the longest ordinary latency.
    const overtaken = order.flatMap((number, index) => (order.slice(0, index).some((arrivedBefore) => arrivedBefore > number) ? [index] : []));
    expect(overtaken.length).toBeGreaterThan(10);
    for (const index of overtaken) expect(wired.arrivalsUs[index]! - order[index]! * 100).toBeGreaterThan(30_000);
  });

  it('a link’s own reorder rate overrides the network’s, either way', () => {
    const reordered = wiredNetwork({ latencyMinMs: 1, latencyMaxMs: 30 });
    reordered.net.changeLink(1, 2, { reorderRate: 0.5 }, false);
    expect(inversions(arrivalOrder(reordered, 200))).toBeGreaterThan(50);
    const ordered = wiredNetwork({ latencyMinMs: 1, latencyMaxMs: 30, reorderRate: 1 });
    ordered.net.changeLink(1, 2, { reorderRate: 0 }, false);
    expect(arrivalOrder(ordered, 200)).toEqual(inOrder(200));
  });
});
