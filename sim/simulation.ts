/**
 * The discrete-event engine. A virtual clock in microseconds; one queue of events in a total order
 * (time, then scheduling order); node ticks, message deliveries, client steps and faults as events.
 * After each event every checker has seen every change it caused. A run is bounded by its duration
 * and its maximum number of events, and is a function of its options alone.
 */
import type { RaftNodeInstance, Ready } from '../core/contract.js';
import type { Message } from '../core/messages.js';
import type { Entry, NodeId, PersistentState } from '../core/types.js';
import { createAllCheckers } from './checkers/all.js';
import type { Checker } from './checkers/checker.js';
import { SimulatedDisk } from './disk.js';
import { EventQueue } from './event-queue.js';
import type { QueuedEvent } from './event-queue.js';
import type { FaultAction, NodeTarget } from './faults.js';
import { Monitor } from './monitor.js';
import { Network } from './network.js';
import { ObservedCluster } from './observed-cluster.js';
import type { SimulationOptions } from './options.js';
import { coreOptionsFor } from './options.js';
import { RandomStream, STREAM } from './random-streams.js';
import type { RunOutcome, RunResult } from './run-result.js';
import { emptyStats, summarizeLatencies } from './stats.js';
import type { RunStats } from './stats.js';
import { DropReason, TraceKind, TraceRecorder } from './trace.js';
import { Workload } from './workload.js';

const EventKind = { tick: 0, deliver: 1, client: 2, fault: 3, crashLeader: 4, restartNode: 5 } as const;
type EventKind = (typeof EventKind)[keyof typeof EventKind];

class SimulationEvent implements QueuedEvent {
  constructor(
    readonly timeUs: number,
    readonly sequence: number,
    readonly kind: EventKind,
    readonly node: NodeId,
    /**
     * deliver: the target's incarnation when sent; tick: the tick chain's generation; fault: its index;
     * crashLeader and restartNode: the incarnation they apply to.
     */
    readonly tag: number,
    readonly message: Message | null,
  ) {}
}

class NodeHost {
  instance: RaftNodeInstance | null = null;
  up = true;
  paused = false;
  /** Bumped by every restart: messages sent to an earlier incarnation are lost. */
  incarnation = 0;
  /** Bumped whenever the tick chain restarts, so a superseded chain dies out. */
  tickGeneration = 0;
  readonly disk = new SimulatedDisk();
  readonly heldWhilePaused: Message[] = [];

  constructor(
    readonly id: NodeId,
    readonly timerRandom: RandomStream,
    readonly tickPeriodUs: number,
  ) {}
}

/** Bounds that keep a run finite whatever an implementation does. */
const MAX_QUEUED_EVENTS = 2_000_000;
const MAX_READY_ROUNDS_PER_INPUT = 64;
const MAX_HELD_WHILE_PAUSED = 10_000;

export class Simulation {
  readonly trace: TraceRecorder;
  readonly stats: RunStats = emptyStats();
  readonly cluster: ObservedCluster;
  private readonly monitor: Monitor;
  private readonly queue = new EventQueue<SimulationEvent>(MAX_QUEUED_EVENTS);
  private readonly network: Network;
  private readonly hosts: NodeHost[];
  private readonly members: NodeId[];
  private readonly workload: Workload;
  private readonly commitLatenciesUs: number[] = [];
  private nextSequence = 0;
  private nowUs = 0;
  private eventCount = 0;
  /** The node whose code is running, so that an exception is blamed on the implementation. */
  private nodeInControl: NodeId = 0;
  private outcome: RunOutcome | null = null;
  private readonly endUs: number;
  private readonly leaderCrashRandom: RandomStream;

  constructor(
    readonly options: SimulationOptions,
    checkers: readonly Checker[] = createAllCheckers(),
  ) {
    this.endUs = Math.round(options.durationMs * 1000);
    this.trace = new TraceRecorder(options.trace, Math.max(options.maxEvents * 4, 1024));
    this.cluster = new ObservedCluster(options.nodeCount);
    this.monitor = new Monitor(this.cluster, checkers, this.trace, this.stats, options.seed, (from, entries, to) =>
      this.recordCommitLatencies(from, entries, to),
    );
    this.network = new Network(options.nodeCount, options.network, new RandomStream(options.seed, STREAM.network));
    this.members = Array.from({ length: options.nodeCount }, (_, index) => index + 1);
    const tickUs = Math.round(options.tickMs * 1000);
    this.hosts = this.members.map((id) => new NodeHost(id, new RandomStream(options.seed, STREAM.nodeTimer(id)), tickUs));
    this.workload = new Workload(options.nodeCount);
    this.leaderCrashRandom = new RandomStream(options.seed, STREAM.leaderCrashes);
    if (options.leaderCrashes !== null) this.monitor.onLeaderElected = (id) => this.maybeScheduleLeaderCrash(id);
    for (const host of this.hosts) {
      this.startNode(host, null);
      const phase = new RandomStream(options.seed, STREAM.nodeClockPhase(host.id));
      this.scheduleTicks(host, phase.int(1, host.tickPeriodUs));
    }
    if (options.workload.requestsPerSecond > 0) this.schedule(this.clientIntervalUs(), EventKind.client, 0, 0, null);
    options.faults.forEach((fault, index) => this.schedule(Math.round(fault.atMs * 1000), EventKind.fault, 0, index, null));
  }

  /** Runs to the end and reports. */
  run(): RunResult {
    while (this.outcome === null) this.step();
    return this.result();
  }

  /** Handles the next event; returns false once the run is over. */
  step(): boolean {
    if (this.outcome !== null) return false;
    const event = this.queue.peek();
    if (event === undefined || event.timeUs > this.endUs) {
      this.nowUs = this.endUs;
      this.outcome = 'completed';
      return false;
    }
    if (this.eventCount >= this.options.maxEvents) {
      this.outcome = 'event-limit';
      return false;
    }
    this.queue.pop();
    this.nowUs = event.timeUs;
    this.eventCount++;
    this.monitor.timeUs = event.timeUs;
    this.monitor.eventNumber = this.eventCount;
    try {
      this.handle(event);
    } catch (error) {
      if (this.nodeInControl === 0) throw error;
      const text = error instanceof Error ? error.message : String(error);
      this.monitor.report('implementation-error', `node ${this.nodeInControl} threw: ${text}`);
      this.nodeInControl = 0;
    }
    if (this.monitor.violations.length > 0 && (this.options.stopOnViolation || this.monitor.violations[0]!.checker === 'implementation-error')) {
      this.outcome = 'violation';
      return false;
    }
    return true;
  }

  result(): RunResult {
    this.stats.commitLatencyMs = summarizeLatencies(this.commitLatenciesUs);
    const outcome = this.outcome ?? 'completed';
    return {
      seed: this.options.seed,
      outcome: this.monitor.violations.length > 0 ? 'violation' : outcome,
      traceHash: this.trace.hashHex(),
      events: this.eventCount,
      virtualMs: this.nowUs / 1000,
      violations: this.monitor.violations,
      stats: this.stats,
      finalNodes: this.cluster.snapshots(),
      options: this.options,
      trace: this.trace,
    };
  }

  get virtualTimeUs(): number {
    return this.nowUs;
  }

  // ---- Events -------------------------------------------------------------------------------------

  private handle(event: SimulationEvent): void {
    switch (event.kind) {
      case EventKind.tick:
        this.handleTick(event);
        break;
      case EventKind.deliver:
        this.handleDelivery(event);
        break;
      case EventKind.client:
        this.handleClientStep();
        break;
      case EventKind.fault:
        this.applyFault(this.options.faults[event.tag]!.action);
        break;
      case EventKind.crashLeader: {
        const host = this.hosts[event.node - 1]!;
        if (!host.up || host.incarnation !== event.tag) return;
        this.crash(host);
        const rule = this.options.leaderCrashes!;
        const downUs = this.leaderCrashRandom.int(Math.round(rule.downMinMs * 1000), Math.round(rule.downMaxMs * 1000));
        this.schedule(this.nowUs + downUs, EventKind.restartNode, host.id, host.incarnation, null);
        break;
      }
      case EventKind.restartNode: {
        const host = this.hosts[event.node - 1]!;
        if (!host.up && host.incarnation === event.tag) this.restart(host);
        break;
      }
    }
  }

  private maybeScheduleLeaderCrash(id: NodeId): void {
    const rule = this.options.leaderCrashes!;
    if (!this.leaderCrashRandom.chance(rule.probability)) return;
    const afterUs = this.leaderCrashRandom.int(Math.round(rule.afterMinMs * 1000), Math.round(rule.afterMaxMs * 1000));
    this.schedule(this.nowUs + afterUs, EventKind.crashLeader, id, this.hosts[id - 1]!.incarnation, null);
  }

  private handleTick(event: SimulationEvent): void {
    const host = this.hosts[event.node - 1]!;
    if (!host.up || host.paused || event.tag !== host.tickGeneration) return;
    this.schedule(this.nowUs + host.tickPeriodUs, EventKind.tick, host.id, host.tickGeneration, null);
    this.trace.record(TraceKind.tick, this.nowUs, host.id, 0, 0, 0);
    this.nodeInControl = host.id;
    host.instance!.tick();
    this.processReady(host);
  }

  private handleDelivery(event: SimulationEvent): void {
    const message = event.message!;
    const host = this.hosts[message.to - 1]!;
    if (!host.up) return this.drop(message, DropReason.nodeDown);
    if (host.incarnation !== event.tag) return this.drop(message, DropReason.staleIncarnation);
    if (!this.network.connected(message.from, message.to)) return this.drop(message, DropReason.partition);
    if (host.paused) {
      if (host.heldWhilePaused.length >= MAX_HELD_WHILE_PAUSED) return this.drop(message, DropReason.overflow);
      host.heldWhilePaused.push(message);
      return;
    }
    this.stats.messagesDelivered++;
    this.trace.recordMessage(TraceKind.deliver, this.nowUs, message, 0);
    this.nodeInControl = host.id;
    host.instance!.step(message);
    this.processReady(host);
  }

  private handleClientStep(): void {
    this.schedule(this.nowUs + this.clientIntervalUs(), EventKind.client, 0, 0, null);
    this.workload.step(this.nowUs, {
      propose: (node, command) => {
        const host = this.hosts[node - 1]!;
        if (!host.up || host.paused) return null;
        this.nodeInControl = node;
        const result = host.instance!.propose(command);
        this.trace.record(TraceKind.propose, this.nowUs, node, 0, result.accepted ? result.index : 0, result.accepted ? 1 : 0, command);
        if (result.accepted) this.stats.proposalsAccepted++;
        this.processReady(host);
        return result;
      },
    });
  }

  /** Carries out a node's Ready as the contract says: persist, then send, then apply, then advance. */
  private processReady(host: NodeHost): void {
    const instance = host.instance!;
    this.nodeInControl = host.id;
    for (let round = 0; instance.hasReady(); round++) {
      if (round >= MAX_READY_ROUNDS_PER_INPUT) {
        throw new Error(`still had output after ${MAX_READY_ROUNDS_PER_INPUT} Ready rounds for one input`);
      }
      const ready: Ready = instance.ready();
      if (ready.hardState !== null) host.disk.persistHardState(ready.hardState);
      if (ready.logWrite !== null) host.disk.persistLog(ready.logWrite);
      this.monitor.observeReady(host.id, ready);
      const messages = ready.messages;
      for (let index = 0; index < messages.length; index++) this.send(messages[index]!);
      instance.advance(ready);
    }
    this.nodeInControl = 0;
  }

  private send(message: Message): void {
    this.stats.messagesSent++;
    this.trace.recordMessage(TraceKind.send, this.nowUs, message, 0);
    const target = this.hosts[message.to - 1];
    if (target === undefined || message.from !== this.nodeInControl) {
      throw new Error(`sent a message from ${message.from} to ${message.to}, which is not a peer`);
    }
    if (!this.network.connected(message.from, message.to)) return this.drop(message, DropReason.partition);
    if (this.network.drawLoss()) return this.drop(message, DropReason.loss);
    this.deliverLater(message, target);
    if (this.network.drawDuplicate()) {
      this.stats.messagesDuplicated++;
      this.trace.recordMessage(TraceKind.duplicate, this.nowUs, message, 0);
      this.deliverLater(message, target);
    }
  }

  private deliverLater(message: Message, target: NodeHost): void {
    const atUs = this.nowUs + this.network.drawLatencyUs(message.from, message.to);
    if (!this.schedule(atUs, EventKind.deliver, message.to, target.incarnation, message)) this.drop(message, DropReason.overflow);
  }

  private drop(message: Message, reason: DropReason): void {
    this.stats.messagesDropped++;
    this.trace.recordMessage(TraceKind.drop, this.nowUs, message, reason);
  }

  // ---- Node lifecycle -----------------------------------------------------------------------------

  private startNode(host: NodeHost, persisted: PersistentState | null): void {
    this.nodeInControl = host.id;
    host.instance = this.options.implementation.create({
      id: host.id,
      members: this.members,
      options: coreOptionsFor(this.options),
      random: host.timerRandom,
      persisted,
    });
    this.nodeInControl = 0;
  }

  private scheduleTicks(host: NodeHost, firstDelayUs: number): void {
    host.tickGeneration++;
    this.schedule(this.nowUs + firstDelayUs, EventKind.tick, host.id, host.tickGeneration, null);
  }

  private crash(host: NodeHost): void {
    host.up = false;
    host.paused = false;
    host.instance = null;
    host.heldWhilePaused.length = 0;
    host.incarnation++;
    host.tickGeneration++;
    this.stats.crashes++;
    this.trace.record(TraceKind.crash, this.nowUs, host.id, 0, host.incarnation, 0);
    this.monitor.observeCrash(host.id);
  }

  private restart(host: NodeHost): void {
    host.up = true;
    this.stats.restarts++;
    this.trace.record(TraceKind.restart, this.nowUs, host.id, 0, host.incarnation, 0);
    this.monitor.observeRestart(host.id);
    this.startNode(host, host.disk.isEmpty() ? null : host.disk.read());
    this.scheduleTicks(host, host.tickPeriodUs);
  }

  private pause(host: NodeHost): void {
    host.paused = true;
    host.tickGeneration++;
    this.cluster.node(host.id).paused = true;
    this.trace.record(TraceKind.pause, this.nowUs, host.id, 0, 0, 0);
  }

  private resume(host: NodeHost): void {
    host.paused = false;
    this.cluster.node(host.id).paused = false;
    this.trace.record(TraceKind.resume, this.nowUs, host.id, 0, host.heldWhilePaused.length, 0);
    // What arrived while the process was stopped waits in its socket buffer and is read at once.
    for (const message of host.heldWhilePaused) this.schedule(this.nowUs, EventKind.deliver, message.to, host.incarnation, message);
    host.heldWhilePaused.length = 0;
    this.scheduleTicks(host, host.tickPeriodUs);
  }

  // ---- Faults -------------------------------------------------------------------------------------

  private applyFault(action: FaultAction): void {
    if (this.carryOut(action)) {
      this.stats.faultsApplied++;
    } else {
      this.stats.faultsSkipped++;
      this.trace.record(TraceKind.faultSkipped, this.nowUs, 0, 0, 0, 0, action);
    }
  }

  /** Returns false when the action had nothing to act on (no leader, node already down, …). */
  private carryOut(action: FaultAction): boolean {
    switch (action.type) {
      case 'partition':
        this.network.partition(action.groups);
        this.trace.record(TraceKind.partition, this.nowUs, 0, 0, 0, 0, action);
        return true;
      case 'isolate': {
        const node = this.resolveTarget(action.node);
        if (node === null) return false;
        this.network.isolate(node);
        this.trace.record(TraceKind.partition, this.nowUs, node, 0, 0, 0, action);
        return true;
      }
      case 'cut': {
        const from = this.resolveTarget(action.from);
        const to = this.resolveTarget(action.to);
        if (from === null || to === null || from === to) return false;
        this.network.cutLink(from, to);
        this.trace.record(TraceKind.cut, this.nowUs, from, to, 0, 0, action);
        return true;
      }
      case 'heal':
        this.network.heal();
        this.trace.record(TraceKind.heal, this.nowUs, 0, 0, 0, 0, action);
        return true;
      case 'crash': {
        const host = this.hostFor(this.resolveTarget(action.node));
        if (host === null || !host.up) return false;
        this.crash(host);
        return true;
      }
      case 'restart': {
        const targets = action.node === 'crashed' ? this.hosts.filter((host) => !host.up) : [this.hostFor(action.node)];
        const down = targets.filter((host): host is NodeHost => host !== null && !host.up);
        for (const host of down) this.restart(host);
        return down.length > 0;
      }
      case 'pause': {
        const host = this.hostFor(this.resolveTarget(action.node));
        if (host === null || !host.up || host.paused) return false;
        this.pause(host);
        return true;
      }
      case 'resume': {
        const targets = action.node === 'paused' ? this.hosts.filter((host) => host.paused) : [this.hostFor(action.node)];
        const paused = targets.filter((host): host is NodeHost => host !== null && host.up && host.paused);
        for (const host of paused) this.resume(host);
        return paused.length > 0;
      }
      case 'network':
        this.network.change(action.change);
        this.trace.record(TraceKind.networkChange, this.nowUs, 0, 0, 0, 0, action);
        return true;
      case 'restore-network':
        this.network.change(this.options.network);
        this.trace.record(TraceKind.networkChange, this.nowUs, 0, 0, 0, 0, action);
        return true;
    }
  }

  /** 'leader' is the up node that leads the highest term, as observed; null when none leads. */
  private resolveTarget(target: NodeTarget): NodeId | null {
    if (typeof target === 'number') return target >= 1 && target <= this.hosts.length ? target : null;
    let best: NodeId | null = null;
    let bestTerm = -1;
    for (const node of this.cluster.nodes) {
      if (node.up && node.role === 'leader' && node.term > bestTerm) {
        best = node.id;
        bestTerm = node.term;
      }
    }
    return best;
  }

  private hostFor(node: NodeId | null): NodeHost | null {
    return node === null ? null : (this.hosts[node - 1] ?? null);
  }

  // ---- Helpers ------------------------------------------------------------------------------------

  private schedule(timeUs: number, kind: EventKind, node: NodeId, tag: number, message: Message | null): boolean {
    return this.queue.push(new SimulationEvent(timeUs, this.nextSequence++, kind, node, tag, message));
  }

  private clientIntervalUs(): number {
    return Math.max(1, Math.round(1_000_000 / this.options.workload.requestsPerSecond));
  }

  private recordCommitLatencies(fromIndex: number, entries: readonly (Entry | null)[], toIndex: number): void {
    for (let index = fromIndex; index <= toIndex; index++) {
      const entry = entries[index];
      if (entry === null || entry === undefined || entry.kind !== 'command') continue;
      this.stats.commandsCommitted++;
      const proposedAtUs = this.workload.proposedAtUs.get(entry.command);
      if (proposedAtUs !== undefined) {
        this.commitLatenciesUs.push(this.nowUs - proposedAtUs);
        this.workload.proposedAtUs.delete(entry.command);
      }
    }
  }
}

export function runSimulation(options: SimulationOptions, checkers?: readonly Checker[]): RunResult {
  return new Simulation(options, checkers).run();
}
