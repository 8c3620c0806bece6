import { describe, expect, it } from 'vitest';
import type { NodeId, PersistentState } from '../../core/types.js';
import type { SimulationEvent } from '../events.js';
import type { SimulationOptions } from '../options.js';
import { emptyStats } from '../stats.js';
import { TraceKind } from '../trace/trace.js';
import { NodeHost } from './host.js';
import { HostLifecycle } from './lifecycle.js';
import type { LifecycleParts } from './lifecycle.js';
import type { SwitchableRandom } from './switchable-random.js';

/** A lifecycle over three hosts whose surroundings only note what was asked of them. */
function lifecycleOfThree(nodeOverrides: SimulationOptions['nodeOverrides'] = {}) {
  const hosts = [1, 2, 3].map((id) => new NodeHost(id, null as unknown as SwitchableRandom, 10_000, 'none', false, false));
  const observed = new Map<NodeId, { up: boolean; dormant: boolean; paused: boolean }>(hosts.map((host) => [host.id, { up: true, dormant: false, paused: false }]));
  const started: [NodeId, PersistentState | null][] = [];
  const dropped: NodeId[] = [];
  const ticksScheduled: [NodeId, number][] = [];
  const ticksStopped: NodeId[] = [];
  const nextTicks: [NodeId, number][] = [];
  const readies: NodeId[] = [];
  const restartsObserved: [NodeId, PersistentState | null][] = [];
  const traced: TraceKind[] = [];
  const stats = emptyStats();
  const parts = {
    options: { seed: 1, nodeOverrides } as unknown as SimulationOptions,
    hosts,
    loop: {
      nowUs: 0,
      scheduleTicks: (host: NodeHost, firstUs: number) => ticksScheduled.push([host.id, firstUs]),
      stopTicks: (host: NodeHost) => ticksStopped.push(host.id),
      setNextTick: (host: NodeHost, atUs: number) => nextTicks.push([host.id, atUs]),
    },
    control: {
      start: (host: NodeHost, persisted: PersistentState | null) => started.push([host.id, persisted]),
      drop: (host: NodeHost) => {
        dropped.push(host.id);
        host.instance = null;
      },
    },
    network: { forgetHeld: () => undefined, heldFor: () => 0, releaseHeld: () => undefined },
    cluster: { node: (id: NodeId) => observed.get(id)! },
    monitor: {
      observeReady: (id: NodeId) => readies.push(id),
      observeRestart: (id: NodeId, persisted: PersistentState | null) => restartsObserved.push([id, persisted]),
      observeCrash: () => undefined,
    },
    trace: { record: (kind: TraceKind) => traced.push(kind) },
    stats,
  } as unknown as LifecycleParts;
  const lifecycle = new HostLifecycle(parts);
  return { lifecycle, hosts, observed, started, dropped, ticksScheduled, ticksStopped, nextTicks, readies, restartsObserved, traced, stats };
}

const event = (subject: NodeId, tag: number) => ({ subject, tag }) as unknown as SimulationEvent;

describe('HostLifecycle: the start', () => {
  it('starts the initial members and leaves the other servers dormant, down and without ticks', () => {
    const life = lifecycleOfThree();
    life.lifecycle.startAll([1, 2]);
    expect(life.started).toEqual([
      [1, null],
      [2, null],
    ]);
    expect(life.ticksScheduled.map(([id]) => id)).toEqual([1, 2]);
    expect(life.hosts.map((host) => [host.up, host.dormant])).toEqual([
      [true, false],
      [true, false],
      [false, true],
    ]);
    expect(life.observed.get(3)).toMatchObject({ up: false, dormant: true });
    expect(life.observed.get(1)).toMatchObject({ up: true, dormant: false });
  });

  it('puts a member’s given starting state on its disk, shows it to the checkers, and starts the node from it', () => {
    const persisted = { hardState: { term: 2, votedFor: 1 }, log: [{ term: 1, kind: 'command' as const, command: 'a' }] };
    const life = lifecycleOfThree({ 2: { persisted } });
    life.lifecycle.startAll([1, 2, 3]);
    expect(life.hosts[1]!.disk.read()).toEqual(persisted);
    expect(life.hosts[0]!.disk.isEmpty()).toBe(true);
    expect(life.readies).toEqual([2]);
    expect(life.started[1]).toEqual([2, persisted]);
  });
});

describe('HostLifecycle: crashes and restarts', () => {
  it('restarts a crashed node from its disk, counting the restart', () => {
    const life = lifecycleOfThree();
    life.lifecycle.startAll([1, 2, 3]);
    const host = life.hosts[0]!;
    host.disk.persistHardState({ term: 3, votedFor: 1 });
    life.lifecycle.crash(host);
    life.lifecycle.restart(host);
    expect(host.up).toBe(true);
    expect(life.stats.restarts).toBe(1);
    expect(life.restartsObserved).toEqual([[1, { hardState: { term: 3, votedFor: 1 }, log: [] }]]);
    expect(life.traced).toEqual([TraceKind.crash, TraceKind.restart]);
    // The crash dropped the node's code (ending its process, for a node in another language).
    expect(life.dropped).toEqual([1]);
  });

  it('refuses to restart a retired or a dormant server', () => {
    for (const state of ['retired', 'dormant'] as const) {
      const life = lifecycleOfThree();
      life.lifecycle.startAll([1, 2, 3]);
      const host = life.hosts[0]!;
      life.lifecycle.crash(host);
      host[state] = true;
      life.lifecycle.restart(host);
      expect(host.up).toBe(false);
      expect(life.stats.restarts).toBe(0);
      expect(life.restartsObserved).toEqual([]);
    }
  });

  it('a scheduled restart brings back only the incarnation it was scheduled for', () => {
    const life = lifecycleOfThree();
    life.lifecycle.startAll([1, 2, 3]);
    const host = life.hosts[0]!;
    life.lifecycle.crash(host);
    const crashedIncarnation = host.incarnation;
    life.lifecycle.handleRestart(event(1, crashedIncarnation - 1));
    expect(host.up).toBe(false);
    life.lifecycle.handleRestart(event(1, crashedIncarnation));
    expect(host.up).toBe(true);
    expect(life.stats.restarts).toBe(1);
  });
});

describe('HostLifecycle: ticks and pauses', () => {
  it('a tick of a stopped chain does nothing; one of the live chain still in the queue is an error', () => {
    const life = lifecycleOfThree();
    const host = life.hosts[1]!;
    host.tickGeneration = 4;
    expect(() => life.lifecycle.handleStoppedTick(event(2, 3))).not.toThrow();
    expect(() => life.lifecycle.handleStoppedTick(event(2, 4))).toThrow('node 2 has a tick of its live chain in the queue');
  });

  it('moves a node’s next tick', () => {
    const life = lifecycleOfThree();
    life.lifecycle.setNextTick(life.hosts[2]!, 12_345);
    expect(life.nextTicks).toEqual([[3, 12_345]]);
  });

  it('a pause stops the node’s ticks and shows it paused to the checkers and in the trace', () => {
    const life = lifecycleOfThree();
    life.lifecycle.startAll([1, 2, 3]);
    life.lifecycle.pause(life.hosts[1]!);
    expect(life.hosts[1]!.paused).toBe(true);
    expect(life.observed.get(2)!.paused).toBe(true);
    expect(life.ticksStopped).toEqual([2]);
    expect(life.traced).toEqual([TraceKind.pause]);
  });
});
