/**
 * What a scenario run records for the expectations about commands, messages and leaders at a moment:
 * which nodes applied a command at which index and when, when each message of each type was sent, and
 * who believed it led at the moments asked about. Each watches only what an expectation asks for, so a
 * scenario without such expectations pays nothing.
 */
import type { Message } from '../core/messages.js';
import type { AcceptedProposal, ObservedCluster, Simulation } from '../sim/index.js';
import type { Expectation } from './scenario.js';

/** A node applying a command: at which index, and when. */
export interface CommandApplied {
  readonly node: number;
  readonly index: number;
  readonly atMs: number;
}

/** What was seen of one command: when it first stood in some log, and each node's first applying of it. */
export interface CommandHistory {
  firstAppendedMs: number | null;
  readonly applied: CommandApplied[];
}

/**
 * Follows the logs and apply positions of every node for some commands. Each node's log is scanned
 * once per entry written, and its applied entries once per entry applied, from where the last look left off.
 */
export class CommandWatcher {
  readonly histories = new Map<string, CommandHistory>();
  private readonly scannedLog: number[];
  private readonly scannedApplied: number[];

  constructor(
    private readonly cluster: ObservedCluster,
    commands: readonly string[],
  ) {
    for (const command of commands) this.histories.set(command, { firstAppendedMs: null, applied: [] });
    this.scannedLog = cluster.nodes.map(() => 0);
    this.scannedApplied = cluster.nodes.map(() => 0);
  }

  /** Watches one more command, from now on. */
  watch(command: string): void {
    if (!this.histories.has(command)) this.histories.set(command, { firstAppendedMs: null, applied: [] });
  }

  poll(atMs: number): void {
    if (this.histories.size === 0) return;
    const nodes = this.cluster.nodes;
    for (let position = 0; position < nodes.length; position++) {
      const node = nodes[position]!;
      const last = node.lastIndex();
      // A log cut back (a conflict) is scanned again from the cut.
      const logFrom = Math.min(this.scannedLog[position]!, last);
      for (let index = logFrom + 1; index <= last; index++) {
        const history = this.histories.get(this.commandAt(node.entries, index) ?? '');
        if (history !== undefined && history.firstAppendedMs === null) history.firstAppendedMs = atMs;
      }
      this.scannedLog[position] = last;
      // A restarted node applies again from its snapshot; what it applied before was seen then.
      const appliedFrom = Math.min(this.scannedApplied[position]!, node.appliedIndex);
      for (let index = appliedFrom + 1; index <= node.appliedIndex; index++) {
        const history = this.histories.get(this.commandAt(node.entries, index) ?? '');
        if (history !== undefined && !history.applied.some((seen) => seen.node === node.id && seen.index === index)) history.applied.push({ node: node.id, index, atMs });
      }
      this.scannedApplied[position] = node.appliedIndex;
    }
  }

  /** The command at an index of a node's log; for an entry compacted away, the committed history's. */
  private commandAt(entries: readonly ({ readonly command: string } | null)[], index: number): string | undefined {
    return (entries[index] ?? this.cluster.committedEntries[index])?.command;
  }
}

/** When each message of each type was sent, in virtual ms. */
export class MessageCounter {
  private readonly sentAtMs = new Map<string, number[]>();

  sent(message: Message, atMs: number): void {
    const times = this.sentAtMs.get(message.type);
    if (times === undefined) this.sentAtMs.set(message.type, [atMs]);
    else times.push(atMs);
  }

  /** Messages of the given types (every type when null) sent between two times, both included. */
  count(types: readonly string[] | null, fromMs: number, toMs: number): number {
    let count = 0;
    for (const [type, times] of this.sentAtMs) {
      if (types !== null && !types.includes(type)) continue;
      for (const atMs of times) if (atMs >= fromMs && atMs <= toMs) count++;
    }
    return count;
  }
}

/** A node that believed it led at a moment asked about: up, running and not isolated. */
export interface SeenLeader {
  readonly node: number;
  readonly term: number;
}

/** The nodes that believe they lead, among those up, running and not isolated by an isolate step. */
export function connectedLeaders(cluster: ObservedCluster, isolated: (node: number) => boolean): SeenLeader[] {
  return cluster.nodes.filter((node) => node.up && !node.paused && node.role === 'leader' && !isolated(node.id)).map((node) => ({ node: node.id, term: node.term }));
}

/** What the expectations about commands, messages and leaders at a moment are judged on. */
export interface WatchedRun {
  readonly commands: ReadonlyMap<string, CommandHistory>;
  /** What each propose step with an `as` had accepted first, by that name: null when nothing, absent when it never ran. */
  readonly proposals: ReadonlyMap<string, AcceptedProposal | null>;
  readonly messages: MessageCounter;
  /** For each no-leader-at expectation, by its place in the scenario's list: the leaders seen then; absent when the moment never came. */
  readonly leadersAt: ReadonlyMap<number, readonly SeenLeader[]>;
}

interface LeaderProbe {
  readonly position: number;
  readonly expectation: Extract<Expectation, { type: 'no-leader-at' }>;
}

/** Wires the watchers into one scenario run and hands their findings over at its end. */
export class ExpectationWatch {
  private readonly commands: CommandWatcher | null;
  private readonly messages = new MessageCounter();
  /** Names of proposals the expectations look for, not yet run. */
  private readonly awaitedProposals: string[];
  private readonly proposals = new Map<string, AcceptedProposal | null>();
  private readonly probes: LeaderProbe[];
  private readonly leadersAt = new Map<number, readonly SeenLeader[]>();

  constructor(
    expectations: readonly Expectation[],
    private readonly simulation: Simulation,
    private readonly labelTimes: ReadonlyMap<string, number>,
  ) {
    const applied = expectations.filter((expectation) => expectation.type === 'applied');
    const literal = applied.flatMap((expectation) => ('command' in expectation.command ? [expectation.command.command] : []));
    this.awaitedProposals = [...new Set(expectations.flatMap(proposalNames))];
    this.commands = applied.length > 0 ? new CommandWatcher(simulation.cluster, literal) : null;
    if (expectations.some((expectation) => expectation.type === 'messages-at-most')) {
      simulation.watchSentMessages((message) => this.messages.sent(message, simulation.virtualTimeUs / 1000));
    }
    this.probes = expectations.flatMap((expectation, position) => (expectation.type === 'no-leader-at' ? [{ position, expectation }] : []));
  }

  /** Before each event: a moment asked about that the next event passes is looked at now, the state being what it is until then. */
  beforeEvent(): void {
    if (this.probes.length > 0) this.probeUntil(this.simulation.nextEventTimeUs() / 1000, false);
  }

  afterEvent(atMs: number): void {
    for (let index = this.awaitedProposals.length - 1; index >= 0; index--) {
      const proposal = this.simulation.proposalNamed(this.awaitedProposals[index]!);
      if (proposal === undefined) continue;
      this.proposals.set(this.awaitedProposals[index]!, proposal);
      if (proposal !== null) this.commands?.watch(proposal.command);
      this.awaitedProposals.splice(index, 1);
    }
    this.commands?.poll(atMs);
  }

  /** At the end of the run: the moments up to its end that no event passed are looked at in its final state. */
  finish(endMs: number): WatchedRun {
    this.probeUntil(endMs, true);
    return { commands: this.commands?.histories ?? new Map(), proposals: this.proposals, messages: this.messages, leadersAt: this.leadersAt };
  }

  private probeUntil(limitMs: number, inclusive: boolean): void {
    for (const probe of this.probes) {
      if (this.leadersAt.has(probe.position)) continue;
      const base = probe.expectation.after === undefined ? 0 : this.labelTimes.get(probe.expectation.after);
      if (base === undefined) continue;
      const atMs = base + probe.expectation.atMs;
      if (atMs < limitMs || (inclusive && atMs <= limitMs)) {
        this.leadersAt.set(probe.position, connectedLeaders(this.simulation.cluster, (node) => this.simulation.isolated(node)));
      }
    }
  }
}

function proposalNames(expectation: Expectation): string[] {
  const names: string[] = [];
  if (expectation.type === 'applied' && 'proposal' in expectation.command) names.push(expectation.command.proposal);
  if ((expectation.type === 'applied' || expectation.type === 'committed') && typeof expectation.index === 'object') names.push(expectation.index.proposal);
  return names;
}
