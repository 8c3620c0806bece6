/**
 * The clients: a steady stream of commands and of reads, each sent to the node the client believes
 * leads (see workload.ts), and the latency from a command's acceptance to its commit. With the
 * key-value workload, its clients (../kv/kv-clients.ts) take the place of the command stream. The
 * clients stop when the run's liveness phase begins.
 */
import type { ProposeResult } from '../../core/contract.js';
import type { ObservedCluster } from '../checking/observed-cluster.js';
import type { RandomStream } from '../engine/random-streams.js';
import { KvClients } from '../kv/kv-clients.js';
import type { Entry, NodeId } from '../../core/types.js';
import { EventKind } from '../events.js';
import type { SimulationScheduler } from '../events.js';
import type { SimulationOptions } from '../options.js';
import type { RunStats } from '../stats.js';
import type { NodeHost } from './host.js';
import type { NodeControl } from './node-control.js';
import type { ReadLedger } from './reads.js';
import { Workload } from './workload.js';
import type { ProposalTarget, ReadTarget } from './workload.js';

export class Clients implements ProposalTarget, ReadTarget {
  private readonly workload: Workload;
  private readonly commandIntervalUs: number;
  private readonly readIntervalUs: number;
  readonly commitLatenciesUs: number[] = [];
  /** Set when the liveness phase begins: no more commands or reads. */
  stopped = false;
  /** The number of the read being asked. */
  private readNumber = 0;
  /** The key-value workload's clients; null with the digest workload. */
  readonly kv: KvClients | null;

  constructor(
    options: SimulationOptions,
    private readonly hosts: readonly NodeHost[],
    private readonly control: NodeControl,
    private readonly scheduler: SimulationScheduler,
    private readonly reads: ReadLedger,
    private readonly stats: RunStats,
    cluster: ObservedCluster,
    kvRandom: RandomStream | null,
  ) {
    this.workload = new Workload(options.nodeCount);
    const kv = options.workload.kv ?? null;
    this.kv = kv === null || kvRandom === null ? null : new KvClients(kv, options.workload.requestsPerSecond, this.kvServers(cluster), scheduler, kvRandom, () => this.stopped);
    const requestsPerSecond = options.workload.requestsPerSecond;
    this.commandIntervalUs = requestsPerSecond > 0 && this.kv === null ? Math.max(1, Math.round(1_000_000 / requestsPerSecond)) : 0;
    const readsPerSecond = options.workload.readsPerSecond;
    this.readIntervalUs = readsPerSecond > 0 ? Math.max(1, Math.round(1_000_000 / readsPerSecond)) : 0;
  }

  /** Schedules the first command and the first read. */
  start(): void {
    if (this.commandIntervalUs > 0) this.scheduler.schedule(this.commandIntervalUs, EventKind.client, 0, 0, null);
    if (this.readIntervalUs > 0) this.scheduler.schedule(this.readIntervalUs, EventKind.clientRead, 0, 0, null);
    this.kv?.start();
  }

  /** What the key-value clients may do with the servers: what any client does, through the hosts. */
  private kvServers(cluster: ObservedCluster) {
    const hosts = this.hosts;
    const reachable = (node: NodeId) => {
      const host = hosts[node - 1]!;
      return host.up && !host.paused && host.instance !== null ? host : null;
    };
    return {
      nodeCount: hosts.length,
      propose: (node: NodeId, command: string) => {
        const host = reachable(node);
        return host === null ? null : this.control.propose(host, command);
      },
      offersReads: (node: NodeId) => reachable(node)?.instance?.read !== undefined,
      read: (node: NodeId, context: number) => {
        const host = reachable(node);
        return host !== null && this.control.read(host, context, false);
      },
      believedLeader: (node: NodeId) => (reachable(node) === null ? null : cluster.node(node).leaderId),
      nextReadContext: () => this.reads.nextReadNumber(),
    };
  }

  handleCommand(): void {
    if (this.stopped) return;
    this.scheduler.schedule(this.scheduler.nowUs + this.commandIntervalUs, EventKind.client, 0, 0, null);
    this.workload.step(this.scheduler.nowUs, this);
  }

  /** A client asks the node it believes leads for a read (dissertation §6.4). */
  handleRead(): void {
    if (this.stopped) return;
    this.scheduler.schedule(this.scheduler.nowUs + this.readIntervalUs, EventKind.clientRead, 0, 0, null);
    this.readNumber = this.reads.nextReadNumber();
    this.workload.read(this);
  }

  propose(node: NodeId, command: string): ProposeResult | null {
    const host = this.hosts[node - 1]!;
    if (!host.up || host.paused) return null;
    return this.control.propose(host, command);
  }

  read(node: NodeId): boolean {
    const host = this.hosts[node - 1]!;
    if (!host.up || host.paused) return false;
    return this.control.read(host, this.readNumber);
  }

  /** The committed history grew over [fromIndex, toIndex]: commands of these clients are done. */
  observeCommitted(fromIndex: number, entries: readonly (Entry | null)[], toIndex: number): void {
    for (let index = fromIndex; index <= toIndex; index++) {
      const entry = entries[index];
      if (entry === null || entry === undefined || entry.kind !== 'command') continue;
      this.stats.commandsCommitted++;
      const proposedAtUs = this.workload.proposedAtUs.get(entry.command);
      if (proposedAtUs !== undefined) {
        this.commitLatenciesUs.push(this.scheduler.nowUs - proposedAtUs);
        this.workload.proposedAtUs.delete(entry.command);
      }
    }
  }
}
