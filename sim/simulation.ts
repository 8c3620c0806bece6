/**
 * The discrete-event engine. A virtual clock in microseconds; events in a total order (time, then
 * scheduling order); node ticks, message deliveries, client steps and faults as events. Ticks, most of
 * the events, wait in a list of their own (PendingTicks), the rest in a queue; the next event is the
 * earlier of the two heads. After each event every checker has seen every change it caused. A run is
 * bounded by its duration and its maximum number of events, and is a function of its options alone.
 */
import type { RaftNodeInstance, Ready } from '../core/contract.js';
import type { Message } from '../core/messages.js';
import type { Entry, NodeId, PersistentState, Snapshot } from '../core/types.js';
import { createAllCheckers } from './checkers/all.js';
import type { Checker } from './checkers/checker.js';
import { SimulatedDisk } from './disk.js';
import type { DiskFaultOnCrash } from './disk.js';
import { emptyObjectArray } from './empty-array.js';
import { EventQueue } from './event-queue.js';
import type { QueuedEvent } from './event-queue.js';
import { majority } from '../core/quorum.js';
import type { FaultAction, NodeRef, NodeSelection, NodeSet } from './faults.js';
import { Monitor } from './monitor.js';
import { Network } from './network.js';
import { ObservedCluster } from './observed-cluster.js';
import type { SimulationOptions } from './options.js';
import { coreOptionsFor } from './options.js';
import { RandomStream, STREAM, SwitchableRandom } from './random-streams.js';
import type { RunOutcome, RunResult } from './run-result.js';
import { ServerRules } from './server-rules.js';
import { emptyStats, summarizeLatencies } from './stats.js';
import type { RunStats } from './stats.js';
import { DropReason, TraceKind, TraceRecorder } from './trace.js';
import { Workload } from './workload.js';
import { AwaitingReads, ReadLedger } from './reads.js';
import { StateMachine } from './state-machine.js';

const EventKind = { tick: 0, deliver: 1, client: 2, fault: 3, crashLeader: 4, restartNode: 5, undo: 6, diskWritten: 7, clientRead: 8, retire: 9 } as const;
type EventKind = (typeof EventKind)[keyof typeof EventKind];

/** A queued event. Handled events are reused for later ones (see Simulation.spareEvents), so the fields change. */
class SimulationEvent implements QueuedEvent {
  constructor(
    public timeUs: number,
    public sequence: number,
    public kind: EventKind,
    public node: NodeId,
    /**
     * deliver: the target's incarnation when sent; tick: the tick chain's generation; fault: its index;
     * crashLeader and restartNode: the incarnation they apply to.
     */
    public tag: number,
    public message: Message | null,
    /** deliver: the index of the trace record of the message's sending. */
    public recordedAs: number,
    /** deliver: the sender's incarnation when it sent, or -1 when that no longer matters. */
    public senderIncarnation: number,
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
  /** The live chain's next tick, kept out of the event queue (see PendingTicks). */
  tickPending = false;
  nextTickUs = 0;
  nextTickSequence = 0;
  /** Neighbours in PendingTicks. */
  earlierTick: NodeHost | null = null;
  laterTick: NodeHost | null = null;
  readonly disk: SimulatedDisk;
  readonly machine: StateMachine;
  readonly awaitingReads = new AwaitingReads();
  /** Removed from the configuration and shut down for good. */
  retired = false;
  /** A spare server, switched off until a membership change adds it. */
  dormant = false;

  /** Down for a while (a crash or a pause), not for good and not waiting to be added. */
  get restartable(): boolean {
    return !this.up && !this.retired && !this.dormant;
  }
  /** A Ready whose state is being written; nothing of it is sent, applied or observed until it is durable. */
  pendingReady: Ready | null = null;
  readonly heldWhilePaused: Message[] = [];
  /** For each held message, the index of the trace record of its sending. */
  readonly heldRecordedAs: number[] = [];

  constructor(
    readonly id: NodeId,
    readonly timerRandom: SwitchableRandom,
    /** Virtual time between two ticks: the tick length divided by the node's clock rate. */
    public tickPeriodUs: number,
    faultOnCrash: DiskFaultOnCrash,
    keepsDigest: boolean,
  ) {
    this.disk = new SimulatedDisk(faultOnCrash);
    this.machine = new StateMachine(keepsDigest);
  }
}

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

/** Bounds that keep a run finite whatever an implementation does. */
const MAX_QUEUED_EVENTS = 2_000_000;
const MAX_READY_ROUNDS_PER_INPUT = 64;
const MAX_HELD_WHILE_PAUSED = 10_000;

export class Simulation {
  readonly trace: TraceRecorder;
  readonly stats: RunStats = emptyStats();
  readonly cluster: ObservedCluster;
  private readonly monitor: Monitor;
  private readonly rules: ServerRules;
  private readonly queue = new EventQueue<SimulationEvent>(MAX_QUEUED_EVENTS);
  private readonly network: Network;
  private readonly hosts: NodeHost[];
  private readonly members: NodeId[];
  private readonly workload: Workload;
  private readonly commitLatenciesUs: number[] = [];
  private nextSequence = 0;
  private readonly pendingTicks = new PendingTicks();
  /**
   * Events already handled, for reuse: a run schedules one per message sent, and reusing them keeps
   * that many objects away from the garbage collector. Bounded by the most events ever queued at once.
   */
  private readonly spareEvents = emptyObjectArray<SimulationEvent>();
  private nowUs = 0;
  private eventCount = 0;
  /** The node whose code is running, so that an exception is blamed on the implementation. */
  private nodeInControl: NodeId = 0;
  private outcome: RunOutcome | null = null;
  private readonly endUs: number;
  // Options read on every event, copied here for the reason given in network.ts.
  private readonly maxEvents: number;
  private readonly stopOnViolation: boolean;
  private readonly clientIntervalUs: number;
  private readonly leaderCrashRandom: RandomStream;
  private readonly pickRandom: RandomStream;
  /** Every fault action, those of the options first; a fault event carries its index here. */
  private readonly faultActions: FaultAction[];
  /** For each fault action, the number of the event at which it ran. */
  private readonly actionEvents: number[] = [];
  /** Set by `settle`: no more reactive crashes or client commands. */
  private settled = false;
  private alignments = 0;
  /** Undo actions of network changes made for a period; an undo event carries its index. */
  private readonly undos: (() => void)[] = [];
  private proposals = 0;
  private readonly tickUs: number;
  private readonly diskLatencyMinUs: number;
  private readonly diskLatencyMaxUs: number;
  private readonly diskRandom: RandomStream;
  private readonly readIntervalUs: number;
  readonly reads = new ReadLedger();
  /** The configuration nodes start with. */
  private readonly initialMembers: readonly NodeId[];
  /** Nodes that have been in a committed configuration: once removed from it, they are retired. */
  private readonly everMembers: Set<NodeId>;
  /** Spares switched on for an add not yet seen committed. */
  private readonly joining = new Set<NodeId>();

  constructor(
    readonly options: SimulationOptions,
    checkers: readonly Checker[] = createAllCheckers(),
  ) {
    this.endUs = Math.round(options.durationMs * 1000);
    this.maxEvents = options.maxEvents;
    this.stopOnViolation = options.stopOnViolation;
    const requestsPerSecond = options.workload.requestsPerSecond;
    this.clientIntervalUs = requestsPerSecond > 0 ? Math.max(1, Math.round(1_000_000 / requestsPerSecond)) : 0;
    this.trace = new TraceRecorder(options.trace, Math.max(options.maxEvents * 4, 1024));
    this.members = Array.from({ length: options.nodeCount }, (_, index) => index + 1);
    this.initialMembers = options.initialMembers ?? this.members;
    this.everMembers = new Set(this.initialMembers);
    this.cluster = new ObservedCluster(options.nodeCount, this.initialMembers);
    this.monitor = new Monitor(this.cluster, checkers, this.trace, this.stats, options.seed, (from, entries, to) =>
      this.committedHistoryGrew(from, entries, to),
    );
    const maxTimeoutTicks = Array.from({ length: options.nodeCount + 1 }, (_, id) => coreOptionsFor(options, id).electionTimeoutMaxTicks);
    this.rules = new ServerRules(
      options.nodeCount,
      (id) => maxTimeoutTicks[id]!,
      (rule, message) => this.monitor.report(rule, message),
      (id) => this.cluster.mayStand(this.cluster.node(id)),
    );
    this.network = new Network(options.nodeCount, options.network, new RandomStream(options.seed, STREAM.network));
    this.tickUs = Math.round(options.tickMs * 1000);
    this.hosts = this.members.map((id) => {
      const clockRate = options.nodeOverrides[id]?.clockRate ?? 1;
      const timer = new SwitchableRandom(new RandomStream(options.seed, STREAM.nodeTimer(id)));
      return new NodeHost(id, timer, Math.max(1, Math.round(this.tickUs / clockRate)), options.disk.faultOnCrash, options.snapshotThreshold > 0);
    });
    this.workload = new Workload(options.nodeCount);
    this.leaderCrashRandom = new RandomStream(options.seed, STREAM.leaderCrashes);
    this.pickRandom = new RandomStream(options.seed, STREAM.faultPicks);
    this.diskLatencyMinUs = Math.round(options.disk.latencyMinMs * 1000);
    this.diskLatencyMaxUs = Math.round(options.disk.latencyMaxMs * 1000);
    this.diskRandom = new RandomStream(options.seed, STREAM.disk);
    this.monitor.onLeaderElected = (id) => {
      if (options.leaderCrashes !== null) this.maybeScheduleLeaderCrash(id);
      // A failed add shows as a new leader without it in its configuration, commits or not.
      if (this.joining.size > 0) this.schedule(this.nowUs, EventKind.retire, 0, 0, null);
    };
    for (const host of this.hosts) {
      const phase = new RandomStream(options.seed, STREAM.nodeClockPhase(host.id));
      const firstTickUs = phase.int(1, host.tickPeriodUs);
      if (!this.initialMembers.includes(host.id)) {
        // A spare server is switched on only when a membership change adds it.
        host.dormant = true;
        host.up = false;
        this.cluster.node(host.id).up = false;
        this.cluster.node(host.id).dormant = true;
        continue;
      }
      const persisted = options.nodeOverrides[host.id]?.persisted ?? null;
      if (persisted !== null) this.restoreDisk(host, persisted);
      this.startNode(host, persisted);
      this.scheduleTicks(host, firstTickUs);
    }
    if (requestsPerSecond > 0) this.schedule(this.clientIntervalUs, EventKind.client, 0, 0, null);
    const readsPerSecond = options.workload.readsPerSecond;
    this.readIntervalUs = readsPerSecond > 0 ? Math.max(1, Math.round(1_000_000 / readsPerSecond)) : 0;
    if (readsPerSecond > 0) this.schedule(this.readIntervalUs, EventKind.clientRead, 0, 0, null);
    this.faultActions = options.faults.map((fault) => fault.action);
    options.faults.forEach((fault, index) => this.schedule(Math.round(fault.atMs * 1000), EventKind.fault, 0, index, null));
  }

  /**
   * Schedules a fault action at a virtual time (not before now). Scenario runners use it for steps whose
   * time is known only once the run has reached them (after a wait).
   */
  scheduleAction(atUs: number, action: FaultAction): number {
    this.faultActions.push(action);
    this.schedule(Math.max(Math.round(atUs), this.nowUs), EventKind.fault, 0, this.faultActions.length - 1, null);
    return this.faultActions.length - 1;
  }

  /** The number of the event at which a scheduled action ran; undefined if it has not run. */
  eventOfAction(index: number): number | undefined {
    return this.actionEvents[index];
  }

  /** Events handled so far. */
  get eventsHandled(): number {
    return this.eventCount;
  }

  /** The time of the next event, or Infinity when none is pending. */
  nextEventTimeUs(): number {
    const event = this.queue.peek();
    const ticking = this.pendingTicks.first;
    const queued = event === undefined ? Infinity : event.timeUs;
    const tick = ticking === null ? Infinity : ticking.nextTickUs;
    return Math.min(queued, tick);
  }

  /** Whether messages currently cross between two nodes in both directions. */
  linkedBothWays(a: NodeId, b: NodeId): boolean {
    return a === b || (this.network.connected(a, b) && this.network.connected(b, a));
  }

  get isOver(): boolean {
    return this.outcome !== null;
  }

  /** Runs to the end and reports. */
  run(): RunResult {
    while (this.outcome === null) this.step();
    return this.result();
  }

  /** Handles the next event; returns false once the run is over. */
  step(): boolean {
    if (this.outcome !== null) return false;
    // The next event is the first pending tick or the queue's first event, whichever comes first.
    const event = this.queue.peek();
    const ticking = this.pendingTicks.first;
    const tickFirst =
      ticking !== null && (event === undefined || comesFirst(ticking.nextTickUs, ticking.nextTickSequence, event.timeUs, event.sequence));
    const nextUs = tickFirst ? ticking.nextTickUs : event === undefined ? null : event.timeUs;
    if (nextUs === null || nextUs > this.endUs) {
      this.nowUs = this.endUs;
      this.outcome = 'completed';
      return false;
    }
    if (this.eventCount >= this.maxEvents) {
      this.outcome = 'event-limit';
      return false;
    }
    if (!tickFirst) this.queue.pop();
    this.nowUs = nextUs;
    this.eventCount++;
    this.monitor.timeUs = this.nowUs;
    this.monitor.eventNumber = this.eventCount;
    try {
      if (tickFirst) this.handleLiveTick(ticking);
      else this.handle(event!);
    } catch (error) {
      if (this.nodeInControl === 0) throw error;
      this.reportThrown(error);
    }
    if (!tickFirst) this.spare(event!);
    if (this.monitor.violations.length > 0 && (this.stopOnViolation || this.monitor.violations[0]!.checker === 'implementation-error')) {
      this.outcome = 'violation';
      return false;
    }
    return true;
  }

  /** An exception from the node in control is that implementation's failure, reported with where it was thrown. */
  private reportThrown(error: unknown): void {
    const text = error instanceof Error ? error.message : String(error);
    const frame = error instanceof Error ? (error.stack ?? '').split('\n').find((line) => /^\s+at /.test(line))?.trim() : undefined;
    this.monitor.report('implementation-error', `node ${this.nodeInControl} threw: ${text}${frame === undefined ? '' : ` (${frame})`}`);
    this.nodeInControl = 0;
    this.outcome = 'violation';
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
        this.handleStoppedTick(event);
        break;
      case EventKind.deliver:
        this.handleDelivery(event);
        break;
      case EventKind.client:
        this.handleClientStep();
        break;
      case EventKind.clientRead:
        this.handleClientRead();
        break;
      case EventKind.retire:
        this.afterConfigurationCommitted();
        break;
      case EventKind.fault:
        this.actionEvents[event.tag] = this.eventCount;
        this.applyFault(this.faultActions[event.tag]!);
        break;
      case EventKind.crashLeader: {
        const host = this.hosts[event.node - 1]!;
        if (this.settled || !host.up || host.retired || host.incarnation !== event.tag) return;
        this.crash(host);
        const rule = this.options.leaderCrashes!;
        const downUs = this.leaderCrashRandom.int(Math.round(rule.downMinMs * 1000), Math.round(rule.downMaxMs * 1000));
        this.schedule(this.nowUs + downUs, EventKind.restartNode, host.id, host.incarnation, null);
        break;
      }
      case EventKind.undo:
        // Settling already put every link back; undoing now could bring back an earlier change.
        if (this.settled) break;
        this.undos[event.tag]!();
        this.trace.record(TraceKind.networkChange, this.nowUs, 0, 0, 1, 0, { type: 'restore-network' });
        break;
      case EventKind.diskWritten:
        this.handleDiskWritten(event);
        break;
      case EventKind.restartNode: {
        const host = this.hosts[event.node - 1]!;
        if (host.restartable && host.incarnation === event.tag) this.restart(host);
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

  /** A tick in the queue belongs to a chain stopped while the tick was pending (see stopTicks): it does nothing. */
  private handleStoppedTick(event: SimulationEvent): void {
    const host = this.hosts[event.node - 1]!;
    if (event.tag === host.tickGeneration) throw new Error(`node ${host.id} has a tick of its live chain in the queue`);
  }

  private handleLiveTick(host: NodeHost): void {
    this.setNextTick(host, this.nowUs + host.tickPeriodUs);
    this.trace.record(TraceKind.tick, this.nowUs, host.id, 0, 0, 0);
    this.nodeInControl = host.id;
    this.rules.ticked(host.id);
    host.instance!.tick();
    this.processReady(host);
    this.rules.handled(host.id, host.pendingReady !== null);
  }

  private handleDelivery(event: SimulationEvent): void {
    const message = event.message!;
    const recordedAs = event.recordedAs;
    const host = this.hosts[message.to - 1]!;
    if (!host.up) return this.drop(message, DropReason.nodeDown, recordedAs);
    if (host.incarnation !== event.tag) return this.drop(message, DropReason.staleIncarnation, recordedAs);
    // A machine that crashes takes with it what it had sent but not yet put on the wire.
    if (event.senderIncarnation >= 0 && this.hosts[message.from - 1]!.incarnation !== event.senderIncarnation) {
      return this.drop(message, DropReason.senderCrashed, recordedAs);
    }
    if (!this.network.connected(message.from, message.to)) return this.drop(message, DropReason.partition, recordedAs);
    if (host.paused) {
      if (host.heldWhilePaused.length >= MAX_HELD_WHILE_PAUSED) return this.drop(message, DropReason.overflow, recordedAs);
      host.heldWhilePaused.push(message);
      host.heldRecordedAs.push(recordedAs);
      return;
    }
    this.stats.messagesDelivered++;
    this.trace.recordMessage(TraceKind.deliver, this.nowUs, message, 0, recordedAs);
    this.nodeInControl = host.id;
    this.rules.delivering(host.id, message, this.cluster.node(host.id).term, host.pendingReady !== null);
    host.instance!.step(message);
    this.processReady(host);
    this.rules.handled(host.id, host.pendingReady !== null);
  }

  private handleClientStep(): void {
    if (this.settled) return;
    this.schedule(this.nowUs + this.clientIntervalUs, EventKind.client, 0, 0, null);
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

  /** A client asks the node it believes leads for a read (dissertation §6.4). */
  private handleClientRead(): void {
    if (this.settled) return;
    this.schedule(this.nowUs + this.readIntervalUs, EventKind.clientRead, 0, 0, null);
    const number = this.reads.nextReadNumber();
    this.workload.read({
      read: (node) => {
        const host = this.hosts[node - 1]!;
        if (!host.up || host.paused || host.instance!.read === undefined) return false;
        this.nodeInControl = node;
        const taken = host.instance!.read(number);
        this.trace.record(TraceKind.read, this.nowUs, node, 0, number, taken ? 1 : 0);
        if (taken) this.reads.taken(number, { node, invokedAtUs: this.nowUs, committedAtInvocation: this.cluster.committedLength() });
        this.processReady(host);
        return taken;
      },
    });
  }

  /** Answers the reads the node's state machine has caught up with. */
  private answerReads(host: NodeHost): void {
    // Most Readies come with no read waiting: nothing to take, nothing to allocate.
    if (host.awaitingReads.isEmpty) return;
    for (const read of host.awaitingReads.takeAnswerable(host.machine.appliedIndex)) {
      const invocation = this.reads.take(read.context);
      if (invocation === undefined) continue;
      this.stats.readsAnswered++;
      this.monitor.observeReadAnswered(host.id, {
        number: read.context,
        invokedAtUs: invocation.invokedAtUs,
        committedAtInvocation: invocation.committedAtInvocation,
        answeredIndex: host.machine.appliedIndex,
      });
    }
  }

  /** The host's compaction policy (§7): snapshot the state machine once enough was applied since the last. */
  private maybeCompact(host: NodeHost): void {
    const threshold = this.options.snapshotThreshold;
    const instance = host.instance!;
    if (threshold === 0 || instance.compact === undefined) return;
    const applied = host.machine.appliedIndex;
    if (applied - host.disk.snapshotIndex < threshold) return;
    const snapshot = instance.compact(applied, host.machine.snapshotData());
    if (snapshot === null) return;
    this.stats.snapshots++;
    host.disk.compact(snapshot);
    this.monitor.observeCompaction(host.id, snapshot);
  }

  /**
   * Carries out a node's Ready as the contract says: persist, then send, then apply, then advance.
   * With a disk latency, a Ready with state to persist waits until the write is durable, and the node
   * is asked for no further Ready until then.
   */
  private processReady(host: NodeHost): void {
    if (host.pendingReady !== null) return;
    const instance = host.instance!;
    this.nodeInControl = host.id;
    for (let round = 0; instance.hasReady(); round++) {
      if (round >= MAX_READY_ROUNDS_PER_INPUT) {
        throw new Error(`still had output after ${MAX_READY_ROUNDS_PER_INPUT} Ready rounds for one input`);
      }
      const ready: Ready = instance.ready();
      this.rules.readyTaken(host.id, ready);
      if (this.diskLatencyMaxUs > 0 && (ready.hardState !== null || ready.logWrite !== null || (ready.snapshot ?? null) !== null)) {
        host.pendingReady = ready;
        const latencyUs = this.diskRandom.int(this.diskLatencyMinUs, this.diskLatencyMaxUs);
        this.schedule(this.nowUs + latencyUs, EventKind.diskWritten, host.id, host.incarnation, null);
        break;
      }
      this.completeReady(host, ready);
    }
    this.nodeInControl = 0;
  }

  private completeReady(host: NodeHost, ready: Ready): void {
    const snapshot: Snapshot | null = ready.snapshot ?? null;
    host.disk.beginWrite();
    if (ready.hardState !== null) host.disk.persistHardState(ready.hardState);
    if (snapshot !== null) host.disk.installSnapshot(snapshot);
    if (ready.logWrite !== null) host.disk.persistLog(ready.logWrite);
    this.monitor.observeReady(host.id, ready);
    const messages = ready.messages;
    for (let index = 0; index < messages.length; index++) this.send(messages[index]!);
    if (snapshot !== null) host.machine.restore(snapshot);
    const committed = ready.committedEntries;
    if (committed !== null && committed.entries.length > 0) host.machine.apply(committed.fromIndex, committed.entries);
    const readStates = ready.readStates;
    if (readStates !== undefined && readStates.length > 0) host.awaitingReads.add(readStates);
    host.instance!.advance(ready);
    this.answerReads(host);
    this.maybeCompact(host);
  }

  /** A write became durable: the rest of its Ready goes ahead, then whatever the node has since. */
  private handleDiskWritten(event: SimulationEvent): void {
    const host = this.hosts[event.node - 1]!;
    // A crash in between lost the write together with everything the Ready would have sent.
    if (!host.up || host.incarnation !== event.tag || host.pendingReady === null) return;
    if (host.paused) {
      // The write is on the disk, but the stopped process learns of it only when it runs again.
      this.schedule(this.nowUs + host.tickPeriodUs, EventKind.diskWritten, host.id, host.incarnation, null);
      return;
    }
    const ready = host.pendingReady;
    host.pendingReady = null;
    this.nodeInControl = host.id;
    this.completeReady(host, ready);
    this.processReady(host);
  }

  private send(message: Message): void {
    this.stats.messagesSent++;
    // Later records of this message (its delivery, a drop, a duplicate) refer to this one.
    const recordedAs = this.trace.recordMessage(TraceKind.send, this.nowUs, message, 0);
    const target = this.hosts[message.to - 1];
    if (target === undefined || message.from !== this.nodeInControl) {
      throw new Error(`sent a message from ${message.from} to ${message.to}, which is not a peer`);
    }
    if (!this.network.connected(message.from, message.to)) return this.drop(message, DropReason.partition, recordedAs);
    if (this.network.drawLoss(message.from, message.to)) return this.drop(message, DropReason.loss, recordedAs);
    this.deliverLater(message, target, recordedAs);
    if (this.network.drawDuplicate(message.from, message.to)) {
      this.stats.messagesDuplicated++;
      this.trace.recordMessage(TraceKind.duplicate, this.nowUs, message, 0, recordedAs);
      this.deliverLater(message, target, recordedAs);
    }
  }

  private deliverLater(message: Message, target: NodeHost, recordedAs: number): void {
    const atUs = this.network.arrivalTimeUs(message.from, message.to, this.nowUs);
    const senderIncarnation = this.hosts[message.from - 1]!.incarnation;
    if (!this.schedule(atUs, EventKind.deliver, message.to, target.incarnation, message, recordedAs, senderIncarnation)) {
      this.drop(message, DropReason.overflow, recordedAs);
    }
  }

  private drop(message: Message, reason: DropReason, recordedAs: number): void {
    this.stats.messagesDropped++;
    this.trace.recordMessage(TraceKind.drop, this.nowUs, message, reason, recordedAs);
  }

  // ---- Node lifecycle -----------------------------------------------------------------------------

  private startNode(host: NodeHost, persisted: PersistentState | null): void {
    this.nodeInControl = host.id;
    const snapshot = persisted?.snapshot ?? null;
    if (snapshot !== null) host.machine.restore(snapshot);
    else host.machine.reset();
    this.rules.started(host.id);
    try {
      host.instance = this.options.implementation.create({
        id: host.id,
        members: this.initialMembers,
        options: coreOptionsFor(this.options, host.id),
        random: host.timerRandom,
        persisted,
      });
    } catch (error) {
      // Thrown while the simulation is being set up, outside step(): the run ends here.
      this.reportThrown(error);
      return;
    }
    this.nodeInControl = 0;
  }

  /** Puts a node's starting state on its disk and shows it to the checkers as the node's first write. */
  private restoreDisk(host: NodeHost, persisted: PersistentState): void {
    host.disk.persistHardState(persisted.hardState);
    host.disk.persistLog({ fromIndex: 1, entries: persisted.log });
    this.monitor.observeReady(host.id, {
      hardState: persisted.hardState,
      logWrite: { fromIndex: 1, entries: persisted.log },
      messages: [],
      committedEntries: null,
      softState: null,
      commitIndex: 0,
    });
  }

  private scheduleTicks(host: NodeHost, firstDelayUs: number): void {
    this.stopTicks(host);
    this.setNextTick(host, this.nowUs + firstDelayUs);
  }

  /**
   * Ends the node's tick chain. A tick still pending moves to the queue, where it comes up at its time
   * and does nothing, so that it counts as an event just as it did while it was queued.
   */
  private stopTicks(host: NodeHost): void {
    if (host.tickPending) {
      this.pendingTicks.remove(host);
      this.enqueue(host.nextTickUs, host.nextTickSequence, EventKind.tick, host.id, host.tickGeneration, null);
    }
    host.tickGeneration++;
  }

  /** Schedules the node's next tick; a sequence number taken now puts it in the order a queued event would have. */
  private setNextTick(host: NodeHost, atUs: number): void {
    if (host.tickPending) this.pendingTicks.remove(host);
    host.nextTickUs = atUs;
    host.nextTickSequence = this.nextSequence++;
    this.pendingTicks.insert(host);
  }

  private crash(host: NodeHost): void {
    host.up = false;
    host.paused = false;
    host.instance = null;
    host.pendingReady = null;
    host.disk.crash();
    host.awaitingReads.clear();
    host.heldWhilePaused.length = 0;
    host.heldRecordedAs.length = 0;
    host.incarnation++;
    this.stopTicks(host);
    this.stats.crashes++;
    this.trace.record(TraceKind.crash, this.nowUs, host.id, 0, host.incarnation, 0);
    this.monitor.observeCrash(host.id);
  }

  private restart(host: NodeHost): void {
    if (host.retired || host.dormant) return;
    host.up = true;
    this.stats.restarts++;
    this.trace.record(TraceKind.restart, this.nowUs, host.id, 0, host.incarnation, 0);
    const persisted = host.disk.isEmpty() ? null : host.disk.read();
    this.monitor.observeRestart(host.id, persisted);
    this.startNode(host, persisted);
    this.scheduleTicks(host, host.tickPeriodUs);
  }

  private pause(host: NodeHost): void {
    host.paused = true;
    this.stopTicks(host);
    this.cluster.node(host.id).paused = true;
    this.trace.record(TraceKind.pause, this.nowUs, host.id, 0, 0, 0);
  }

  private resume(host: NodeHost): void {
    host.paused = false;
    this.cluster.node(host.id).paused = false;
    this.trace.record(TraceKind.resume, this.nowUs, host.id, 0, host.heldWhilePaused.length, 0);
    // What arrived while the process was stopped waits in its socket buffer and is read at once.
    host.heldWhilePaused.forEach((message, index) => {
      this.schedule(this.nowUs, EventKind.deliver, message.to, host.incarnation, message, host.heldRecordedAs[index]!);
    });
    host.heldWhilePaused.length = 0;
    host.heldRecordedAs.length = 0;
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
    // Once settled, the run is in its liveness phase: nothing may break the cluster again.
    if (this.settled && INJECTING_ACTIONS.has(action.type)) return false;
    switch (action.type) {
      case 'partition': {
        const groups = this.resolveGroups(action.groups);
        this.network.partition(groups);
        this.trace.record(TraceKind.partition, this.nowUs, 0, 0, groups.length, 0, { ...action, groups });
        return true;
      }
      case 'isolate': {
        const node = this.resolveRef(action.node);
        if (node === null) return false;
        this.network.isolate(node);
        this.trace.record(TraceKind.partition, this.nowUs, node, 0, 0, 0, { ...action, node });
        return true;
      }
      case 'cut': {
        const from = this.resolveNodes(action.from);
        const to = this.resolveNodes(action.to);
        let cuts = 0;
        for (const sender of from) {
          for (const receiver of to) {
            if (sender === receiver) continue;
            this.network.cutLink(sender, receiver);
            cuts++;
          }
        }
        if (cuts === 0) return false;
        this.trace.record(TraceKind.cut, this.nowUs, from[0]!, to[0]!, cuts, 0, { ...action, from, to });
        return true;
      }
      case 'heal':
        this.network.heal();
        this.trace.record(TraceKind.heal, this.nowUs, 0, 0, 0, 0, action);
        return true;
      case 'crash':
        return this.forEachHost(action.nodes, (host) => host.up, (host) => this.crash(host));
      case 'restart':
        return this.forEachHost(action.nodes === 'crashed' ? 'all' : action.nodes, (host) => host.restartable, (host) => this.restart(host));
      case 'pause':
        return this.forEachHost(action.nodes, (host) => host.up && !host.paused, (host) => this.pause(host));
      case 'resume':
        return this.forEachHost(action.nodes === 'paused' ? 'all' : action.nodes, (host) => host.up && host.paused, (host) => this.resume(host));
      case 'network':
        return this.changeNetwork(action);
      case 'restore-network':
        this.network.restore(this.options.network);
        // In the liveness phase the network's own loss, duplication and reordering stay off.
        if (this.settled) this.network.change({ lossRate: 0, duplicateRate: 0, reorderRate: 0 });
        this.trace.record(TraceKind.networkChange, this.nowUs, 0, 0, 0, 0, action);
        return true;
      case 'clock-drift': {
        const host = this.hostFor(this.resolveRef(action.node));
        if (host === null || !(action.rate > 0)) return false;
        // The new rate applies from the node's next tick on.
        host.tickPeriodUs = Math.max(1, Math.round(this.tickUs / action.rate));
        this.trace.record(TraceKind.clockDrift, this.nowUs, host.id, 0, host.tickPeriodUs, 0, action);
        return true;
      }
      case 'align-timers':
        return this.alignTimers(this.resolveNodes(action.nodes), action);
      case 'propose':
        return this.proposeDirectly(action.to ?? 'leader', action.count);
      case 'settle':
        this.settle();
        return true;
      case 'transfer-leadership':
        return this.transferLeadership(action);
      case 'add-server':
      case 'remove-server':
        return this.changeMembership(action);
    }
  }

  /**
   * Asks the leader to add or remove one server (§4.2). `spare` names the lowest-numbered node outside
   * the leader's configuration that was never retired; `follower`, a member other than the leader.
   */
  private changeMembership(action: Extract<FaultAction, { type: 'add-server' | 'remove-server' }>): boolean {
    const leader = this.hostFor(this.resolveRef('leader'));
    if (leader === null || leader.paused || leader.instance?.proposeConfigChange === undefined) return false;
    const members = this.cluster.configurationOf(this.cluster.node(leader.id));
    let node: NodeId | null;
    if (action.node === 'spare') {
      node = this.members.find((id) => !members.includes(id) && this.isSpare(id)) ?? null;
    } else if (action.node === 'follower') {
      node = members.find((id) => id !== leader.id) ?? null;
    } else {
      node = this.resolveRef(action.node);
    }
    if (node === null || this.hosts[node - 1]!.retired) return false;
    // A server that was a member once is decommissioned once removed, never added back.
    if (action.type === 'add-server' && !this.isSpare(node)) return false;
    if (action.type === 'remove-server' && action.keepAtLeast !== undefined && members.length - 1 < action.keepAtLeast) return false;
    const add = action.type === 'add-server';
    this.nodeInControl = leader.id;
    const result = leader.instance.proposeConfigChange(add ? { type: 'add', node } : { type: 'remove', node });
    this.trace.record(TraceKind.membershipChange, this.nowUs, leader.id, node, result.accepted ? result.index : 0, add ? 1 : 0, {
      ...action,
      node,
      ...(result.accepted ? {} : { refused: result.reason ?? 'refused' }),
    });
    this.processReady(leader);
    const joining = this.hosts[node - 1]!;
    if (result.accepted && joining.dormant) this.switchOn(joining);
    return result.accepted;
  }

  /**
   * A spare server is switched on as the configuration that adds it goes out: from its disk if it ran
   * before (its add then failed), empty otherwise.
   */
  private switchOn(host: NodeHost): void {
    host.dormant = false;
    this.cluster.node(host.id).dormant = false;
    this.joining.add(host.id);
    this.restart(host);
  }

  /**
   * After a configuration commits. A server it removes is shut down for good, as an operator would
   * decommission it: left running, it would never learn of its removal and would disrupt the cluster
   * with elections (dissertation §4.2.3). A server switched on for an add that was never committed, and
   * that no member's configuration holds any more, is switched off again, its disk kept.
   */
  private afterConfigurationCommitted(): void {
    const members = this.cluster.committedConfiguration();
    for (const member of members) {
      this.everMembers.add(member);
      this.joining.delete(member);
    }
    for (const host of this.hosts) {
      if (host.retired || host.dormant || members.includes(host.id)) continue;
      if (this.everMembers.has(host.id)) {
        if (host.up) this.crash(host);
        host.retired = true;
        host.disk.wipe();
        this.cluster.node(host.id).retired = true;
        this.trace.record(TraceKind.retire, this.nowUs, host.id, 0, 0, 0);
      } else if (!this.heldByAnyMember(host.id, members)) {
        if (host.up) this.crash(host);
        host.dormant = true;
        this.joining.delete(host.id);
        this.cluster.node(host.id).dormant = true;
        this.trace.record(TraceKind.retire, this.nowUs, host.id, 0, 1, 0);
      }
    }
  }

  /** A server never in a committed configuration (as far as the observed history goes), nor retired. */
  private isSpare(node: NodeId): boolean {
    return !this.hosts[node - 1]!.retired && !this.everMembers.has(node) && !this.cluster.committedConfiguration().includes(node);
  }

  /** Whether any member that is up holds a configuration with `node` in its log (an add under way). */
  private heldByAnyMember(node: NodeId, members: readonly NodeId[]): boolean {
    return members.some((member) => {
      const observed = this.cluster.node(member);
      return observed.up && this.cluster.configurationOf(observed).includes(node);
    });
  }

  private forEachHost(selection: NodeSelection, applies: (host: NodeHost) => boolean, act: (host: NodeHost) => void): boolean {
    const hosts = this.resolveNodes(selection)
      .map((node) => this.hosts[node - 1]!)
      .filter(applies);
    for (const host of hosts) act(host);
    return hosts.length > 0;
  }

  private changeNetwork(action: Extract<FaultAction, { type: 'network' }>): boolean {
    const reset = action.reset === true;
    if (action.from === undefined && action.to === undefined) {
      const before = this.network.globalSettings();
      if (reset) this.network.restore(this.options.network);
      else this.network.change(action.change);
      this.trace.record(TraceKind.networkChange, this.nowUs, 0, 0, 0, 0, action);
      this.undoLater(action.forMs, () => this.network.restoreGlobalSettings(before));
      return true;
    }
    // Roles are resolved once, now: the undo applies to these links whoever leads by then.
    const from = action.from === undefined ? this.members : this.resolveNodes(action.from);
    const to = action.to === undefined ? this.members : this.resolveNodes(action.to);
    const before: [NodeId, NodeId, readonly number[]][] = [];
    for (const sender of from) {
      for (const receiver of to) {
        if (sender === receiver) continue;
        before.push([sender, receiver, this.network.linkSettings(sender, receiver)]);
        this.network.changeLink(sender, receiver, action.change, reset);
      }
    }
    if (before.length === 0) return false;
    this.trace.record(TraceKind.networkChange, this.nowUs, from.length === 1 ? from[0]! : 0, to.length === 1 ? to[0]! : 0, before.length, 0, action);
    this.undoLater(action.forMs, () => {
      for (const [sender, receiver, settings] of before) this.network.restoreLinkSettings(sender, receiver, settings);
    });
    return true;
  }

  private undoLater(forMs: number | undefined, undo: () => void): void {
    if (forMs === undefined) return;
    this.undos.push(undo);
    this.schedule(this.nowUs + Math.round(forMs * 1000), EventKind.undo, 0, this.undos.length - 1, null);
  }

  /**
   * Aligned nodes tick at the same instants and draw their election timeouts from copies of one stream,
   * so nodes that hear the same heartbeats time out on the same tick. An empty set ends every alignment.
   */
  private alignTimers(nodes: readonly NodeId[], action: FaultAction): boolean {
    if (nodes.length === 0) {
      for (const host of this.hosts) host.timerRandom.use(null);
      this.trace.record(TraceKind.alignTimers, this.nowUs, 0, 0, 0, 0, action);
      return true;
    }
    const alignment = ++this.alignments;
    const hosts = nodes.map((node) => this.hosts[node - 1]!).filter((host) => host.up && !host.paused);
    if (hosts.length === 0) return false;
    const nextTickUs = Math.max(...hosts.map((host) => (host.tickPending ? host.nextTickUs : this.nowUs + host.tickPeriodUs)));
    for (const host of hosts) {
      host.timerRandom.use(new RandomStream(this.options.seed, STREAM.alignedTimers(alignment)));
      host.tickPeriodUs = this.tickUs;
      this.setNextTick(host, nextTickUs);
    }
    this.trace.record(TraceKind.alignTimers, this.nowUs, hosts[0]!.id, 0, hosts.length, 0, { ...action, nodes: hosts.map((host) => host.id) });
    return true;
  }

  private proposeDirectly(target: NodeRef, count: number): boolean {
    const host = this.hostFor(this.resolveRef(target));
    if (host === null || !host.up || host.paused) return false;
    let accepted = 0;
    for (let index = 0; index < Math.min(count, 100_000); index++) {
      const command = `p${++this.proposals}`;
      this.nodeInControl = host.id;
      const result = host.instance!.propose(command);
      this.trace.record(TraceKind.propose, this.nowUs, host.id, 0, result.accepted ? result.index : 0, result.accepted ? 1 : 0, command);
      if (!result.accepted) break;
      accepted++;
      this.stats.proposalsAccepted++;
      this.processReady(host);
    }
    return accepted > 0;
  }

  private transferLeadership(action: Extract<FaultAction, { type: 'transfer-leadership' }>): boolean {
    // The successor is chosen before the leader, so that `follower` names a node other than it.
    const leader = this.hostFor(this.resolveRef('leader'));
    const successor = this.resolveRef(action.to);
    if (leader === null || successor === null || successor === leader.id || leader.instance?.transferLeadership === undefined) return false;
    this.nodeInControl = leader.id;
    const accepted = leader.instance.transferLeadership(successor);
    if (accepted) this.trace.record(TraceKind.leadershipTransfer, this.nowUs, leader.id, successor, 0, 0, action);
    this.processReady(leader);
    return accepted;
  }

  /** The start of a liveness phase: every fault healed and no more injected. */
  private settle(): void {
    this.settled = true;
    this.network.heal();
    this.network.restore(this.options.network);
    // Loss, duplication and reordering are faults too, however they were configured.
    this.network.change({ lossRate: 0, duplicateRate: 0, reorderRate: 0 });
    for (const host of this.hosts) host.timerRandom.use(null);
    for (const host of this.hosts) {
      if (host.restartable) this.restart(host);
      else if (host.paused) this.resume(host);
    }
    this.trace.record(TraceKind.settle, this.nowUs, 0, 0, 0, 0, null);
  }

  // ---- Choosing nodes -----------------------------------------------------------------------------

  /** The nodes a selection names now; roles are resolved against the observed cluster. */
  resolveNodes(selection: NodeSelection, named: ReadonlySet<NodeId> = new Set()): NodeId[] {
    if (typeof selection === 'number' || selection === 'leader' || selection === 'follower') {
      const node = this.resolveRef(selection);
      return node === null ? [] : [node];
    }
    if (Array.isArray(selection)) {
      const nodes: NodeId[] = [];
      for (const ref of selection as readonly NodeRef[]) {
        const node = this.resolveRef(ref);
        if (node !== null && !nodes.includes(node)) nodes.push(node);
      }
      return nodes;
    }
    const leader = this.resolveRef('leader');
    switch (selection as Exclude<NodeSet, readonly NodeRef[]>) {
      case 'all':
        return this.members.slice();
      case 'none':
        return [];
      case 'followers':
        return this.cluster.nodes.filter((node) => node.up && node.id !== leader).map((node) => node.id);
      case 'rest':
        return this.members.filter((node) => !named.has(node));
      case 'any-minority':
        return this.pickRandom.shuffled(this.members).slice(0, this.pickRandom.int(1, Math.max(1, majority(this.members.length) - 1)));
      case 'any-majority':
        return this.pickRandom.shuffled(this.members).slice(0, this.pickRandom.int(majority(this.members.length), this.members.length));
    }
  }

  private resolveGroups(groups: readonly NodeSet[]): NodeId[][] {
    const named = new Set<NodeId>();
    const resolved: (NodeId[] | null)[] = groups.map((group) => {
      if (group === 'rest') return null;
      const nodes = this.resolveNodes(group, named);
      for (const node of nodes) named.add(node);
      return nodes;
    });
    return resolved.map((group) => group ?? this.members.filter((node) => !named.has(node))).filter((group) => group.length > 0);
  }

  /**
   * A node by number, or by role: `leader` is the up node that leads the highest term, as observed;
   * `follower` the lowest-numbered up node other than it. Null when there is none.
   */
  private resolveRef(ref: NodeRef): NodeId | null {
    if (typeof ref === 'number') return ref >= 1 && ref <= this.hosts.length ? ref : null;
    let leader: NodeId | null = null;
    let leaderTerm = -1;
    for (const node of this.cluster.nodes) {
      if (node.up && node.role === 'leader' && node.term > leaderTerm) {
        leader = node.id;
        leaderTerm = node.term;
      }
    }
    if (ref === 'leader') return leader;
    const follower = this.cluster.nodes.find((node) => node.up && !node.paused && node.id !== leader);
    return follower === undefined ? null : follower.id;
  }

  private hostFor(node: NodeId | null): NodeHost | null {
    return node === null ? null : (this.hosts[node - 1] ?? null);
  }

  // ---- Helpers ------------------------------------------------------------------------------------

  private schedule(timeUs: number, kind: EventKind, node: NodeId, tag: number, message: Message | null, recordedAs = -1, senderIncarnation = -1): boolean {
    return this.enqueue(timeUs, this.nextSequence++, kind, node, tag, message, recordedAs, senderIncarnation);
  }

  private enqueue(
    timeUs: number,
    sequence: number,
    kind: EventKind,
    node: NodeId,
    tag: number,
    message: Message | null,
    recordedAs = -1,
    senderIncarnation = -1,
  ): boolean {
    const event = this.spareEvents.pop();
    if (event === undefined) return this.queue.push(new SimulationEvent(timeUs, sequence, kind, node, tag, message, recordedAs, senderIncarnation));
    event.timeUs = timeUs;
    event.sequence = sequence;
    event.kind = kind;
    event.node = node;
    event.tag = tag;
    event.message = message;
    event.recordedAs = recordedAs;
    event.senderIncarnation = senderIncarnation;
    if (this.queue.push(event)) return true;
    this.spare(event);
    return false;
  }

  private spare(event: SimulationEvent): void {
    event.message = null;
    this.spareEvents.push(event);
  }

  private committedHistoryGrew(fromIndex: number, entries: readonly (Entry | null)[], toIndex: number): void {
    let configChanged = false;
    for (let index = fromIndex; index <= toIndex; index++) {
      const entry = entries[index];
      if (entry === null || entry === undefined) continue;
      if (entry.kind === 'config') configChanged = true;
      if (entry.kind !== 'command') continue;
      this.stats.commandsCommitted++;
      const proposedAtUs = this.workload.proposedAtUs.get(entry.command);
      if (proposedAtUs !== undefined) {
        this.commitLatenciesUs.push(this.nowUs - proposedAtUs);
        this.workload.proposedAtUs.delete(entry.command);
      }
    }
    // Retiring crashes nodes, which must not happen in the middle of observing a Ready. An add that
    // failed shows only as other entries committed in its place, so joins are checked on any growth.
    if (configChanged || this.joining.size > 0) this.schedule(this.nowUs, EventKind.retire, 0, 0, null);
  }
}

/** The order of the event queue: by time, then by sequence number. */
function comesFirst(timeUs: number, sequence: number, otherTimeUs: number, otherSequence: number): boolean {
  return timeUs < otherTimeUs || (timeUs === otherTimeUs && sequence < otherSequence);
}

/**
 * The nodes' pending ticks, in the order of the event queue (time, then sequence number), as a list
 * threaded through the hosts. Ticks are most of a run's events. Kept here, a tick costs no allocation
 * and no heap operation; and a node that ticks is rescheduled a period later, almost always behind every
 * other pending tick, so inserting from the back finds its place in a step or two.
 */
class PendingTicks {
  first: NodeHost | null = null;
  private last: NodeHost | null = null;

  insert(host: NodeHost): void {
    let earlier = this.last;
    while (earlier !== null && comesFirst(host.nextTickUs, host.nextTickSequence, earlier.nextTickUs, earlier.nextTickSequence)) {
      earlier = earlier.earlierTick;
    }
    const later = earlier === null ? this.first : earlier.laterTick;
    host.earlierTick = earlier;
    host.laterTick = later;
    if (earlier === null) this.first = host;
    else earlier.laterTick = host;
    if (later === null) this.last = host;
    else later.earlierTick = host;
    host.tickPending = true;
  }

  remove(host: NodeHost): void {
    const earlier = host.earlierTick;
    const later = host.laterTick;
    if (earlier === null) this.first = later;
    else earlier.laterTick = later;
    if (later === null) this.last = earlier;
    else later.earlierTick = earlier;
    host.earlierTick = null;
    host.laterTick = null;
    host.tickPending = false;
  }
}

export function runSimulation(options: SimulationOptions, checkers?: readonly Checker[]): RunResult {
  return new Simulation(options, checkers).run();
}
