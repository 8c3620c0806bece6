/**
 * The simulated network: which links carry messages (partitions, one-way cuts), how long a message
 * takes, and whether it is lost, duplicated or held back. All of it can change during a run. Random
 * draws come from the network's own stream.
 */
import type { NodeId } from '../core/types.js';
import type { NetworkChange } from './faults.js';
import type { NetworkOptions } from './options.js';
import type { RandomStream } from './random-streams.js';

export class Network {
  private options: NetworkOptions;
  // The options read for every message, copied into fields of this class. Options objects are built
  // afresh for each run, and a new run's could take a new hidden shape in the engine, which made the
  // code that read them on every message be compiled again.
  private lossRate = 0;
  private duplicateRate = 0;
  private reorderRate = 0;
  private latencyMinUs = 0;
  private latencyMaxUs = 0;
  /** group[node]: messages cross only between nodes of the same group. */
  private readonly group: Int32Array;
  /** cut[from * stride + to]: the one-way link from → to is down. */
  private readonly cut: Uint8Array;
  private readonly stride: number;
  private cutCount = 0;
  private partitioned = false;
  /** Extra one-way latency for messages to or from a node (a slow node). */
  private readonly extraLatencyUs: Float64Array;

  constructor(
    readonly nodeCount: number,
    options: NetworkOptions,
    private readonly random: RandomStream,
  ) {
    this.options = options;
    this.copyHotOptions();
    this.stride = nodeCount + 1;
    this.group = new Int32Array(nodeCount + 1);
    this.cut = new Uint8Array(this.stride * this.stride);
    this.extraLatencyUs = new Float64Array(nodeCount + 1);
  }

  currentOptions(): NetworkOptions {
    return this.options;
  }

  change(change: NetworkChange): void {
    this.options = { ...this.options, ...change };
    if (this.options.latencyMaxMs < this.options.latencyMinMs) {
      this.options = { ...this.options, latencyMaxMs: this.options.latencyMinMs };
    }
    this.copyHotOptions();
  }

  connected(from: NodeId, to: NodeId): boolean {
    if (this.partitioned && this.group[from] !== this.group[to]) return false;
    return this.cutCount === 0 || this.cut[from * this.stride + to] === 0;
  }

  /** Nodes left out of every group are each alone. */
  partition(groups: readonly (readonly NodeId[])[]): void {
    let nextGroup = groups.length + 1;
    for (let node = 1; node <= this.nodeCount; node++) this.group[node] = nextGroup++;
    groups.forEach((members, groupIndex) => {
      for (const node of members) this.group[node] = groupIndex + 1;
    });
    this.partitioned = true;
  }

  isolate(node: NodeId): void {
    if (!this.partitioned) {
      this.group.fill(0);
      this.partitioned = true;
    }
    this.group[node] = this.nodeCount + 1 + node;
  }

  cutLink(from: NodeId, to: NodeId): void {
    const slot = from * this.stride + to;
    if (this.cut[slot] === 0) this.cutCount++;
    this.cut[slot] = 1;
  }

  heal(): void {
    this.group.fill(0);
    this.cut.fill(0);
    this.cutCount = 0;
    this.partitioned = false;
  }

  setExtraLatency(node: NodeId, extraMs: number): void {
    this.extraLatencyUs[node] = Math.round(extraMs * 1000);
  }

  drawLoss(): boolean {
    return this.random.chance(this.lossRate);
  }

  drawDuplicate(): boolean {
    return this.random.chance(this.duplicateRate);
  }

  /** A one-way delay in microseconds; sometimes much longer, so that the message overtakes none. */
  drawLatencyUs(from: NodeId, to: NodeId): number {
    const maxUs = this.latencyMaxUs;
    let latency = this.random.int(this.latencyMinUs, maxUs) + this.extraLatencyUs[from]! + this.extraLatencyUs[to]!;
    if (this.random.chance(this.reorderRate)) latency += this.random.int(maxUs, 3 * maxUs + 1000);
    return latency;
  }

  private copyHotOptions(): void {
    const options = this.options;
    this.lossRate = options.lossRate;
    this.duplicateRate = options.duplicateRate;
    this.reorderRate = options.reorderRate;
    this.latencyMinUs = Math.round(options.latencyMinMs * 1000);
    this.latencyMaxUs = Math.round(options.latencyMaxMs * 1000);
  }

  /** A human-readable account of the current cuts, for timelines. */
  describeGroups(): string {
    if (!this.partitioned) return 'connected';
    const groups = new Map<number, NodeId[]>();
    for (let node = 1; node <= this.nodeCount; node++) {
      const members = groups.get(this.group[node]!) ?? [];
      members.push(node);
      groups.set(this.group[node]!, members);
    }
    return [...groups.values()].map((members) => `{${members.join(',')}}`).join(' | ');
  }
}
