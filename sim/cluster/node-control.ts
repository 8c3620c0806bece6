/**
 * The one place that calls a node's code: it starts nodes, hands them ticks, messages, proposals,
 * reads, leadership transfers and configuration changes, and carries out each Ready they hand back.
 * Whichever node's code is running is the node in control, so that an exception is blamed on that
 * implementation and reported as the run's failure instead of crashing the simulator.
 */
import { ImplementationUnreachable } from '../../core/contract.js';
import type { ProposeResult, Ready, RejectedMessage } from '../../core/contract.js';
import type { ConfigChange } from '../../core/configuration.js';
import type { Message } from '../../core/messages.js';
import type { NodeId, PersistentState, Snapshot } from '../../core/types.js';
import type { Monitor } from '../checking/monitor.js';
import type { KvClients } from '../kv/kv-clients.js';
import type { ObservedCluster } from '../checking/observed-cluster.js';
import type { ServerRules } from '../checking/server-rules.js';
import type { RandomStream } from '../engine/random-streams.js';
import { EventKind } from '../events.js';
import type { SimulationEvent, SimulationLoop } from '../events.js';
import type { SimulationOptions } from '../options.js';
import { coreOptionsFor } from '../options.js';
import { printable } from '../printable.js';
import type { RunStats } from '../stats.js';
import { messageCode, RejectReason, TamperKind, TraceKind } from '../trace/trace.js';
import type { TraceRecorder } from '../trace/trace.js';
import type { NodeHost } from './host.js';
import type { Network, Receiver } from './network.js';
import { MessageValidator } from './message-validation.js';
import type { Attacks } from './attacks.js';
import type { MessageIntegrityRule } from '../checking/message-integrity.js';
import type { ReadLedger } from './reads.js';
import { thrownAt } from './thrown-at.js';

/** A message an implementation handed out breaks the contract: the sender's failure, stopping the run. */
class MalformedMessage extends Error {}

/** Bounds a node's output for one input, whatever an implementation does. */
const MAX_READY_ROUNDS_PER_INPUT = 64;

export interface NodeControlParts {
  readonly options: SimulationOptions;
  readonly initialMembers: readonly NodeId[];
  readonly hosts: readonly NodeHost[];
  readonly loop: SimulationLoop;
  readonly network: Network;
  readonly cluster: ObservedCluster;
  readonly monitor: Monitor;
  readonly rules: ServerRules;
  readonly trace: TraceRecorder;
  readonly stats: RunStats;
  readonly reads: ReadLedger;
  /** Attacks beyond Raft's fault model, and the rule that no node acts on what they made. */
  readonly attacks: Attacks;
  readonly messageIntegrity: MessageIntegrityRule;
}

export class NodeControl implements Receiver {
  /** The node whose code is running; 0 while the simulator's own code runs. */
  private nodeInControl: NodeId = 0;
  private readonly options: SimulationOptions;
  private readonly initialMembers: readonly NodeId[];
  private readonly hosts: readonly NodeHost[];
  private readonly loop: SimulationLoop;
  private readonly network: Network;
  private readonly cluster: ObservedCluster;
  private readonly monitor: Monitor;
  private readonly rules: ServerRules;
  private readonly trace: TraceRecorder;
  private readonly stats: RunStats;
  private readonly reads: ReadLedger;
  private readonly attacks: Attacks;
  private readonly messageIntegrity: MessageIntegrityRule;
  private readonly diskLatencyMinUs: number;
  private readonly diskLatencyMaxUs: number;
  /**
   * Read after every Ready, so copied here: each run builds its options afresh, and an options object
   * of another hidden shape in the engine made the code that read it be thrown away and compiled again.
   */
  private readonly snapshotThreshold: number;
  private readonly validator: MessageValidator;
  /** The key-value workload's clients, answered from the state machines and the nodes' acknowledgements; null without that workload. */
  kvClients: KvClients | null = null;

  constructor(
    parts: NodeControlParts,
    private readonly diskRandom: RandomStream,
  ) {
    ({ options: this.options, initialMembers: this.initialMembers, hosts: this.hosts, loop: this.loop, network: this.network } = parts);
    ({ cluster: this.cluster, monitor: this.monitor, rules: this.rules, trace: this.trace, stats: this.stats, reads: this.reads } = parts);
    ({ attacks: this.attacks, messageIntegrity: this.messageIntegrity } = parts);
    this.diskLatencyMinUs = Math.round(this.options.disk.latencyMinMs * 1000);
    this.diskLatencyMaxUs = Math.round(this.options.disk.latencyMaxMs * 1000);
    this.snapshotThreshold = this.options.snapshotThreshold;
    this.validator = new MessageValidator(this.options.nodeCount, this.options.implementation.extraMessageTypes ?? []);
  }

  /** An exception from the node in control is that implementation's failure, reported with where it was thrown. */
  handleThrown(error: unknown): void {
    if (error instanceof MalformedMessage) {
      this.monitor.report('malformed-message', error.message);
      this.nodeInControl = 0;
      this.loop.outcome = 'violation';
      return;
    }
    // A node that cannot be reached (its process is gone) leaves no run to judge: the caller reports it.
    if (this.nodeInControl === 0 || error instanceof ImplementationUnreachable) throw error;
    // An implementation's message is text from outside: escaped and bounded before any report prints it.
    const text = printable(error instanceof Error ? error.message : String(error), 1000);
    const frame = thrownAt(error);
    this.monitor.report('implementation-error', `node ${this.nodeInControl} threw: ${text}${frame === undefined ? '' : ` (${frame})`}`);
    this.nodeInControl = 0;
    this.loop.outcome = 'violation';
  }

  /** Creates the node's code from what its disk holds (null: a node that never ran). */
  start(host: NodeHost, persisted: PersistentState | null): void {
    this.nodeInControl = host.id;
    const snapshot = persisted?.snapshot ?? null;
    if (snapshot !== null) host.machine.restore(snapshot);
    else host.machine.reset();
    this.rules.started(host.id);
    this.messageIntegrity.forget(host.id);
    try {
      host.instance = this.options.implementation.create({
        id: host.id,
        members: this.initialMembers,
        options: coreOptionsFor(this.options, host.id),
        random: host.timerRandom,
        persisted,
      });
    } catch (error) {
      // Thrown while the simulation is being set up, outside a step: the run ends here.
      this.handleThrown(error);
      return;
    }
    this.nodeInControl = 0;
  }

  /** The host drops the node's code (a crash, a removal): it is closed, and nothing of it is called again. */
  drop(host: NodeHost): void {
    const instance = host.instance;
    host.instance = null;
    if (instance === null || instance.close === undefined) return;
    this.nodeInControl = host.id;
    instance.close();
    this.nodeInControl = 0;
  }

  /**
   * The run is over, however it ended: every node's code is closed. What a close throws now changes
   * nothing of the run, and must not stop the others from closing.
   */
  dropAll(): void {
    for (const host of this.hosts) {
      const instance = host.instance;
      host.instance = null;
      try {
        instance?.close?.();
      } catch {
        // Nothing to report it to: the run's result is already what it is.
      }
    }
  }

  /** The node's live tick chain came to its next tick. */
  tick(host: NodeHost): void {
    this.loop.setNextTick(host, this.loop.nowUs + host.tickPeriodUs);
    this.trace.record(TraceKind.tick, this.loop.nowUs, host.id, 0, 0, 0);
    this.nodeInControl = host.id;
    this.rules.ticked(host.id);
    host.instance!.tick();
    this.processReady(host);
    this.rules.handled(host.id, host.pendingReady !== null);
  }

  /** The network delivers a message to its target. */
  receive(message: Message): void {
    const host = this.hosts[message.to - 1]!;
    this.nodeInControl = host.id;
    const observed = this.cluster.node(host.id);
    // What an attack altered or made up is judged by the message-integrity rule alone: with integrity on,
    // a node refuses it, and owes it neither a term nor a timer restart. A replay is what its sender said.
    const tamper = this.attacks.armed || this.messageIntegrity.watching ? this.attacks.tamperOf(message) : undefined;
    if (tamper === undefined || tamper === TamperKind.replayed) this.rules.delivering(host.id, message, observed.term, host.pendingReady !== null);
    else this.messageIntegrity.stepping(observed, message, tamper);
    observed.heard(message);
    host.instance!.step(message);
    this.processReady(host);
    this.rules.handled(host.id, host.pendingReady !== null);
  }

  /** Proposes a command to a node that is up and running; a refused command is followed by its Ready only if asked. */
  propose(host: NodeHost, command: string, readyAfterRefusal = true): ProposeResult {
    this.nodeInControl = host.id;
    const result = host.instance!.propose(command);
    this.trace.record(TraceKind.propose, this.loop.nowUs, host.id, 0, result.accepted ? result.index : 0, result.accepted ? 1 : 0, command);
    if (result.accepted) this.stats.proposalsAccepted++;
    if (result.accepted || readyAfterRefusal) this.processReady(host);
    return result;
  }

  /**
   * Asks a node for read `number`; false when it does not take it or cannot serve reads at all. A read
   * of the key-value workload is not `ledgered`: what its client saw is judged by the linearizability
   * check of the whole history, not read by read.
   */
  read(host: NodeHost, number: number, ledgered = true): boolean {
    if (host.instance!.read === undefined) return false;
    this.nodeInControl = host.id;
    const taken = host.instance!.read(number);
    this.trace.record(TraceKind.read, this.loop.nowUs, host.id, 0, number, taken ? 1 : 0);
    if (taken && ledgered) this.reads.taken(number, { node: host.id, invokedAtUs: this.loop.nowUs, committedAtInvocation: this.cluster.declaredLength() });
    this.processReady(host);
    return taken;
  }

  /**
   * Asks a leader to hand leadership to `successor` (dissertation §3.10); false when it cannot be asked
   * or refuses. `recordAs` runs before the leader's Ready is carried out.
   */
  transferLeadership(leader: NodeHost, successor: NodeId, recordAs: (accepted: boolean) => void): boolean {
    if (leader.instance?.transferLeadership === undefined) return false;
    this.nodeInControl = leader.id;
    const accepted = leader.instance.transferLeadership(successor);
    recordAs(accepted);
    this.processReady(leader);
    return accepted;
  }

  /** Asks a leader for a configuration change (§4.2); `recordAs` runs before the leader's Ready is carried out. */
  proposeConfigChange(leader: NodeHost, change: ConfigChange, recordAs: (result: ProposeResult) => void): ProposeResult {
    this.nodeInControl = leader.id;
    const result = leader.instance!.proposeConfigChange!(change);
    recordAs(result);
    this.processReady(leader);
    return result;
  }

  /** Whether the node's code can take configuration changes at all. */
  takesConfigChanges(host: NodeHost): boolean {
    return host.instance?.proposeConfigChange !== undefined;
  }

  /**
   * Carries out a node's Ready as the contract says: persist, then send, then apply, then advance.
   * With a disk latency, a Ready with state to persist waits until the write is durable, and the node
   * is asked for no further Ready until then.
   */
  processReady(host: NodeHost): void {
    if (host.pendingReady !== null) return;
    const instance = host.instance!;
    this.nodeInControl = host.id;
    for (let round = 0; instance.hasReady(); round++) {
      if (round >= MAX_READY_ROUNDS_PER_INPUT) {
        throw new Error(`still had output after ${MAX_READY_ROUNDS_PER_INPUT} Ready rounds for one input`);
      }
      const ready: Ready = instance.ready();
      this.validateMessages(host.id, ready);
      const rejected = ready.rejected;
      if (rejected !== undefined && rejected.length > 0) this.recordRejected(host.id, rejected);
      this.rules.readyTaken(host.id, ready);
      if (this.messageIntegrity.watching) this.messageIntegrity.readyTaken(host.id, ready);
      if (this.diskLatencyMaxUs > 0 && (ready.hardState !== null || ready.logWrite !== null || (ready.snapshot ?? null) !== null)) {
        host.pendingReady = ready;
        const latencyUs = this.diskRandom.int(this.diskLatencyMinUs, this.diskLatencyMaxUs);
        this.loop.schedule(this.loop.nowUs + latencyUs, EventKind.diskWritten, host.id, host.incarnation, null);
        break;
      }
      this.completeReady(host, ready);
    }
    this.nodeInControl = 0;
  }

  /** What the node refused on sight (integrity on), for the trace, the timeline and the explorer. */
  private recordRejected(node: NodeId, rejected: readonly RejectedMessage[]): void {
    for (const { message, reason } of rejected) {
      const code = reason.startsWith('checksum') ? RejectReason.checksum : reason.startsWith('MAC') ? RejectReason.sender : reason.includes('outside') ? RejectReason.outsider : RejectReason.other;
      this.trace.record(TraceKind.rejected, this.loop.nowUs, node, message.from, messageCode(message), code, { reason, message });
    }
  }

  /** Every message is checked as the node hands it out, before the host persists or sends anything of its Ready. */
  private validateMessages(sender: NodeId, ready: Ready): void {
    const messages = ready.messages;
    for (let index = 0; index < messages.length; index++) {
      const problem = this.validator.problem(messages[index], sender);
      if (problem !== null) throw new MalformedMessage(problem);
    }
  }

  private completeReady(host: NodeHost, ready: Ready): void {
    const snapshot: Snapshot | null = ready.snapshot ?? null;
    host.disk.beginWrite();
    if (ready.hardState !== null) host.disk.persistHardState(ready.hardState);
    if (snapshot !== null) host.disk.installSnapshot(snapshot);
    if (ready.logWrite !== null) host.disk.persistLog(ready.logWrite);
    this.monitor.observeReady(host.id, ready);
    const messages = ready.messages;
    for (let index = 0; index < messages.length; index++) this.network.send(messages[index]!, this.nodeInControl);
    if (snapshot !== null) host.machine.restore(snapshot);
    const committed = ready.committedEntries;
    if (committed !== null && committed.entries.length > 0) host.machine.apply(committed.fromIndex, committed.entries);
    const readStates = ready.readStates;
    if (readStates !== undefined && readStates.length > 0) host.awaitingReads.add(readStates);
    const acknowledged = ready.acknowledgedIndexes;
    if (acknowledged !== undefined && acknowledged.length > 0) this.acknowledge(host, acknowledged);
    host.instance!.advance(ready);
    this.answerReads(host);
    this.maybeCompact(host);
  }

  /** A write became durable: the rest of its Ready goes ahead, then whatever the node has since. */
  handleDiskWritten(event: SimulationEvent): void {
    const host = this.hosts[event.subject - 1]!;
    // A crash in between lost the write together with everything the Ready would have sent.
    if (!host.up || host.incarnation !== event.tag || host.pendingReady === null) return;
    if (host.paused) {
      // The write is on the disk, but the stopped process learns of it only when it runs again.
      this.loop.schedule(this.loop.nowUs + host.tickPeriodUs, EventKind.diskWritten, host.id, host.incarnation, null);
      return;
    }
    const ready = host.pendingReady;
    host.pendingReady = null;
    this.nodeInControl = host.id;
    this.completeReady(host, ready);
    this.processReady(host);
  }

  /** Answers the reads the node's state machine has caught up with. */
  private answerReads(host: NodeHost): void {
    // Most Readies come with no read waiting: nothing to take, nothing to allocate.
    if (host.awaitingReads.isEmpty) return;
    for (const read of host.awaitingReads.takeAnswerable(host.machine.appliedIndex)) {
      if (this.kvClients !== null && this.kvClients.readAnswered(read.context, (key) => host.machine.kv?.get(key) ?? null)) continue;
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

  /**
   * The node says the client commands at these indexes of its log are done (contract: Ready.acknowledgedIndexes):
   * their clients are answered on its word. An index the node holds no command at is ignored.
   */
  private acknowledge(host: NodeHost, indexes: readonly number[]): void {
    const clients = this.kvClients;
    if (clients === null) return;
    for (const index of indexes) {
      const entry = Number.isSafeInteger(index) ? host.disk.entryAt(index) : undefined;
      if (entry !== undefined && entry.kind === 'command') clients.acknowledged(host.id, entry.command);
    }
  }

  /** The host's compaction policy (§7): snapshot the state machine once enough was applied since the last. */
  private maybeCompact(host: NodeHost): void {
    const threshold = this.snapshotThreshold;
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
}
