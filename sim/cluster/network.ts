/**
 * The simulated network: which links carry messages (partitions, one-way cuts), how long a message
 * takes, and whether it is lost, duplicated or held back. All of it can change during a run. Random
 * draws come from the network's own stream. Once connected to a cluster (see connect), it owns the
 * messages in flight: it takes what nodes send, decides their fate, schedules their arrival, drops
 * those that can no longer be delivered when they arrive, and hands the rest to the receiver.
 */
import type { Message } from '../../core/messages.js';
import type { Attacks } from './attacks.js';
import type { NodeId } from '../../core/types.js';
import type { LinkChange } from '../faults/actions.js';
import type { NetworkOptions } from '../options.js';
import type { RandomStream } from '../engine/random-streams.js';
import { EventKind } from '../events.js';
import type { SimulationEvent, SimulationScheduler } from '../events.js';
import type { RunStats } from '../stats.js';
import { DropReason, TraceKind } from '../trace/trace.js';
import type { TraceRecorder } from '../trace/trace.js';

/** What the network needs to know of a node to deliver to it. */
export interface Endpoint {
  readonly up: boolean;
  readonly paused: boolean;
  /** Bumped by every restart: a message sent to an earlier incarnation is lost. */
  readonly incarnation: number;
}

/** Where delivered messages go. */
export interface Receiver {
  receive(message: Message): void;
}

export interface NetworkConnections {
  /** Endpoints by node number - 1. */
  readonly endpoints: readonly Endpoint[];
  readonly scheduler: SimulationScheduler;
  readonly trace: TraceRecorder;
  readonly stats: RunStats;
  readonly receiver: Receiver;
}

/** Messages of one type dropped on some links for as long as the filter is in place (a drop-messages fault). */
export class MessageFilter {
  /** Messages dropped so far. */
  dropped = 0;

  constructor(
    readonly messageType: Message['type'],
    /** links[from * stride + to] is 1 on the links covered. */
    readonly links: Uint8Array,
  ) {}
}

/** Messages that arrive at a paused process wait in its socket buffer, up to this many. */
const MAX_HELD_WHILE_PAUSED = 10_000;

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
  private reorderDelayMaxUs = 0;
  private requestLossRate = 0;
  private replyLossRate = 0;
  private tailRate = 0;
  private tailDelayMaxUs = 0;
  /** group[node]: messages cross only between nodes of the same group. */
  private readonly group: Int32Array;
  /** The group each isolated node was in when it was isolated, which reconnect returns it to. */
  private readonly groupBeforeIsolation: Int32Array;
  /** cut[from * stride + to]: the one-way link from → to is down. */
  private readonly cut: Uint8Array;
  private readonly stride: number;
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
  /** Set by drawDelivery. */
  // Stryker disable next-line BooleanLiteral: drawDelivery sets heldBack before anything reads it, so its first value is never read
  private heldBack = false;
  // Set by connect.
  private endpoints: readonly Endpoint[] = [];
  private scheduler!: SimulationScheduler;
  private trace!: TraceRecorder;
  private stats!: RunStats;
  private receiver!: Receiver;
  /** Called with every message sent, when something watches (a scenario counting messages). */
  private sentListener: ((message: Message) => void) | null = null;
  /** Filters in place; empty in nearly every run, so that a message costs one length check. */
  private readonly filters: MessageFilter[] = [];
  /** Attacks on messages in flight, beyond Raft's fault model; null when the run has none to make. */
  attacks: Attacks | null = null;
  private readonly receive = (message: Message): void => this.receiver.receive(message);
  /** By node number - 1: messages that arrived while the node was paused, and the records of their sending. */
  private readonly heldWhilePaused: Message[][];
  private readonly heldRecordedAs: number[][];

  constructor(
    readonly nodeCount: number,
    options: NetworkOptions,
    private readonly random: RandomStream,
  ) {
    this.options = options;
    this.copyHotOptions();
    this.stride = nodeCount + 1;
    this.group = new Int32Array(nodeCount + 1);
    this.groupBeforeIsolation = new Int32Array(nodeCount + 1);
    const links = this.stride * this.stride;
    this.cut = new Uint8Array(links);
    this.linkLossRate = new Float64Array(links).fill(Number.NaN);
    this.linkDuplicateRate = new Float64Array(links).fill(Number.NaN);
    this.linkReorderRate = new Float64Array(links).fill(Number.NaN);
    this.linkDelayUs = new Float64Array(links).fill(Number.NaN);
    this.linkHasSettings = new Uint8Array(links);
    this.lastArrivalUs = new Float64Array(links);
    this.heldWhilePaused = Array.from({ length: nodeCount }, () => []);
    this.heldRecordedAs = Array.from({ length: nodeCount }, () => []);
  }

  connect(connections: NetworkConnections): void {
    this.endpoints = connections.endpoints;
    this.scheduler = connections.scheduler;
    this.trace = connections.trace;
    this.stats = connections.stats;
    this.receiver = connections.receiver;
  }

  watchSent(listener: (message: Message) => void): void {
    this.sentListener = listener;
  }

  /** Takes a message `sender` sent: it is lost, or scheduled to arrive (and perhaps duplicated). */
  send(message: Message, sender: NodeId): void {
    this.stats.messagesSent++;
    // Later records of this message (its delivery, a drop, a duplicate) refer to this one.
    const recordedAs = this.trace.recordMessage(TraceKind.send, this.scheduler.nowUs, message, 0);
    if (this.sentListener !== null) this.sentListener(message);
    if (this.endpoints[message.to - 1] === undefined || message.from !== sender) {
      throw new Error(`sent a message from ${message.from} to ${message.to}, which is not a peer`);
    }
    if (!this.connected(message.from, message.to)) return this.drop(message, DropReason.partition, recordedAs);
    if (this.filtered(message)) return this.drop(message, DropReason.filtered, recordedAs);
    if (this.drawLoss(message.from, message.to) || this.drawLossByKind(message)) return this.drop(message, DropReason.loss, recordedAs);
    this.deliverLater(message, recordedAs);
    if (this.drawDuplicate(message.from, message.to)) {
      this.stats.messagesDuplicated++;
      this.trace.recordMessage(TraceKind.duplicate, this.scheduler.nowUs, message, 0, recordedAs);
      this.deliverLater(message, recordedAs);
    }
  }

  private deliverLater(message: Message, recordedAs: number): void {
    const atUs = this.arrivalTimeUs(message.from, message.to, this.scheduler.nowUs);
    const senderIncarnation = this.endpoints[message.from - 1]!.incarnation;
    const targetIncarnation = this.endpoints[message.to - 1]!.incarnation;
    if (!this.scheduler.schedule(atUs, EventKind.deliver, message.to, targetIncarnation, message, recordedAs, senderIncarnation)) {
      this.drop(message, DropReason.overflow, recordedAs);
    }
  }

  /** A message arrives: delivered, held while its target is paused, or dropped for what happened meanwhile. */
  handleDelivery(event: SimulationEvent): void {
    const message = event.payload!;
    const recordedAs = event.a;
    const target = this.endpoints[message.to - 1]!;
    if (!target.up) return this.drop(message, DropReason.nodeDown, recordedAs);
    if (target.incarnation !== event.tag) return this.drop(message, DropReason.staleIncarnation, recordedAs);
    // A machine that crashes takes with it what it had sent but not yet put on the wire.
    if (event.b >= 0 && this.endpoints[message.from - 1]!.incarnation !== event.b) {
      return this.drop(message, DropReason.senderCrashed, recordedAs);
    }
    if (!this.connected(message.from, message.to)) return this.drop(message, DropReason.partition, recordedAs);
    if (this.filtered(message)) return this.drop(message, DropReason.filtered, recordedAs);
    if (target.paused) {
      const held = this.heldWhilePaused[message.to - 1]!;
      if (held.length >= MAX_HELD_WHILE_PAUSED) return this.drop(message, DropReason.overflow, recordedAs);
      held.push(message);
      this.heldRecordedAs[message.to - 1]!.push(recordedAs);
      return;
    }
    this.stats.messagesDelivered++;
    this.trace.recordMessage(TraceKind.deliver, this.scheduler.nowUs, message, 0, recordedAs);
    const attacks = this.attacks;
    if (attacks !== null && attacks.armed) attacks.deliver(message, this.receive);
    else this.receiver.receive(message);
  }

  private drop(message: Message, reason: DropReason, recordedAs: number): void {
    this.stats.messagesDropped++;
    this.trace.recordMessage(TraceKind.drop, this.scheduler.nowUs, message, reason, recordedAs);
  }

  /** Starts dropping messages of a type on the links from → to given; returns the filter, to remove it later. */
  addFilter(messageType: Message['type'], links: readonly (readonly [NodeId, NodeId])[]): MessageFilter {
    const covered = new Uint8Array(this.stride * this.stride);
    for (const [from, to] of links) covered[from * this.stride + to] = 1;
    const filter = new MessageFilter(messageType, covered);
    this.filters.push(filter);
    return filter;
  }

  removeFilter(filter: MessageFilter): void {
    const index = this.filters.indexOf(filter);
    if (index >= 0) this.filters.splice(index, 1);
  }

  clearFilters(): void {
    this.filters.length = 0;
  }

  /** Whether a filter in place covers the message; it counts the drop. With no filter in place, one length check. */
  private filtered(message: Message): boolean {
    const filters = this.filters;
    for (let index = 0; index < filters.length; index++) {
      const filter = filters[index]!;
      if (filter.messageType === message.type && filter.links[message.from * this.stride + message.to] === 1) {
        filter.dropped++;
        return true;
      }
    }
    return false;
  }

  /** Messages waiting for a paused node. */
  heldFor(node: NodeId): number {
    return this.heldWhilePaused[node - 1]!.length;
  }

  /** A resumed process reads what waited in its socket buffer at once. */
  releaseHeld(node: NodeId): void {
    const held = this.heldWhilePaused[node - 1]!;
    const recordedAs = this.heldRecordedAs[node - 1]!;
    const incarnation = this.endpoints[node - 1]!.incarnation;
    held.forEach((message, index) => {
      this.scheduler.schedule(this.scheduler.nowUs, EventKind.deliver, message.to, incarnation, message, recordedAs[index]!);
    });
    this.forgetHeld(node);
  }

  /** A crash loses what waited in the node's socket buffer. */
  forgetHeld(node: NodeId): void {
    this.heldWhilePaused[node - 1]!.length = 0;
    this.heldRecordedAs[node - 1]!.length = 0;
  }

  /** The liveness phase: every link up, the configured latency, and no loss, duplication, reordering or filter. */
  settle(defaults: NetworkOptions): void {
    this.heal();
    this.clearFilters();
    this.restore(defaults);
    this.stopMisbehaving();
    this.attacks?.stopAll();
  }

  /** Loss, duplication, reordering and long delays are faults too, however they were configured. */
  stopMisbehaving(): void {
    this.change({ lossRate: 0, duplicateRate: 0, reorderRate: 0, requestLossRate: 0, replyLossRate: 0, tailRate: 0 });
  }

  currentOptions(): NetworkOptions {
    return this.options;
  }

  /** Changes the network-wide settings; links with settings of their own keep them. */
  change(change: LinkChange & Partial<NetworkOptions>): void {
    const { delayMs, ...rest } = change;
    this.options = { ...this.options, ...rest };
    // Stryker disable next-line EqualityOperator: `<=` also raises a maximum equal to the minimum, to the same value
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
    // Stryker disable next-line ArithmeticOperator: `+ had` only over-counts; linksWithSettings only picks the fast path when 0, and an over-count reads the NaN of links without settings, the network-wide value
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
      // Stryker disable next-line AssignmentOperator: `+=` only over-counts; linksWithSettings only picks the fast path when 0, and an over-count reads the NaN of links without settings, the network-wide value
      this.linksWithSettings -= this.linkHasSettings[slot]!;
      this.linkHasSettings[slot] = 0;
      return;
    }
    if (change.lossRate !== undefined) this.linkLossRate[slot] = change.lossRate;
    if (change.duplicateRate !== undefined) this.linkDuplicateRate[slot] = change.duplicateRate;
    if (change.reorderRate !== undefined) this.linkReorderRate[slot] = change.reorderRate;
    if (change.delayMs !== undefined) this.linkDelayUs[slot] = Math.round(change.delayMs * 1000);
    // A link is counted when it first gets settings of its own.
    // Stryker disable next-line ArithmeticOperator: `1 + had` only over-counts; linksWithSettings only picks the fast path when 0, and an over-count reads the NaN of links without settings, the network-wide value
    this.linksWithSettings += 1 - this.linkHasSettings[slot]!;
    this.linkHasSettings[slot] = 1;
  }

  connected(from: NodeId, to: NodeId): boolean {
    if (this.partitioned && this.group[from] !== this.group[to]) return false;
    return this.cut[from * this.stride + to] === 0;
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
    if (this.group[node] !== -node) this.groupBeforeIsolation[node] = this.group[node]!;
    // Negative numbers are never handed out by partition(), so the node shares its group with no one.
    this.group[node] = -node;
  }

  /**
   * Heals one node's links: an isolated node goes back to the group it was isolated from, and every cut
   * to or from it ends; partitions between other nodes stay. Returns the node's group after.
   */
  reconnect(node: NodeId): number {
    if (this.group[node] === -node) this.group[node] = this.groupBeforeIsolation[node]!;
    for (let other = 1; other <= this.nodeCount; other++) {
      this.cut[node * this.stride + other] = 0;
      this.cut[other * this.stride + node] = 0;
    }
    return this.group[node]!;
  }

  /** Whether the node is isolated (by isolate, since the last heal, partition or its reconnect). */
  isIsolated(node: NodeId): boolean {
    return this.partitioned && this.group[node] === -node;
  }

  cutLink(from: NodeId, to: NodeId): void {
    this.cut[from * this.stride + to] = 1;
  }

  heal(): void {
    this.group.fill(0);
    this.cut.fill(0);
    this.partitioned = false;
  }

  drawLoss(from: NodeId, to: NodeId): boolean {
    return this.random.chance(this.linkSetting(this.linkLossRate, from, to, this.lossRate));
  }

  /** Requests and replies may each be lost at a rate of their own (draws nothing while both are 0). */
  private drawLossByKind(message: Message): boolean {
    // Checked before the type, so that a run without these settings pays no string test per message.
    if (this.requestLossRate === 0 && this.replyLossRate === 0) return false;
    return this.random.chance(message.type.endsWith('Response') ? this.replyLossRate : this.requestLossRate);
  }

  drawDuplicate(from: NodeId, to: NodeId): boolean {
    return this.random.chance(this.linkSetting(this.linkDuplicateRate, from, to, this.duplicateRate));
  }

  /** A one-way delay in microseconds; sometimes much longer, so that later messages overtake it. */
  drawLatencyUs(from: NodeId, to: NodeId): number {
    return this.drawDelivery(from, to);
  }

  /**
   * When a message sent now arrives. Like a TCP connection, a link delivers in the order of sending:
   * a message drawn to arrive before an earlier one waits for it. Only a message the reorder rate holds
   * back arrives out of order, later than those sent after it.
   */
  arrivalTimeUs(from: NodeId, to: NodeId, nowUs: number): number {
    const latencyUs = this.drawDelivery(from, to);
    if (this.heldBack) return nowUs + latencyUs;
    const slot = to + from * this.stride;
    const arrival = Math.max(nowUs + latencyUs, this.lastArrivalUs[slot]!);
    this.lastArrivalUs[slot] = arrival;
    return arrival;
  }

  /**
   * A latency, and in `heldBack` whether the reorder rate held the message back. A field rather than a
   * returned pair: this runs for every message, and a pair would be an object for the collector.
   */
  private drawDelivery(from: NodeId, to: NodeId): number {
    const maxUs = this.latencyMaxUs;
    let latencyUs = this.random.int(this.latencyMinUs, maxUs) + this.linkSetting(this.linkDelayUs, from, to, this.delayUs);
    // Each new setting draws nothing while it is off, so that runs without it draw as before.
    if (this.random.chance(this.tailRate)) latencyUs += this.drawTailUs();
    this.heldBack = this.random.chance(this.linkSetting(this.linkReorderRate, from, to, this.reorderRate));
    if (!this.heldBack) return latencyUs;
    return latencyUs + this.random.int(maxUs, this.reorderDelayMaxUs > 0 ? this.reorderDelayMaxUs : 3 * maxUs + 1000);
  }

  /** A delay drawn log-uniformly between the largest latency (at least 1 ms) and the tail's longest. */
  private drawTailUs(): number {
    const shortest = Math.log(Math.max(this.latencyMaxUs, 1000));
    const longest = Math.log(Math.max(this.tailDelayMaxUs, Math.max(this.latencyMaxUs, 1000)));
    return Math.round(Math.exp(shortest + this.random.next() * (longest - shortest)));
  }

  private linkSetting(settings: Float64Array, from: NodeId, to: NodeId, networkWide: number): number {
    // Stryker disable next-line ConditionalExpression: `false` only skips the fast path; a link without settings of its own holds NaN, which reads as the network-wide value
    if (this.linksWithSettings === 0) return networkWide;
    const own = settings[from * this.stride + to]!;
    return Number.isNaN(own) ? networkWide : own;
  }

  private copyHotOptions(): void {
    const options = this.options;
    this.lossRate = options.lossRate;
    this.duplicateRate = options.duplicateRate;
    this.reorderRate = options.reorderRate;
    this.reorderDelayMaxUs = Math.round(options.reorderDelayMaxMs * 1000);
    this.requestLossRate = options.requestLossRate;
    this.replyLossRate = options.replyLossRate;
    this.tailRate = options.tailRate;
    this.tailDelayMaxUs = Math.round(options.tailDelayMaxMs * 1000);
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
