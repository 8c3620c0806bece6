/**
 * A simulation run: the parts wired together. The engine (engine/) keeps the virtual clock and the
 * order of events; the cluster (cluster/) runs the nodes, their disks, the network between them, the
 * clients and the membership operator; the faults (faults/) break and repair it; the checking part
 * (checking/, checkers/) watches every change, and the trace (trace/) records it. After each event
 * every checker has seen every change it caused. A run is a function of its options alone.
 */
import { checkArguments, optional } from '../core/argument-checks.js';
import type { Message } from '../core/messages.js';
import type { NodeId } from '../core/types.js';
import { createAllCheckers } from './checkers/all.js';
import type { Checker } from './checkers/checker.js';
import { Monitor } from './checking/monitor.js';
import { ObservedCluster } from './checking/observed-cluster.js';
import { ServerRules } from './checking/server-rules.js';
import { Attacks } from './cluster/attacks.js';
import { MessageIntegrityRule } from './checking/message-integrity.js';
import { Clients } from './cluster/clients.js';
import { NodeHost } from './cluster/host.js';
import { HostLifecycle } from './cluster/lifecycle.js';
import { MembershipOperator } from './cluster/membership.js';
import { Network } from './cluster/network.js';
import { NodeControl } from './cluster/node-control.js';
import { ReadLedger } from './cluster/reads.js';
import { EventLoop } from './engine/event-loop.js';
import type { EventHandler } from './engine/event-loop.js';
import { RandomStream, STREAM } from './engine/random-streams.js';
import { SwitchableRandom } from './cluster/switchable-random.js';
import { EventKind } from './events.js';
import type { SimulationEvent, SimulationLoop } from './events.js';
import type { FaultAction, NodeSelection } from './faults/actions.js';
import type { AcceptedProposal } from './faults/context.js';
import { FaultInterpreter } from './faults/interpreter.js';
import { LeaderCrashes } from './faults/leader-crashes.js';
import { switchToLiveness } from './faults/liveness.js';
import { NodeSelector } from './faults/selectors.js';
import type { SimulationOptions } from './options.js';
import { coreOptionsFor, simulationOptionsProblem } from './options.js';
import { CHECKERS, COMPLETE_SIMULATION_OPTIONS } from './argument-rules.js';
import type { RunResult } from './run-result.js';
import { emptyStats, summarizeLatencies } from './stats.js';
import type { RunStats } from './stats.js';
import { TraceRecorder } from './trace/trace.js';
import type { KvClients } from './kv/kv-clients.js';
import { checkRunHistory } from './kv/history-check.js';
import type { LinearizabilityReport } from './kv/linearizability-report.js';
import type { TraceSink } from './trace/trace.js';
import type { RunProgressCells } from './run-progress.js';
import { RUN_PROGRESS_EVENT, RUN_PROGRESS_VIRTUAL_US } from './run-progress.js';

/** Bounds the events waiting at once, whatever an implementation does. */
const MAX_QUEUED_EVENTS = 2_000_000;

export class Simulation implements EventHandler<Message, NodeHost> {
  readonly trace: TraceRecorder;
  readonly stats: RunStats = emptyStats();
  readonly cluster: ObservedCluster;
  readonly reads = new ReadLedger();
  private readonly loop: SimulationLoop;
  private readonly monitor: Monitor;
  private readonly network: Network;
  private readonly control: NodeControl;
  private readonly lifecycle: HostLifecycle;
  private readonly membership: MembershipOperator;
  private readonly clients: Clients;
  private readonly selector: NodeSelector;
  private readonly faults: FaultInterpreter;
  private readonly leaderCrashes: LeaderCrashes | null;
  /** The history's check, made once the run is over. */
  private linearizability: LinearizabilityReport | null = null;
  // Read on every event, copied here for the reason given in network.ts.
  private readonly stopOnViolation: boolean;

  /** With options.trace 'stream', `traceSink` receives the records as the run goes (see TraceRecorder). */
  constructor(
    readonly options: SimulationOptions,
    checkers: readonly Checker[] = createAllCheckers().filter((checker) => !options.skipCheckers.includes(checker.name)),
    traceSink: TraceSink | null = null,
    private readonly progress: RunProgressCells | null = null,
  ) {
    this.stopOnViolation = options.stopOnViolation;
    this.loop = new EventLoop(Math.round(options.durationMs * 1000), options.maxEvents, MAX_QUEUED_EVENTS);
    this.loop.handler = this;
    this.trace = new TraceRecorder(options.trace, Math.max(options.maxEvents * 4, 1024), traceSink);
    const nodes = Array.from({ length: options.nodeCount }, (_, index) => index + 1);
    const initialMembers = options.initialMembers ?? nodes;
    this.cluster = new ObservedCluster(options.nodeCount, initialMembers);
    const monitor = new Monitor(this.cluster, checkers, this.trace, this.stats, options.seed, (from, entries, to) => {
      this.clients.observeCommitted(from, entries, to);
      this.membership.observeCommitted(from, entries, to);
    }, new Set(options.skipCheckers));
    monitor.disksKeepDurableWrites = options.disk.faultOnCrash === 'none';
    this.monitor = monitor;
    const maxTimeoutTicks = Array.from({ length: options.nodeCount + 1 }, (_, id) => coreOptionsFor(options, id).electionTimeoutMaxTicks);
    const rules = new ServerRules(
      options.nodeCount,
      (id) => maxTimeoutTicks[id]!,
      (rule, message) => monitor.report(rule, message),
      (id) => this.cluster.mayStand(this.cluster.node(id)),
    );
    const hosts = createHosts(options);
    this.network = new Network(options.nodeCount, options.network, new RandomStream(options.seed, STREAM.network));
    const { loop, network, cluster, trace, stats, reads } = this;
    const switchedOff = (node: NodeId) => hosts[node - 1]!.dormant || hosts[node - 1]!.retired;
    const attacks = new Attacks(options.nodeCount, new RandomStream(options.seed, STREAM.attacks), trace, cluster, () => loop.nowUs, switchedOff);
    network.attacks = attacks;
    const messageIntegrity = new MessageIntegrityRule((message) => monitor.report('message-integrity', message));
    const parts = { options, initialMembers, hosts, loop, network, cluster, monitor, rules, trace, stats, reads, attacks, messageIntegrity };
    this.control = new NodeControl(parts, new RandomStream(options.seed, STREAM.disk));
    const control = this.control;
    network.connect({ endpoints: hosts, scheduler: loop, trace, stats, receiver: control });
    const lifecycle = (this.lifecycle = new HostLifecycle({ options, hosts, loop, control, network, cluster, monitor, trace, stats }));
    const membership = (this.membership = new MembershipOperator(initialMembers, hosts, cluster, lifecycle, control, loop, trace));
    const kvRandom = options.workload.kv == null ? null : new RandomStream(options.seed, STREAM.workload);
    const clients = (this.clients = new Clients(options, hosts, control, loop, reads, stats, cluster, kvRandom));
    if (clients.kv !== null) connectKvClients(clients.kv, hosts, control);
    const leaderCrashes = (this.leaderCrashes = options.leaderCrashes === null ? null : new LeaderCrashes(options.seed, options.leaderCrashes, hosts, lifecycle, loop));
    monitor.onLeaderElected = (id) => {
      if (leaderCrashes !== null) leaderCrashes.leaderElected(id);
      membership.leaderElected();
    };
    const select = (this.selector = new NodeSelector(nodes, cluster, new RandomStream(options.seed, STREAM.faultPicks)));
    const settle = () => switchToLiveness({ faults, leaderCrashes, clients, network, networkDefaults: options.network, hosts, lifecycle, scheduler: loop, trace });
    const faults = (this.faults = new FaultInterpreter({ options, nodes, hosts, loop, network, lifecycle, control, membership, cluster, select, trace, stats, settle }));
    // The order of these first events is part of the run: each takes the next sequence number.
    try {
      lifecycle.startAll(initialMembers);
      clients.start();
      faults.scheduleAll(options.faults);
    } catch (error) {
      control.dropAll();
      throw error;
    }
  }

  /**
   * Schedules a fault action at a virtual time (not before now). Scenario runners use it for steps whose
   * time is known only once the run has reached them (after a wait).
   */
  scheduleAction(atUs: number, action: FaultAction, rememberAs?: string): number {
    return this.faults.schedule(atUs, action, rememberAs);
  }

  /** Gives `name` to these nodes, for the actions that run later and name it (a scenario step's `as`). */
  rememberNodes(name: string, nodes: readonly NodeId[]): void {
    this.selector.remember(name, nodes);
  }

  /** The command the action scheduled with `rememberAs: name` had accepted first (see FaultInterpreter.proposalNamed). */
  proposalNamed(name: string): AcceptedProposal | null | undefined {
    return this.faults.proposalNamed(name);
  }

  /** Calls `listener` with every message a node sends, as it is sent (before the network decides its fate). */
  watchSentMessages(listener: (message: Message) => void): void {
    this.network.watchSent(listener);
  }

  /** The number of the event at which a scheduled action ran; undefined if it has not run. */
  eventOfAction(index: number): number | undefined {
    return this.faults.eventOfAction(index);
  }

  /** Events handled so far. */
  get eventsHandled(): number {
    return this.loop.eventCount;
  }

  /** The time of the next event, or Infinity when none is pending. */
  nextEventTimeUs(): number {
    return this.loop.nextEventTimeUs();
  }

  /** Whether messages currently cross between two nodes in both directions. */
  linkedBothWays(a: NodeId, b: NodeId): boolean {
    return a === b || (this.network.connected(a, b) && this.network.connected(b, a));
  }

  /** Whether a node is cut off from every other by an isolate action (and not reconnected or healed since). */
  isolated(node: NodeId): boolean {
    return this.network.isIsolated(node);
  }

  /** The nodes a selection names now; roles are resolved against the observed cluster. */
  resolveNodes(selection: NodeSelection, named?: ReadonlySet<NodeId>): NodeId[] {
    return this.selector.resolveNodes(selection, named);
  }

  get isOver(): boolean {
    return this.loop.outcome !== null;
  }

  /** Whether the run stopped at its event bound, short of its duration. */
  get stoppedAtEventBound(): boolean {
    return this.loop.outcome === 'event-limit';
  }

  get virtualTimeUs(): number {
    return this.loop.nowUs;
  }

  /** Runs to the end and reports. */
  run(): RunResult {
    try {
      this.runToEnd();
    } finally {
      this.close();
    }
    return this.result();
  }

  /**
   * Ends the nodes' code (the processes of nodes in another language): run() does it itself; whoever
   * steps a simulation calls it once done with it, however that ends. Stepping after it is an error.
   */
  close(): void {
    this.control.dropAll();
  }

  /**
   * The engine's loop directly, without step() in between: this loop runs once per event. It is a
   * method of its own because the engine compiles a loop this long while it runs ("on stack"): with
   * the report after it in the same method, that code reached the report, which it had never seen
   * run, and was thrown away at the end of every run.
   */
  private runToEnd(): void {
    const loop = this.loop;
    while (loop.step() && !this.stopsAtViolation()) {
      // Each event is handled inside loop.step().
    }
  }

  /** Handles the next event; returns false once the run is over. */
  step(): boolean {
    return this.loop.step() && !this.stopsAtViolation();
  }

  /** After an event: a violation ends the run when asked to, and an implementation's exception always does. */
  private stopsAtViolation(): boolean {
    const violations = this.monitor.violations;
    if (violations.length === 0) return false;
    const checker = violations[violations.length - 1]!.checker;
    if (!(this.stopOnViolation || checker === 'implementation-error' || checker === 'malformed-message')) return false;
    this.loop.outcome = 'violation';
    return true;
  }

  /** The run's result so far (its end, once the run is over); a streamed trace's sink has every record by then. */
  result(): RunResult {
    const kv = this.clients.kv;
    if (kv !== null && this.loop.outcome !== null && this.linearizability === null && this.monitor.violations.length === 0) {
      this.linearizability = checkRunHistory(kv.operations, this.monitor, this.loop.nowUs);
    }
    this.trace.flush();
    this.stats.commitLatencyMs = summarizeLatencies(this.clients.commitLatenciesUs);
    const outcome = this.loop.outcome ?? 'completed';
    return {
      seed: this.options.seed,
      outcome: this.monitor.violations.length > 0 ? 'violation' : outcome,
      traceHash: this.trace.hashHex(),
      events: this.loop.eventCount,
      virtualMs: this.loop.nowUs / 1000,
      violations: this.monitor.violations,
      stats: this.stats,
      finalNodes: this.cluster.snapshots(),
      options: this.options,
      trace: this.trace,
      history: kv === null ? null : kv.operations,
      linearizability: this.linearizability,
    };
  }

  /** Writes where the run is before the event is handled, so that whoever reads the cells sees the event it is stuck in. */
  private noteProgress(cells: RunProgressCells): void {
    cells[RUN_PROGRESS_VIRTUAL_US] = this.loop.nowUs;
    cells[RUN_PROGRESS_EVENT] = this.loop.eventCount;
  }

  // ---- The engine's handler: each event goes to the part it belongs to ----------------------------

  handleTick(host: NodeHost): void {
    this.monitor.timeUs = this.loop.nowUs;
    this.monitor.eventNumber = this.loop.eventCount;
    if (this.progress !== null) this.noteProgress(this.progress);
    this.control.tick(host);
  }

  handleEvent(event: SimulationEvent): void {
    this.monitor.timeUs = this.loop.nowUs;
    this.monitor.eventNumber = this.loop.eventCount;
    if (this.progress !== null) this.noteProgress(this.progress);
    switch (event.kind) {
      case EventKind.stoppedTick:
        return this.lifecycle.handleStoppedTick(event);
      case EventKind.deliver:
        return this.network.handleDelivery(event);
      case EventKind.client:
        return this.clients.handleCommand();
      case EventKind.clientRead:
        return this.clients.handleRead();
      case EventKind.retire:
        return this.membership.afterConfigurationCommitted();
      case EventKind.fault:
        return this.faults.handleFault(event.tag);
      case EventKind.crashLeader:
        return this.leaderCrashes!.handleCrash(event);
      case EventKind.restartNode:
        return this.lifecycle.handleRestart(event);
      case EventKind.undo:
        return this.faults.handleUndo(event.tag);
      case EventKind.diskWritten:
        return this.control.handleDiskWritten(event);
      case EventKind.kvClient:
        return this.clients.kv!.handleWakeUp(event.subject, event.tag);
    }
  }

  handleThrown(error: unknown): void {
    this.control.handleThrown(error);
  }
}

/** One host per node, each with its own timer stream and its clock rate. */
function createHosts(options: SimulationOptions): NodeHost[] {
  const tickUs = Math.round(options.tickMs * 1000);
  return Array.from({ length: options.nodeCount }, (_, index) => {
    const id = index + 1;
    const clockRate = options.nodeOverrides[id]?.clockRate ?? 1;
    const timer = new SwitchableRandom(new RandomStream(options.seed, STREAM.nodeTimer(id)));
    const kv = options.workload.kv ?? null;
    const store = kv === null ? null : { sessions: kv.sessions, sessionLimit: kv.sessionLimit };
    return new NodeHost(id, timer, Math.max(1, Math.round(tickUs / clockRate)), options.disk.faultOnCrash, options.snapshotThreshold > 0, options.integrity !== 'none', store);
  });
}

/** The key-value clients hear what each state machine applies and what each node acknowledges. */
function connectKvClients(kv: KvClients, hosts: readonly NodeHost[], control: NodeControl): void {
  control.kvClients = kv;
  for (const host of hosts) host.machine.kvListener = (_index, command, text, result) => kv.applied(host.id, command, text, result);
}

/**
 * Runs the simulator on complete options (simulationOptions completes loose ones), watched by the
 * checkers given, or by a fresh set of every checker.
 */
export function runSimulation(options: SimulationOptions, checkers?: readonly Checker[]): RunResult {
  checkArguments('runSimulation', ['options', options, COMPLETE_SIMULATION_OPTIONS], ['checkers', checkers, optional(CHECKERS)]);
  const problem = simulationOptionsProblem(options);
  if (problem !== null) throw new RangeError(`runSimulation: invalid simulation options: ${problem}`);
  return new Simulation(options, checkers).run();
}
