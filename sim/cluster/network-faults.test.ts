import { describe, expect, it } from 'vitest';
import type { Message } from '../../core/messages.js';
import { heartbeat, latencies, network, openLinks, wiredNetwork } from './network-testing.js';
import { DropReason } from '../trace/trace.js';

describe('Network: message filters (drop-messages)', () => {
  const voteRequest = (from: number, to: number): Message => ({ type: 'RequestVoteRequest', from, to, term: 1, lastLogIndex: 0, lastLogTerm: 0 });

  it('drops at once, when sent, a message of the filtered type on a filtered link; other types and other links pass', () => {
    const wired = wiredNetwork({});
    const filter = wired.net.addFilter('AppendEntriesRequest', [[1, 2]]);
    wired.net.send(heartbeat(1, 2), 1);
    expect(wired.dropReasons).toEqual([DropReason.filtered]);
    expect(wired.inFlight()).toBe(0);
    expect(filter.dropped).toBe(1);
    wired.net.send(heartbeat(2, 1), 2);
    wired.net.send(heartbeat(1, 3), 1);
    wired.net.send(voteRequest(1, 2), 1);
    wired.deliverAll();
    expect(wired.received).toEqual([heartbeat(2, 1), heartbeat(1, 3), voteRequest(1, 2)]);
    expect(filter.dropped).toBe(1);
    expect(wired.stats).toMatchObject({ messagesSent: 4, messagesDropped: 1, messagesDelivered: 3 });
  });

  it('drops on arrival a message in flight when a filter covering it is put in place', () => {
    const wired = wiredNetwork({ latencyMinMs: 10, latencyMaxMs: 10 });
    wired.net.send(heartbeat(1, 2), 1);
    wired.net.send(heartbeat(1, 3), 1);
    const filter = wired.net.addFilter('AppendEntriesRequest', [[1, 2]]);
    wired.deliverAll();
    expect(wired.received).toEqual([heartbeat(1, 3)]);
    expect(wired.dropReasons).toEqual([DropReason.filtered]);
    expect(filter.dropped).toBe(1);
  });

  it('a removed filter drops nothing more; removing it again leaves the other filters in place', () => {
    const wired = wiredNetwork({});
    const first = wired.net.addFilter('AppendEntriesRequest', [[1, 2]]);
    const second = wired.net.addFilter('AppendEntriesRequest', [[1, 3]]);
    wired.net.removeFilter(first);
    wired.net.removeFilter(first);
    wired.net.send(heartbeat(1, 2), 1);
    wired.net.send(heartbeat(1, 3), 1);
    wired.deliverAll();
    expect(wired.received).toEqual([heartbeat(1, 2)]);
    expect(wired.dropReasons).toEqual([DropReason.filtered]);
    expect([first.dropped, second.dropped]).toEqual([0, 1]);
  });
});

describe('Network: what it refuses and what it drops on arrival', () => {
  it('throws for a message to a node that is not a peer, or whose sender is not the node that sent it', () => {
    const wired = wiredNetwork({});
    expect(() => wired.net.send(heartbeat(1, 4), 1)).toThrow('sent a message from 1 to 4, which is not a peer');
    expect(() => wired.net.send(heartbeat(1, 2), 2)).toThrow('sent a message from 1 to 2, which is not a peer');
    expect(wired.inFlight()).toBe(0);
  });

  it('drops a message for overflow when the event queue refuses it', () => {
    const wired = wiredNetwork({}, 1, 1);
    wired.net.send(heartbeat(1, 2, 0), 1);
    wired.net.send(heartbeat(1, 2, 1), 1);
    expect(wired.dropReasons).toEqual([DropReason.overflow]);
    wired.deliverAll();
    expect(wired.received).toEqual([heartbeat(1, 2, 0)]);
  });

  it('drops a message sent to an earlier incarnation of its receiver, though the receiver is up again', () => {
    const wired = wiredNetwork({});
    wired.net.send(heartbeat(1, 2), 1);
    wired.endpoints[1]!.incarnation = 1;
    wired.deliverAll();
    expect(wired.received).toEqual([]);
    expect(wired.dropReasons).toEqual([DropReason.staleIncarnation]);
  });
});

describe('Network: messages held while their receiver is paused', () => {
  it('holds up to 10,000 messages for a paused node and drops the next one for overflow', () => {
    const wired = wiredNetwork({});
    wired.endpoints[1]!.paused = true;
    for (let sent = 0; sent < 10_000; sent++) wired.net.send(heartbeat(1, 2, sent), 1);
    wired.deliverAll();
    expect(wired.net.heldFor(2)).toBe(10_000);
    expect(wired.dropReasons).toEqual([]);
    wired.net.send(heartbeat(1, 2, 10_000), 1);
    wired.deliverAll();
    expect(wired.net.heldFor(2)).toBe(10_000);
    expect(wired.dropReasons).toEqual([DropReason.overflow]);
  });

  it('forgets what a crashed node held: nothing of it arrives after a restart', () => {
    const wired = wiredNetwork({});
    wired.endpoints[1]!.paused = true;
    wired.net.send(heartbeat(1, 2), 1);
    wired.deliverAll();
    expect(wired.net.heldFor(2)).toBe(1);
    wired.net.forgetHeld(2);
    expect(wired.net.heldFor(2)).toBe(0);
    wired.endpoints[1]!.paused = false;
    wired.net.releaseHeld(2);
    wired.deliverAll();
    expect(wired.received).toEqual([]);
  });
});

describe('Network: settings saved and put back', () => {
  it('puts back the network-wide settings and extra delay saved before a change', () => {
    const net = network(3, { latencyMinMs: 10, latencyMaxMs: 10 });
    const saved = net.globalSettings();
    net.change({ lossRate: 1, delayMs: 5 });
    expect(net.drawLoss(1, 2)).toBe(true);
    net.restoreGlobalSettings(saved);
    expect(net.currentOptions()).toEqual(saved.options);
    expect(net.drawLoss(1, 2)).toBe(false);
    expect(latencies(net, 1, 2, 20).every((latency) => latency === 10_000)).toBe(true);
  });

  it('reads a link’s own settings and puts them back after a reset, on that link alone', () => {
    const net = network(3, { latencyMinMs: 10, latencyMaxMs: 10 });
    net.changeLink(1, 2, { lossRate: 1, delayMs: 3 }, false);
    const saved = net.linkSettings(1, 2);
    expect(saved).toEqual([1, Number.NaN, Number.NaN, 3000, 1]);
    expect(net.linkSettings(2, 1)).toEqual([Number.NaN, Number.NaN, Number.NaN, Number.NaN, 0]);
    net.changeLink(1, 2, {}, true);
    expect(net.drawLoss(1, 2)).toBe(false);
    net.restoreLinkSettings(1, 2, saved);
    expect(net.drawLoss(1, 2)).toBe(true);
    expect(net.drawLoss(2, 1)).toBe(false);
    expect(net.drawLoss(1, 3)).toBe(false);
    expect(latencies(net, 1, 2, 5).every((latency) => latency === 13_000)).toBe(true);
  });

  it('keeps every link’s own settings in force while links are given, reset and put back in any order', () => {
    const restoredOntoPlain = network(3);
    restoredOntoPlain.changeLink(1, 3, { lossRate: 1 }, false);
    const saved = restoredOntoPlain.linkSettings(1, 3);
    restoredOntoPlain.changeLink(1, 2, { lossRate: 1 }, false);
    restoredOntoPlain.changeLink(1, 3, {}, true);
    restoredOntoPlain.restoreLinkSettings(2, 3, saved);
    expect([restoredOntoPlain.drawLoss(1, 2), restoredOntoPlain.drawLoss(2, 3), restoredOntoPlain.drawLoss(1, 3)]).toEqual([true, true, false]);

    const resetOfPlainLink = network(3);
    resetOfPlainLink.changeLink(1, 2, { lossRate: 1 }, false);
    resetOfPlainLink.changeLink(2, 3, {}, true);
    expect(resetOfPlainLink.drawLoss(1, 2)).toBe(true);

    const restoredFirst = network(3);
    restoredFirst.restoreLinkSettings(1, 3, saved);
    restoredFirst.changeLink(1, 2, { lossRate: 1 }, false);
    expect([restoredFirst.drawLoss(1, 2), restoredFirst.drawLoss(1, 3)]).toEqual([true, true]);
    restoredFirst.changeLink(1, 2, { lossRate: 1 }, false);
    restoredFirst.changeLink(1, 3, {}, true);
    expect([restoredFirst.drawLoss(1, 2), restoredFirst.drawLoss(1, 3)]).toEqual([true, false]);
  });
});

describe('Network: partition group numbering', () => {
  it('keeps lone nodes apart from the numbered groups, whichever nodes are named', () => {
    const net = network(4);
    net.partition([[3], [4]]);
    expect(openLinks(net)).toEqual([]);
    expect(net.describeGroups()).toBe('{1} | {2} | {3} | {4}');
  });

  it('a second partition leaves no node in a group of the first', () => {
    const net = network(4);
    net.partition([[1], [2], [3, 4]]);
    expect(openLinks(net)).toEqual(['3→4', '4→3']);
    net.partition([[1], [2], [3]]);
    expect(openLinks(net)).toEqual([]);
  });
});
