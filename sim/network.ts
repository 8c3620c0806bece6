/**
 * The simulated network: which links carry messages (partitions, one-way cuts), how long a message
 * takes, and whether it is lost, duplicated or held back. All of it can change during a run. Random
 * draws come from the network's own stream.
 */
import type { NodeId } from '../core/types.js';
import type { LinkChange } from './faults.js';
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
  /** Extra one-way delay on every link. */
  private delayUs = 0;
  // Per-link settings, by from * stride + to; NaN where the link follows the network-wide value.
  private readonly linkLossRate: Float64Array;
  private readonly linkDuplicateRate: Float64Array;
  private readonly linkReorderRate: Float64Array;
  private readonly linkDelayUs: Float64Array;
  /** How many links have a setting of their own; while none do, every draw takes the fast path. */
  private linksWithSettings = 0;
  private readonly linkHasSettings: Uint8Array;
  /** The latest arrival time scheduled on each link, which keeps a link first-in first-out. */
  private readonly lastArrivalUs: Float64Array;

  constructor(
    readonly nodeCount: number,
    options: NetworkOptions,
    private readonly random: RandomStream,
  ) {
    this.options = options;
    this.copyHotOptions();
    this.stride = nodeCount + 1;
    this.group = new Int32Array(nodeCount + 1);
    const links = this.stride * this.stride;
    this.cut = new Uint8Array(links);
    this.linkLossRate = new Float64Array(links).fill(Number.NaN);
    this.linkDuplicateRate = new Float64Array(links).fill(Number.NaN);
    this.linkReorderRate = new Float64Array(links).fill(Number.NaN);
    this.linkDelayUs = new Float64Array(links).fill(Number.NaN);
    this.linkHasSettings = new Uint8Array(links);
    this.lastArrivalUs = new Float64Array(links);
  }

  currentOptions(): NetworkOptions {
    return this.options;
  }

  /** Changes the network-wide settings; links with settings of their own keep them. */
  change(change: LinkChange & Partial<NetworkOptions>): void {
    const { delayMs, ...rest } = change;
    this.options = { ...this.options, ...rest };
    if (this.options.latencyMaxMs < this.options.latencyMinMs) {
      this.options = { ...this.options, latencyMaxMs: this.options.latencyMinMs };
    }
    if (delayMs !== undefined) this.delayUs = Math.round(delayMs * 1000);
    this.copyHotOptions();
  }

  /** Back to `defaults` everywhere: network-wide settings, extra delay and every link's own settings. */
  restore(defaults: NetworkOptions): void {
    this.options = defaults;
    this.delayUs = 0;
    this.copyHotOptions();
    this.linkLossRate.fill(Number.NaN);
    this.linkDuplicateRate.fill(Number.NaN);
    this.linkReorderRate.fill(Number.NaN);
    this.linkDelayUs.fill(Number.NaN);
    this.linkHasSettings.fill(0);
    this.linksWithSettings = 0;
  }

  /** What `change` would alter network-wide, so that it can be put back exactly. */
  globalSettings(): { readonly options: NetworkOptions; readonly delayUs: number } {
    return { options: this.options, delayUs: this.delayUs };
  }

  restoreGlobalSettings(settings: { readonly options: NetworkOptions; readonly delayUs: number }): void {
    this.options = settings.options;
    this.delayUs = settings.delayUs;
    this.copyHotOptions();
  }

  /** A link's own settings (NaN where it follows the network), so that they can be put back exactly. */
  linkSettings(from: NodeId, to: NodeId): readonly number[] {
    const slot = from * this.stride + to;
    return [this.linkLossRate[slot]!, this.linkDuplicateRate[slot]!, this.linkReorderRate[slot]!, this.linkDelayUs[slot]!, this.linkHasSettings[slot]!];
  }

  restoreLinkSettings(from: NodeId, to: NodeId, settings: readonly number[]): void {
    const slot = from * this.stride + to;
    this.linkLossRate[slot] = settings[0]!;
    this.linkDuplicateRate[slot] = settings[1]!;
    this.linkReorderRate[slot] = settings[2]!;
    this.linkDelayUs[slot] = settings[3]!;
    const had = this.linkHasSettings[slot]!;
    this.linkHasSettings[slot] = settings[4]!;
    this.linksWithSettings += settings[4]! - had;
  }

  /** Gives the link from → to settings of its own, or (reset) returns it to the network-wide ones. */
  changeLink(from: NodeId, to: NodeId, change: LinkChange, reset: boolean): void {
    const slot = from * this.stride + to;
    if (reset) {
      this.linkLossRate[slot] = Number.NaN;
      this.linkDuplicateRate[slot] = Number.NaN;
      this.linkReorderRate[slot] = Number.NaN;
      this.linkDelayUs[slot] = Number.NaN;
      if (this.linkHasSettings[slot] === 1) this.linksWithSettings--;
      this.linkHasSettings[slot] = 0;
      return;
    }
    if (change.lossRate !== undefined) this.linkLossRate[slot] = change.lossRate;
    if (change.duplicateRate !== undefined) this.linkDuplicateRate[slot] = change.duplicateRate;
    if (change.reorderRate !== undefined) this.linkReorderRate[slot] = change.reorderRate;
    if (change.delayMs !== undefined) this.linkDelayUs[slot] = Math.round(change.delayMs * 1000);
    if (this.linkHasSettings[slot] === 0) this.linksWithSettings++;
    this.linkHasSettings[slot] = 1;
  }

  connected(from: NodeId, to: NodeId): boolean {
    if (this.partitioned && this.group[from] !== this.group[to]) return false;
    return this.cutCount === 0 || this.cut[from * this.stride + to] === 0;
  }

  /** Nodes left out of every group are each alone; a node named in two groups belongs to the later. */
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
    // Negative numbers are never handed out by partition(), so the node shares its group with no one.
    this.group[node] = -node;
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

  drawLoss(from: NodeId, to: NodeId): boolean {
    return this.random.chance(this.linkSetting(this.linkLossRate, from, to, this.lossRate));
  }

  drawDuplicate(from: NodeId, to: NodeId): boolean {
    return this.random.chance(this.linkSetting(this.linkDuplicateRate, from, to, this.duplicateRate));
  }

  /** A one-way delay in microseconds; sometimes much longer, so that later messages overtake it. */
  drawLatencyUs(from: NodeId, to: NodeId): number {
    return this.drawDelivery(from, to).latencyUs;
  }

  /**
   * When a message sent now arrives. Like a TCP connection, a link delivers in the order of sending:
   * a message drawn to arrive before an earlier one waits for it. Only a message the reorder rate holds
   * back arrives out of order, later than those sent after it.
   */
  arrivalTimeUs(from: NodeId, to: NodeId, nowUs: number): number {
    const { latencyUs, heldBack } = this.drawDelivery(from, to);
    const slot = from * this.stride + to;
    if (heldBack) return nowUs + latencyUs;
    const arrival = Math.max(nowUs + latencyUs, this.lastArrivalUs[slot]!);
    this.lastArrivalUs[slot] = arrival;
    return arrival;
  }

  private drawDelivery(from: NodeId, to: NodeId): { latencyUs: number; heldBack: boolean } {
    const maxUs = this.latencyMaxUs;
    const latencyUs = this.random.int(this.latencyMinUs, maxUs) + this.linkSetting(this.linkDelayUs, from, to, this.delayUs);
    if (!this.random.chance(this.linkSetting(this.linkReorderRate, from, to, this.reorderRate))) return { latencyUs, heldBack: false };
    return { latencyUs: latencyUs + this.random.int(maxUs, 3 * maxUs + 1000), heldBack: true };
  }

  private linkSetting(settings: Float64Array, from: NodeId, to: NodeId, networkWide: number): number {
    if (this.linksWithSettings === 0) return networkWide;
    const own = settings[from * this.stride + to]!;
    return Number.isNaN(own) ? networkWide : own;
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
