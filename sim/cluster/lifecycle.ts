/**
 * How servers come and go: started at the beginning (from a given disk, or empty), crashed (losing
 * what was not durable), restarted from their disks, paused and resumed. Each of these also starts or
 * ends the node's tick chain.
 */
import type { NodeId, PersistentState } from '../../core/types.js';
import type { Monitor } from '../checking/monitor.js';
import type { ObservedCluster } from '../checking/observed-cluster.js';
import { RandomStream, STREAM } from '../engine/random-streams.js';
import type { SimulationEvent, SimulationLoop } from '../events.js';
import type { SimulationOptions } from '../options.js';
import type { RunStats } from '../stats.js';
import { entryChecksum } from '../../core/integrity.js';
import { REJECT_REASON_NAMES, RejectReason, TraceKind } from '../trace/trace.js';
import type { TraceRecorder } from '../trace/trace.js';
import type { NodeHost } from './host.js';
import type { Network } from './network.js';
import type { NodeControl } from './node-control.js';

export interface LifecycleParts {
  readonly options: SimulationOptions;
  readonly hosts: readonly NodeHost[];
  readonly loop: SimulationLoop;
  readonly control: NodeControl;
  readonly network: Network;
  readonly cluster: ObservedCluster;
  readonly monitor: Monitor;
  readonly trace: TraceRecorder;
  readonly stats: RunStats;
}

export class HostLifecycle {
  constructor(private readonly parts: LifecycleParts) {}

  /**
   * Starts the initial members, each from the disk it was given, its first tick at a random phase of
   * its period; the other servers are spares, switched on only when a membership change adds them.
   */
  startAll(initialMembers: readonly NodeId[]): void {
    const { options, hosts, cluster, control, loop } = this.parts;
    for (const host of hosts) {
      const phase = new RandomStream(options.seed, STREAM.nodeClockPhase(host.id));
      const firstTickUs = phase.int(1, host.tickPeriodUs);
      if (!initialMembers.includes(host.id)) {
        host.dormant = true;
        host.up = false;
        cluster.node(host.id).up = false;
        cluster.node(host.id).dormant = true;
        continue;
      }
      const persisted = options.nodeOverrides[host.id]?.persisted ?? null;
      if (persisted !== null) this.restoreDisk(host, persisted);
      control.start(host, persisted);
      loop.scheduleTicks(host, firstTickUs);
    }
  }

  /** Puts a node's starting state on its disk and shows it to the checkers as the node's first write. */
  private restoreDisk(host: NodeHost, persisted: PersistentState): void {
    host.disk.persistHardState(persisted.hardState);
    host.disk.persistLog({ fromIndex: 1, entries: persisted.log });
    this.parts.monitor.observeReady(host.id, {
      hardState: persisted.hardState,
      logWrite: { fromIndex: 1, entries: persisted.log },
      messages: [],
      committedEntries: null,
      softState: null,
      commitIndex: 0,
    });
  }

  /** A tick in the queue belongs to a chain stopped while the tick was pending: it does nothing. */
  handleStoppedTick(event: SimulationEvent): void {
    const host = this.parts.hosts[event.subject - 1]!;
    if (event.tag === host.tickGeneration) throw new Error(`node ${host.id} has a tick of its live chain in the queue`);
  }

  crash(host: NodeHost): void {
    const { loop, network, stats, trace, monitor, control } = this.parts;
    host.up = false;
    host.paused = false;
    // Its process, if it has one, ends here: what a crash loses is exactly what was not persisted.
    control.drop(host);
    const inFlight = host.pendingReady;
    host.pendingReady = null;
    host.disk.crash(inFlight);
    host.awaitingReads.clear();
    network.forgetHeld(host.id);
    host.incarnation++;
    loop.stopTicks(host);
    stats.crashes++;
    trace.record(TraceKind.crash, loop.nowUs, host.id, 0, host.incarnation, 0);
    monitor.observeCrash(host.id);
  }

  /** Restarts a crashed or paused-and-crashed node from its disk; a retired or dormant server stays off. */
  restart(host: NodeHost): void {
    if (host.retired || host.dormant) return;
    const { loop, stats, trace, monitor, control } = this.parts;
    host.up = true;
    stats.restarts++;
    trace.record(TraceKind.restart, loop.nowUs, host.id, 0, host.incarnation, 0);
    const { persisted, discardedFrom } = host.disk.isEmpty() ? { persisted: null, discardedFrom: 0 } : this.readDisk(host);
    monitor.observeRestart(host.id, persisted, discardedFrom);
    control.start(host, persisted);
    loop.scheduleTicks(host, host.tickPeriodUs);
  }

  /** What the restarting node reads back; with checksummed records, each checked and, if need be, repaired or discarded (see SimulatedDisk.readChecked). */
  private readDisk(host: NodeHost): { readonly persisted: PersistentState; readonly discardedFrom: number } {
    if (this.parts.options.integrity === 'none') return { persisted: host.disk.read(), discardedFrom: 0 };
    const { hosts, trace, loop } = this.parts;
    const { persisted, repairs } = host.disk.readChecked((index, checksum) => {
      for (const peer of hosts) {
        const entry = peer === host || peer.disk.checksumAt(index) !== checksum ? undefined : peer.disk.entryAt(index);
        if (entry !== undefined && entryChecksum(entry) === checksum) return entry;
      }
      return undefined;
    });
    for (const repair of repairs) {
      const reason = repair.action === 'repaired' ? RejectReason.repairedRecord : RejectReason.discardedRecord;
      trace.record(TraceKind.rejected, loop.nowUs, host.id, 0, repair.index, reason, { reason: REJECT_REASON_NAMES[reason], index: repair.index });
    }
    const discarded = repairs.find((repair) => repair.action === 'discarded');
    return { persisted, discardedFrom: discarded?.index ?? 0 };
  }

  /** A scheduled restart (after a leader crash): only if the node is still down from that crash. */
  handleRestart(event: SimulationEvent): void {
    const host = this.parts.hosts[event.subject - 1]!;
    if (host.restartable && host.incarnation === event.tag) this.restart(host);
  }

  /** Moves the node's next tick (of its live chain) to `atUs`. */
  setNextTick(host: NodeHost, atUs: number): void {
    this.parts.loop.setNextTick(host, atUs);
  }

  pause(host: NodeHost): void {
    host.paused = true;
    this.parts.loop.stopTicks(host);
    this.parts.cluster.node(host.id).paused = true;
    this.parts.trace.record(TraceKind.pause, this.parts.loop.nowUs, host.id, 0, 0, 0);
  }

  resume(host: NodeHost): void {
    const { loop, network, cluster, trace } = this.parts;
    host.paused = false;
    cluster.node(host.id).paused = false;
    trace.record(TraceKind.resume, loop.nowUs, host.id, 0, network.heldFor(host.id), 0);
    network.releaseHeld(host.id);
    loop.scheduleTicks(host, host.tickPeriodUs);
  }
}
