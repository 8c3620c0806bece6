/**
 * Turns what each node hands out in a Ready into observations: it updates the observed cluster,
 * records trace records, keeps statistics and calls every checker at the moment the state changed.
 */
import type { Ready } from '../core/contract.js';
import type { Entry, NodeId, PersistentState } from '../core/types.js';
import type { Checker, CheckContext, CheckerName, Violation } from './checkers/checker.js';
import type { ObservedCluster, ObservedNode } from './observed-cluster.js';
import type { ServerRuleName } from './server-rules.js';
import type { RunStats } from './stats.js';
import { ROLE_CODE, TraceKind } from './trace.js';
import type { TraceRecorder } from './trace.js';

export class Monitor implements CheckContext {
  readonly violations: Violation[] = [];
  timeUs = 0;
  eventNumber = 0;
  /** Called when a node is seen to become leader, after the checkers. */
  onLeaderElected: ((id: NodeId) => void) | null = null;
  private readonly roleChangeCheckers: Checker[];
  private readonly termCheckers: Checker[];
  private readonly logCheckers: Checker[];
  private readonly commitCheckers: Checker[];
  private readonly applyCheckers: Checker[];

  constructor(
    readonly cluster: ObservedCluster,
    checkers: readonly Checker[],
    private readonly trace: TraceRecorder,
    private readonly stats: RunStats,
    private readonly seed: number,
    private readonly onCommittedHistoryGrew: (fromIndex: number, entries: readonly (Entry | null)[], toIndex: number) => void,
  ) {
    // Each hook keeps its own list, so a change no checker watches costs nothing.
    this.roleChangeCheckers = checkers.filter((checker) => checker.roleChanged !== undefined);
    this.termCheckers = checkers.filter((checker) => checker.termChanged !== undefined);
    this.logCheckers = checkers.filter((checker) => checker.logWritten !== undefined);
    this.commitCheckers = checkers.filter((checker) => checker.commitChanged !== undefined);
    this.applyCheckers = checkers.filter((checker) => checker.applied !== undefined);
  }

  report(checker: CheckerName | ServerRuleName | 'implementation-error', message: string): void {
    this.violations.push({
      checker,
      message,
      seed: this.seed,
      atMs: this.timeUs / 1000,
      timeUs: this.timeUs,
      event: this.eventNumber,
      nodes: this.cluster.snapshots(),
    });
    this.trace.record(TraceKind.violation, this.timeUs, 0, 0, this.violations.length, 0, { checker, message });
  }

  /** Observes one Ready, in the order the contract gives: state to persist, then role, commit, applied. */
  observeReady(id: NodeId, ready: Ready): void {
    const node = this.cluster.node(id);
    if (ready.hardState !== null) this.observeHardState(node, ready.hardState.term, ready.hardState.votedFor);
    if (ready.softState !== null) this.observeSoftState(node, ready.softState.role, ready.softState.leaderId);
    if (ready.logWrite !== null) this.observeLogWrite(node, ready.logWrite.fromIndex, ready.logWrite.entries);
    if (ready.commitIndex !== node.commitIndex) this.observeCommit(node, ready.commitIndex);
    if (ready.committedEntries !== null) this.observeApplied(node, ready.committedEntries.fromIndex, ready.committedEntries.entries);
  }

  observeCrash(id: NodeId): void {
    const node = this.cluster.node(id);
    node.up = false;
    node.paused = false;
    node.loseVolatileState();
  }

  /**
   * A restart reads the disk back. Where it differs from what the node had made durable (a faulty disk
   * lost a write), the difference is observed like any change, so the checkers judge it.
   */
  observeRestart(id: NodeId, persisted: PersistentState | null): void {
    const node = this.cluster.node(id);
    node.up = true;
    const hardState = persisted?.hardState ?? { term: 0, votedFor: null };
    if (hardState.term !== node.term || hardState.votedFor !== node.votedFor) this.observeHardState(node, hardState.term, hardState.votedFor);
    const log = persisted?.log ?? [];
    let same = 0;
    while (same < log.length && same < node.lastIndex() && node.entries[same + 1] === log[same]) same++;
    if (same < log.length || same < node.lastIndex()) this.observeLogWrite(node, same + 1, log.slice(same));
  }

  private observeHardState(node: ObservedNode, term: number, votedFor: NodeId | null): void {
    const previousTerm = node.term;
    node.votedFor = votedFor;
    if (term === previousTerm) return;
    node.term = term;
    if (term > this.stats.highestTerm) this.stats.highestTerm = term;
    this.trace.record(TraceKind.termChange, this.timeUs, node.id, 0, term, previousTerm);
    for (const checker of this.termCheckers) checker.termChanged!(this, node, previousTerm);
  }

  private observeSoftState(node: ObservedNode, role: ObservedNode['role'], leaderId: NodeId | null): void {
    const previousRole = node.role;
    node.leaderId = leaderId;
    if (role === previousRole) return;
    node.role = role;
    if (role === 'candidate') this.stats.elections++;
    if (role === 'leader') this.stats.leaderChanges++;
    this.trace.record(TraceKind.roleChange, this.timeUs, node.id, leaderId ?? 0, ROLE_CODE[role], node.term);
    for (const checker of this.roleChangeCheckers) checker.roleChanged!(this, node, previousRole);
    if (role === 'leader' && this.onLeaderElected !== null) this.onLeaderElected(node.id);
  }

  private observeLogWrite(node: ObservedNode, fromIndex: number, entries: readonly Entry[]): void {
    const previousLastIndex = node.lastIndex();
    const previousLastHash = node.prefixHashes[previousLastIndex]!;
    node.writeLog(fromIndex, entries);
    this.trace.record(TraceKind.logWrite, this.timeUs, node.id, 0, fromIndex, entries.length, entries);
    for (const checker of this.logCheckers) checker.logWritten!(this, node, fromIndex, previousLastIndex, previousLastHash);
  }

  private observeCommit(node: ObservedNode, commitIndex: number): void {
    const previous = node.commitIndex;
    node.commitIndex = commitIndex;
    const knownBefore = this.cluster.committedLength();
    const grew = this.cluster.extendCommitted(node);
    if (grew) {
      const known = this.cluster.committedLength();
      this.stats.committedEntries = known;
      this.onCommittedHistoryGrew(knownBefore + 1, this.cluster.committedEntries, known);
    }
    this.trace.record(TraceKind.commit, this.timeUs, node.id, 0, commitIndex, previous);
    for (const checker of this.commitCheckers) checker.commitChanged!(this, node, previous, grew);
  }

  private observeApplied(node: ObservedNode, fromIndex: number, entries: readonly Entry[]): void {
    this.trace.record(TraceKind.apply, this.timeUs, node.id, 0, fromIndex, entries.length);
    for (let offset = 0; offset < entries.length; offset++) {
      const index = fromIndex + offset;
      for (const checker of this.applyCheckers) checker.applied!(this, node, index, entries[offset]!);
      node.appliedIndex = index;
    }
  }
}
