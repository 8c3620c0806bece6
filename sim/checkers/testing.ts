/**
 * Helpers for checker tests: a Monitor watching one checker, fed by hand the Readys a node would hand
 * out, written as the protocol actions they stand for. Going through the Monitor keeps the order in
 * which the simulator calls the hooks (term, then role, then log, then commit, then applied).
 */
import type { Ready } from '../../core/contract.js';
import type { Entry, NodeId, PersistentState } from '../../core/types.js';
import { Monitor } from '../checking/monitor.js';
import type { ObservedNode } from '../checking/observed-cluster.js';
import { ObservedCluster } from '../checking/observed-cluster.js';
import { emptyStats } from '../stats.js';
import { TraceRecorder } from '../trace/trace.js';
import type { Checker, Violation } from './checker.js';

/** A client command entry; `command` tells apart entries of one term that must differ. */
export function entry(term: number, command: string): Entry {
  return { term, kind: 'command', command };
}

export class CheckerScript {
  readonly cluster: ObservedCluster;
  private readonly monitor: Monitor;

  constructor(checker: Checker, nodeCount = 3, initialMembers: readonly NodeId[] | null = null) {
    this.cluster = new ObservedCluster(nodeCount, initialMembers);
    this.monitor = new Monitor(this.cluster, [checker], new TraceRecorder('hash', 0), emptyStats(), 1, () => {});
  }

  /** The message of every violation reported so far, in order. */
  get reports(): string[] {
    return this.monitor.violations.map((violation) => violation.message);
  }

  /** The name of the checker behind every violation reported so far. */
  get reportingCheckers(): Violation['checker'][] {
    return this.monitor.violations.map((violation) => violation.checker);
  }

  node(id: NodeId): ObservedNode {
    return this.cluster.node(id);
  }

  /** Hands the monitor a Ready in which only `fields` changed. */
  ready(id: NodeId, fields: Partial<Ready>): void {
    const quiet: Ready = {
      hardState: null,
      logWrite: null,
      messages: [],
      committedEntries: null,
      softState: null,
      commitIndex: this.node(id).commitIndex,
    };
    this.monitor.observeReady(id, { ...quiet, ...fields });
  }

  enterTerm(id: NodeId, term: number, votedFor: NodeId | null = null): void {
    this.ready(id, { hardState: { term, votedFor } });
  }

  /** Votes for itself in `term` and takes the lead, in one Ready, as a node that wins at once does. */
  becomeLeader(id: NodeId, term: number): void {
    const hardState = term === this.node(id).term ? null : { term, votedFor: id };
    this.ready(id, { hardState, softState: { role: 'leader', leaderId: id } });
  }

  becomeFollower(id: NodeId, leaderId: NodeId | null = null): void {
    this.ready(id, { softState: { role: 'follower', leaderId } });
  }

  /** Replaces the node's log from `fromIndex` on. */
  write(id: NodeId, fromIndex: number, entries: readonly Entry[]): void {
    this.ready(id, { logWrite: { fromIndex, entries } });
  }

  append(id: NodeId, ...entries: Entry[]): void {
    this.write(id, this.node(id).lastIndex() + 1, entries);
  }

  commit(id: NodeId, commitIndex: number): void {
    this.ready(id, { commitIndex });
  }

  /** Applies entries without moving the commit index. */
  apply(id: NodeId, fromIndex: number, entries: readonly Entry[]): void {
    this.ready(id, { committedEntries: { fromIndex, entries } });
  }

  /** Commits up to the node's last index and applies what it had not applied yet. */
  commitAndApplyAll(id: NodeId): void {
    const node = this.node(id);
    const fromIndex = node.appliedIndex + 1;
    const entries = node.entries.slice(fromIndex) as Entry[];
    this.ready(id, { commitIndex: node.lastIndex(), committedEntries: { fromIndex, entries } });
  }

  crash(id: NodeId): void {
    this.monitor.observeCrash(id);
  }

  /** Restarts a node from exactly what it had made durable, as a sound disk gives back. */
  restart(id: NodeId): void {
    const node = this.monitor.cluster.node(id);
    this.restartWithLog(id, node.entries.slice(1).filter((entry): entry is NonNullable<typeof entry> => entry !== null));
  }

  /** Restarts a node whose disk gives back `log` and its hard state as it was. */
  restartWithLog(id: NodeId, log: readonly Entry[]): void {
    const node = this.monitor.cluster.node(id);
    this.restartFrom(id, { hardState: { term: node.term, votedFor: node.votedFor }, log: [...log] });
  }

  /** Restarts a node from what a faulty disk gave back, which may lack writes the node made durable. */
  restartFrom(id: NodeId, persisted: PersistentState): void {
    this.monitor.observeRestart(id, persisted);
  }
}
