/**
 * The operator of the cluster's membership: it asks a leader for single-server changes (§4.2),
 * switches a spare server on as the change that adds it goes out, and shuts down servers that a
 * committed configuration leaves out.
 */
import type { ProposeResult } from '../../core/contract.js';
import type { Entry, NodeId } from '../../core/types.js';
import type { ObservedCluster } from '../checking/observed-cluster.js';
import { EventKind } from '../events.js';
import type { SimulationScheduler } from '../events.js';
import { TraceKind } from '../trace/trace.js';
import type { TraceRecorder } from '../trace/trace.js';
import type { NodeHost } from './host.js';
import type { HostLifecycle } from './lifecycle.js';
import type { NodeControl } from './node-control.js';

export class MembershipOperator {
  /** Nodes that have been in a committed configuration: once removed from it, they are retired. */
  private readonly everMembers: Set<NodeId>;
  /** Spares switched on for an add not yet seen committed. */
  private readonly joining = new Set<NodeId>();

  constructor(
    initialMembers: readonly NodeId[],
    private readonly hosts: readonly NodeHost[],
    private readonly cluster: ObservedCluster,
    private readonly lifecycle: HostLifecycle,
    private readonly control: NodeControl,
    private readonly scheduler: SimulationScheduler,
    private readonly trace: TraceRecorder,
  ) {
    this.everMembers = new Set(initialMembers);
  }

  /**
   * Asks the leader to add or remove `node`; `detail` is what the trace records of the request.
   * Returns whether the leader took the change.
   */
  propose(leader: NodeHost, add: boolean, node: NodeId, detail: object): boolean {
    const record = (result: ProposeResult) =>
      this.trace.record(TraceKind.membershipChange, this.scheduler.nowUs, leader.id, node, result.accepted ? result.index : 0, add ? 1 : 0, {
        ...detail,
        node,
        ...(result.accepted ? {} : { refused: result.reason ?? 'refused' }),
      });
    const result = this.control.proposeConfigChange(leader, add ? { type: 'add', node } : { type: 'remove', node }, record);
    const joining = this.hosts[node - 1]!;
    if (result.accepted && joining.dormant) this.switchOn(joining);
    return result.accepted;
  }

  /** A server never in a committed configuration (as far as the observed history goes), nor retired. */
  isSpare(node: NodeId): boolean {
    return !this.hosts[node - 1]!.retired && !this.everMembers.has(node) && !this.cluster.committedConfiguration().includes(node);
  }

  /** A new leader: a failed add shows as a leader without the server in its configuration, commits or not. */
  leaderElected(): void {
    if (this.joining.size > 0) this.scheduler.schedule(this.scheduler.nowUs, EventKind.retire, 0, 0, null);
  }

  /** The committed history grew over [fromIndex, toIndex]. */
  observeCommitted(fromIndex: number, entries: readonly (Entry | null)[], toIndex: number): void {
    let configChanged = false;
    for (let index = fromIndex; index <= toIndex && !configChanged; index++) configChanged = entries[index]?.kind === 'config';
    // Retiring crashes nodes, which must not happen in the middle of observing a Ready. An add that
    // failed shows only as other entries committed in its place, so joins are checked on any growth.
    if (configChanged || this.joining.size > 0) this.scheduler.schedule(this.scheduler.nowUs, EventKind.retire, 0, 0, null);
  }

  /**
   * A spare server is switched on as the configuration that adds it goes out: from its disk if it ran
   * before (its add then failed), empty otherwise.
   */
  private switchOn(host: NodeHost): void {
    host.dormant = false;
    this.cluster.node(host.id).dormant = false;
    this.joining.add(host.id);
    this.lifecycle.restart(host);
  }

  /**
   * After a configuration commits. A server it removes is shut down for good, as an operator would
   * decommission it: left running, it would never learn of its removal and would disrupt the cluster
   * with elections (dissertation §4.2.3). A server switched on for an add that was never committed, and
   * that no member's configuration holds any more, is switched off again, its disk kept.
   */
  afterConfigurationCommitted(): void {
    const members = this.cluster.committedConfiguration();
    for (const member of members) {
      this.everMembers.add(member);
      this.joining.delete(member);
    }
    for (const host of this.hosts) {
      if (host.retired || host.dormant || members.includes(host.id)) continue;
      if (this.everMembers.has(host.id)) {
        if (host.up) this.lifecycle.crash(host);
        host.retired = true;
        host.disk.wipe();
        this.cluster.node(host.id).retired = true;
        this.trace.record(TraceKind.retire, this.scheduler.nowUs, host.id, 0, 0, 0);
      } else if (!this.heldByAnyMember(host.id, members)) {
        if (host.up) this.lifecycle.crash(host);
        host.dormant = true;
        this.joining.delete(host.id);
        this.cluster.node(host.id).dormant = true;
        this.trace.record(TraceKind.retire, this.scheduler.nowUs, host.id, 0, 1, 0);
      }
    }
  }

  /** Whether any member that is up holds a configuration with `node` in its log (an add under way). */
  private heldByAnyMember(node: NodeId, members: readonly NodeId[]): boolean {
    return members.some((member) => {
      const observed = this.cluster.node(member);
      return observed.up && this.cluster.configurationOf(observed).includes(node);
    });
  }
}
