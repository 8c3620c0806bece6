/**
 * Carries out fault actions at their times: each scheduled as an event, resolved against the cluster
 * as it is then by its kind's handler (see registry.ts), and recorded in the trace (or recorded as
 * skipped when it had nothing to act on). Changes made for a period are undone by events of their own.
 */
import { EventKind } from '../events.js';
import type { SimulationLoop } from '../events.js';
import type { SimulationOptions } from '../options.js';
import type { RunStats } from '../stats.js';
import { TraceKind } from '../trace/trace.js';
import type { TraceRecorder } from '../trace/trace.js';
import type { FaultAction, TimedFault } from './actions.js';
import type { AcceptedProposal, FaultContext, FaultTargets } from './context.js';
import { faultKind } from './registry.js';

export interface FaultParts extends FaultTargets {
  readonly options: SimulationOptions;
  readonly loop: SimulationLoop;
  readonly trace: TraceRecorder;
  readonly stats: RunStats;
  /** Switches every other part to the liveness phase (see liveness.ts). */
  readonly settle: () => void;
}

export class FaultInterpreter {
  /** Every fault action, those of the options first; a fault event carries its index here. */
  private readonly actions: FaultAction[] = [];
  /** For each fault action, the number of the event at which it ran. */
  private readonly actionEvents: number[] = [];
  /** The name a scenario step's `as` gives, by action index, where it gives one. */
  private readonly rememberAs = new Map<number, string>();
  /** The commands accepted by the steps that gave a name, by that name; null when none was accepted. */
  private readonly proposals = new Map<string, AcceptedProposal | null>();
  /** The first command accepted by the action being carried out, when it has a name to give. */
  private firstProposal: AcceptedProposal | null = null;
  /** Undo actions of changes made for a period; an undo event carries its index. */
  private readonly undos: (() => void)[] = [];
  /** Set when the liveness phase begins: nothing may break the cluster again. */
  settled = false;
  private alignments = 0;
  private proposalCount = 0;
  /** What the kinds' handlers act in; made when the first fault comes up, since most runs of a benchmark have none. */
  private context: FaultContext | null = null;

  constructor(private readonly parts: FaultParts) {}

  /** Schedules the faults of the options, each at its time. */
  scheduleAll(faults: readonly TimedFault[]): void {
    for (const fault of faults) {
      this.actions.push(fault.action);
      this.parts.loop.schedule(Math.round(fault.atMs * 1000), EventKind.fault, 0, this.actions.length - 1, null);
    }
  }

  /**
   * Schedules a fault action at a virtual time (not before now); returns its index. With `rememberAs`,
   * the nodes it acts on when it runs get that name (see FaultKind.pin), and so does the first command
   * it has accepted.
   */
  schedule(atUs: number, action: FaultAction, rememberAs?: string): number {
    if (rememberAs !== undefined) this.rememberAs.set(this.actions.length, rememberAs);
    this.actions.push(action);
    this.parts.loop.schedule(Math.max(Math.round(atUs), this.parts.loop.nowUs), EventKind.fault, 0, this.actions.length - 1, null);
    return this.actions.length - 1;
  }

  /** The number of the event at which a scheduled action ran; undefined if it has not run. */
  eventOfAction(index: number): number | undefined {
    return this.actionEvents[index];
  }

  /** The command that the step named `name` had accepted first; null when none, undefined before it ran. */
  proposalNamed(name: string): AcceptedProposal | null | undefined {
    return this.proposals.get(name);
  }

  /** The fault event of action `index` comes up. */
  handleFault(index: number): void {
    const { loop, stats, trace } = this.parts;
    this.actionEvents[index] = loop.eventCount;
    let action = this.actions[index]!;
    const kind = faultKind(action.type);
    const context = (this.context ??= this.createContext(this.parts));
    const name = this.rememberAs.get(index);
    if (name !== undefined && kind.pin !== undefined) {
      const pinned = kind.pin(context, action);
      this.parts.select.remember(name, pinned.nodes);
      action = pinned.action;
    }
    this.firstProposal = null;
    // Once settled, the run is in its liveness phase: nothing may break the cluster again.
    const applied = !(this.settled && kind.injects) && kind.apply(context, action);
    if (name !== undefined && action.type === 'propose') this.proposals.set(name, this.firstProposal);
    if (applied) {
      stats.faultsApplied++;
    } else {
      stats.faultsSkipped++;
      trace.record(TraceKind.faultSkipped, loop.nowUs, 0, 0, 0, 0, action);
    }
  }

  /** A change made for a period comes to its end. */
  handleUndo(index: number): void {
    // Settling already put every link back; undoing now could bring back an earlier change.
    if (this.settled) return;
    this.undos[index]!();
  }

  private createContext(parts: FaultParts): FaultContext {
    const { loop, trace, options } = parts;
    const isSettled = () => this.settled;
    return {
      ...parts,
      get nowUs() {
        return loop.nowUs;
      },
      get settled() {
        return isSettled();
      },
      seed: options.seed,
      networkDefaults: options.network,
      tickUs: Math.round(options.tickMs * 1000),
      hostOf: (node) => (node === null ? null : (parts.hosts[node - 1] ?? null)),
      forEachHost(selection, applies, act) {
        const hosts = parts.select
          .resolveNodes(selection)
          .map((node) => parts.hosts[node - 1]!)
          .filter(applies);
        for (const host of hosts) act(host);
        return hosts.length > 0;
      },
      record: (kind, node, peer, a, b, detail) => trace.record(kind, loop.nowUs, node, peer, a, b, detail),
      undoLater: (forMs, undo) => {
        if (forMs === undefined) return;
        this.undos.push(undo);
        loop.schedule(loop.nowUs + Math.round(forMs * 1000), EventKind.undo, 0, this.undos.length - 1, null);
      },
      nextAlignment: () => ++this.alignments,
      nextProposal: () => ++this.proposalCount,
      noteProposal: (proposal) => {
        this.firstProposal ??= proposal;
      },
      settle: parts.settle,
    };
  }
}

