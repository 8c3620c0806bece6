/**
 * Carries out fault actions at their times: each scheduled as an event, resolved against the cluster
 * as it is then, and recorded in the trace (or recorded as skipped when it had nothing to act on).
 * Changes made for a period are undone by events of their own.
 */
import type { NodeId } from '../../core/types.js';
import type { HostLifecycle } from '../cluster/lifecycle.js';
import type { NodeHost } from '../cluster/host.js';
import type { MembershipOperator } from '../cluster/membership.js';
import type { Network } from '../cluster/network.js';
import type { NodeControl } from '../cluster/node-control.js';
import type { ObservedCluster } from '../checking/observed-cluster.js';
import { RandomStream, STREAM } from '../engine/random-streams.js';
import { EventKind } from '../events.js';
import type { SimulationLoop } from '../events.js';
import type { SimulationOptions } from '../options.js';
import type { RunStats } from '../stats.js';
import { TraceKind } from '../trace/trace.js';
import type { TraceRecorder } from '../trace/trace.js';
import type { FaultAction, NodeRef, NodeSelection, TimedFault } from './actions.js';
import type { NodeSelector } from './selectors.js';

/** The actions that break something, as opposed to those that repair it or only observe. */
const INJECTING_ACTIONS: ReadonlySet<FaultAction['type']> = new Set([
  'partition',
  'isolate',
  'cut',
  'crash',
  'pause',
  'network',
  'clock-drift',
  'align-timers',
  'transfer-leadership',
  'add-server',
  'remove-server',
]);

export interface FaultParts {
  readonly options: SimulationOptions;
  readonly members: readonly NodeId[];
  readonly hosts: readonly NodeHost[];
  readonly loop: SimulationLoop;
  readonly network: Network;
  readonly lifecycle: HostLifecycle;
  readonly control: NodeControl;
  readonly membership: MembershipOperator;
  readonly cluster: ObservedCluster;
  readonly select: NodeSelector;
  readonly trace: TraceRecorder;
  readonly stats: RunStats;
  /** Switches every other part to the liveness phase (see liveness.ts). */
  readonly settle: () => void;
}

export class FaultInterpreter {
  /** Every fault action, those of the options first; a fault event carries its index here. */
  private readonly actions: FaultAction[] = [];
  /** For each fault action, the number of the event at which it ran. */
  private readonly actionEvents: number[] = [];
  /** Undo actions of network changes made for a period; an undo event carries its index. */
  private readonly undos: (() => void)[] = [];
  /** Set when the liveness phase begins: nothing may break the cluster again. */
  settled = false;
  private alignments = 0;
  private proposals = 0;
  private readonly tickUs: number;

  constructor(private readonly parts: FaultParts) {
    this.tickUs = Math.round(parts.options.tickMs * 1000);
  }

  /** Schedules the faults of the options, each at its time. */
  scheduleAll(faults: readonly TimedFault[]): void {
    for (const fault of faults) {
      this.actions.push(fault.action);
      this.parts.loop.schedule(Math.round(fault.atMs * 1000), EventKind.fault, 0, this.actions.length - 1, null);
    }
  }

  /** Schedules a fault action at a virtual time (not before now); returns its index. */
  schedule(atUs: number, action: FaultAction): number {
    this.actions.push(action);
    this.parts.loop.schedule(Math.max(Math.round(atUs), this.parts.loop.nowUs), EventKind.fault, 0, this.actions.length - 1, null);
    return this.actions.length - 1;
  }

  /** The number of the event at which a scheduled action ran; undefined if it has not run. */
  eventOfAction(index: number): number | undefined {
    return this.actionEvents[index];
  }

  /** The fault event of action `index` comes up. */
  handleFault(index: number): void {
    const { loop, stats, trace } = this.parts;
    this.actionEvents[index] = loop.eventCount;
    const action = this.actions[index]!;
    if (this.carryOut(action)) {
      stats.faultsApplied++;
    } else {
      stats.faultsSkipped++;
      trace.record(TraceKind.faultSkipped, loop.nowUs, 0, 0, 0, 0, action);
    }
  }

  /** A change made for a period comes to its end. */
  handleUndo(index: number): void {
    // Settling already put every link back; undoing now could bring back an earlier change.
    if (this.settled) return;
    this.undos[index]!();
    this.parts.trace.record(TraceKind.networkChange, this.parts.loop.nowUs, 0, 0, 1, 0, { type: 'restore-network' });
  }

  /** Returns false when the action had nothing to act on (no leader, node already down, …). */
  private carryOut(action: FaultAction): boolean {
    // Once settled, the run is in its liveness phase: nothing may break the cluster again.
    if (this.settled && INJECTING_ACTIONS.has(action.type)) return false;
    const { network, trace, select, lifecycle, loop } = this.parts;
    const nowUs = loop.nowUs;
    switch (action.type) {
      case 'partition': {
        const groups = select.resolveGroups(action.groups);
        network.partition(groups);
        trace.record(TraceKind.partition, nowUs, 0, 0, groups.length, 0, { ...action, groups });
        return true;
      }
      case 'isolate': {
        const node = select.resolveRef(action.node);
        if (node === null) return false;
        network.isolate(node);
        trace.record(TraceKind.partition, nowUs, node, 0, 0, 0, { ...action, node });
        return true;
      }
      case 'cut':
        return this.cut(action);
      case 'heal':
        network.heal();
        trace.record(TraceKind.heal, nowUs, 0, 0, 0, 0, action);
        return true;
      case 'crash':
        return this.forEachHost(action.nodes, (host) => host.up, (host) => lifecycle.crash(host));
      case 'restart':
        return this.forEachHost(action.nodes === 'crashed' ? 'all' : action.nodes, (host) => host.restartable, (host) => lifecycle.restart(host));
      case 'pause':
        return this.forEachHost(action.nodes, (host) => host.up && !host.paused, (host) => lifecycle.pause(host));
      case 'resume':
        return this.forEachHost(action.nodes === 'paused' ? 'all' : action.nodes, (host) => host.up && host.paused, (host) => lifecycle.resume(host));
      case 'network':
        return this.changeNetwork(action);
      case 'restore-network':
        network.restore(this.parts.options.network);
        // In the liveness phase the network's own loss, duplication and reordering stay off.
        if (this.settled) network.stopMisbehaving();
        trace.record(TraceKind.networkChange, nowUs, 0, 0, 0, 0, action);
        return true;
      case 'clock-drift': {
        const host = this.hostFor(select.resolveRef(action.node));
        if (host === null || !(action.rate > 0)) return false;
        // The new rate applies from the node's next tick on.
        host.tickPeriodUs = Math.max(1, Math.round(this.tickUs / action.rate));
        trace.record(TraceKind.clockDrift, nowUs, host.id, 0, host.tickPeriodUs, 0, action);
        return true;
      }
      case 'align-timers':
        return this.alignTimers(select.resolveNodes(action.nodes), action);
      case 'propose':
        return this.proposeDirectly(action.to ?? 'leader', action.count);
      case 'settle':
        this.parts.settle();
        return true;
      case 'transfer-leadership':
        return this.transferLeadership(action);
      case 'add-server':
      case 'remove-server':
        return this.changeMembership(action);
    }
  }

  private cut(action: Extract<FaultAction, { type: 'cut' }>): boolean {
    const { select, network, trace, loop } = this.parts;
    const from = select.resolveNodes(action.from);
    const to = select.resolveNodes(action.to);
    let cuts = 0;
    for (const sender of from) {
      for (const receiver of to) {
        if (sender === receiver) continue;
        network.cutLink(sender, receiver);
        cuts++;
      }
    }
    if (cuts === 0) return false;
    trace.record(TraceKind.cut, loop.nowUs, from[0]!, to[0]!, cuts, 0, { ...action, from, to });
    return true;
  }

  /**
   * Asks the leader to add or remove one server (§4.2). `spare` names the lowest-numbered node outside
   * the leader's configuration that was never retired; `follower`, a member other than the leader.
   */
  private changeMembership(action: Extract<FaultAction, { type: 'add-server' | 'remove-server' }>): boolean {
    const { select, cluster, control, membership, members: allNodes, hosts } = this.parts;
    const leader = this.hostFor(select.resolveRef('leader'));
    if (leader === null || leader.paused || !control.takesConfigChanges(leader)) return false;
    const members = cluster.configurationOf(cluster.node(leader.id));
    let node: NodeId | null;
    if (action.node === 'spare') {
      node = allNodes.find((id) => !members.includes(id) && membership.isSpare(id)) ?? null;
    } else if (action.node === 'follower') {
      node = members.find((id) => id !== leader.id) ?? null;
    } else {
      node = select.resolveRef(action.node);
    }
    if (node === null || hosts[node - 1]!.retired) return false;
    // A server that was a member once is decommissioned once removed, never added back.
    if (action.type === 'add-server' && !membership.isSpare(node)) return false;
    if (action.type === 'remove-server' && action.keepAtLeast !== undefined && members.length - 1 < action.keepAtLeast) return false;
    return membership.propose(leader, action.type === 'add-server', node, action);
  }

  private forEachHost(selection: NodeSelection, applies: (host: NodeHost) => boolean, act: (host: NodeHost) => void): boolean {
    const hosts = this.parts.select
      .resolveNodes(selection)
      .map((node) => this.parts.hosts[node - 1]!)
      .filter(applies);
    for (const host of hosts) act(host);
    return hosts.length > 0;
  }

  private changeNetwork(action: Extract<FaultAction, { type: 'network' }>): boolean {
    const { network, trace, loop, select, members } = this.parts;
    const reset = action.reset === true;
    if (action.from === undefined && action.to === undefined) {
      const before = network.globalSettings();
      if (reset) network.restore(this.parts.options.network);
      else network.change(action.change);
      trace.record(TraceKind.networkChange, loop.nowUs, 0, 0, 0, 0, action);
      this.undoLater(action.forMs, () => network.restoreGlobalSettings(before));
      return true;
    }
    // Roles are resolved once, now: the undo applies to these links whoever leads by then.
    const from = action.from === undefined ? members : select.resolveNodes(action.from);
    const to = action.to === undefined ? members : select.resolveNodes(action.to);
    const before: [NodeId, NodeId, readonly number[]][] = [];
    for (const sender of from) {
      for (const receiver of to) {
        if (sender === receiver) continue;
        before.push([sender, receiver, network.linkSettings(sender, receiver)]);
        network.changeLink(sender, receiver, action.change, reset);
      }
    }
    if (before.length === 0) return false;
    trace.record(TraceKind.networkChange, loop.nowUs, from.length === 1 ? from[0]! : 0, to.length === 1 ? to[0]! : 0, before.length, 0, action);
    this.undoLater(action.forMs, () => {
      for (const [sender, receiver, settings] of before) network.restoreLinkSettings(sender, receiver, settings);
    });
    return true;
  }

  private undoLater(forMs: number | undefined, undo: () => void): void {
    if (forMs === undefined) return;
    this.undos.push(undo);
    this.parts.loop.schedule(this.parts.loop.nowUs + Math.round(forMs * 1000), EventKind.undo, 0, this.undos.length - 1, null);
  }

  /**
   * Aligned nodes tick at the same instants and draw their election timeouts from copies of one stream,
   * so nodes that hear the same heartbeats time out on the same tick. An empty set ends every alignment.
   */
  private alignTimers(nodes: readonly NodeId[], action: FaultAction): boolean {
    const { hosts: allHosts, trace, loop, options } = this.parts;
    if (nodes.length === 0) {
      for (const host of allHosts) host.timerRandom.use(null);
      trace.record(TraceKind.alignTimers, loop.nowUs, 0, 0, 0, 0, action);
      return true;
    }
    const alignment = ++this.alignments;
    const hosts = nodes.map((node) => allHosts[node - 1]!).filter((host) => host.up && !host.paused);
    if (hosts.length === 0) return false;
    const nextTickUs = Math.max(...hosts.map((host) => (host.tickPending ? host.nextTickUs : loop.nowUs + host.tickPeriodUs)));
    for (const host of hosts) {
      host.timerRandom.use(new RandomStream(options.seed, STREAM.alignedTimers(alignment)));
      host.tickPeriodUs = this.tickUs;
      loop.setNextTick(host, nextTickUs);
    }
    trace.record(TraceKind.alignTimers, loop.nowUs, hosts[0]!.id, 0, hosts.length, 0, { ...action, nodes: hosts.map((host) => host.id) });
    return true;
  }

  private proposeDirectly(target: NodeRef, count: number): boolean {
    const host = this.hostFor(this.parts.select.resolveRef(target));
    if (host === null || !host.up || host.paused) return false;
    let accepted = 0;
    for (let index = 0; index < Math.min(count, 100_000); index++) {
      const result = this.parts.control.propose(host, `p${++this.proposals}`, false);
      if (!result.accepted) break;
      accepted++;
    }
    return accepted > 0;
  }

  private transferLeadership(action: Extract<FaultAction, { type: 'transfer-leadership' }>): boolean {
    const { select, trace, loop, control } = this.parts;
    // The successor is chosen before the leader, so that `follower` names a node other than it.
    const leader = this.hostFor(select.resolveRef('leader'));
    const successor = select.resolveRef(action.to);
    if (leader === null || successor === null || successor === leader.id) return false;
    return control.transferLeadership(leader, successor, (accepted) => {
      if (accepted) trace.record(TraceKind.leadershipTransfer, loop.nowUs, leader.id, successor, 0, 0, action);
    });
  }

  private hostFor(node: NodeId | null): NodeHost | null {
    return node === null ? null : (this.parts.hosts[node - 1] ?? null);
  }
}
