/**
 * Turns what each node hands out in a Ready into observations: it updates the observed cluster,
 * records trace records, keeps statistics and calls every checker at the moment the state changed.
 */
import type { Ready } from '../../core/contract.js';
import type { Entry, NodeId, PersistentState, Snapshot } from '../../core/types.js';
import type { AnsweredRead, Checker, CheckContext, CheckerName, HistoryCheckName, ImplementationFailure, Violation } from '../checkers/checker.js';
import { describeEntry } from '../checkers/checker.js';
import { decodeDigest } from '../cluster/state-machine.js';
import type { ObservedCluster, ObservedNode } from './observed-cluster.js';
import type { ServerRuleName } from './server-rules.js';
import { highestStoredByMajority } from './stored-by-majority.js';
import type { RunStats } from '../stats.js';
import { ROLE_CODE, TraceKind } from '../trace/trace.js';
import type { TraceRecorder } from '../trace/trace.js';
import { durableDifference } from './durable-restart.js';

export class Monitor implements CheckContext {
  readonly violations: Violation[] = [];
  timeUs = 0;
  eventNumber = 0;
  /**
   * Whether every disk keeps exactly its completed writes (Raft's fault model): then a restart must read
   * back what the node had made durable (durable-restart.ts). Off for the faulty disk modes.
   */
  disksKeepDurableWrites = false;
  /** Called when a node is seen to become leader, after the checkers. */
  onLeaderElected: ((id: NodeId) => void) | null = null;
  private readonly roleChangeCheckers: Checker[];
  private readonly termCheckers: Checker[];
  private readonly logCheckers: Checker[];
  private readonly commitCheckers: Checker[];
  private readonly majorityCommitCheckers: Checker[];
  private readonly applyCheckers: Checker[];
  private readonly readCheckers: Checker[];
  private readonly messageCheckers: Checker[];
  private readonly readyCheckers: Checker[];
  /** Every term in which some node stood for election, for the elections statistic: one number per term the run reached. */
  private readonly candidacyTerms = new Set<number>();

  constructor(
    readonly cluster: ObservedCluster,
    checkers: readonly Checker[],
    private readonly trace: TraceRecorder,
    private readonly stats: RunStats,
    private readonly seed: number,
    private readonly onCommittedHistoryGrew: (fromIndex: number, entries: readonly (Entry | null)[], toIndex: number) => void,
    /**
     * Checks whose reports are dropped. Skipped checkers are not even created; this catches what the
     * monitor checks itself (snapshots against the committed history) and the server rules.
     */
    private readonly skipped: ReadonlySet<string> = new Set(),
  ) {
    // Each hook keeps its own list, so a change no checker watches costs nothing.
    this.roleChangeCheckers = checkers.filter((checker) => checker.roleChanged !== undefined);
    this.termCheckers = checkers.filter((checker) => checker.termChanged !== undefined);
    this.logCheckers = checkers.filter((checker) => checker.logWritten !== undefined);
    this.commitCheckers = checkers.filter((checker) => checker.commitChanged !== undefined);
    this.majorityCommitCheckers = checkers.filter((checker) => checker.committedByMajority !== undefined);
    this.applyCheckers = checkers.filter((checker) => checker.applied !== undefined);
    this.readCheckers = checkers.filter((checker) => checker.readAnswered !== undefined);
    this.messageCheckers = checkers.filter((checker) => checker.messagesSent !== undefined);
    this.readyCheckers = checkers.filter((checker) => checker.readyObserved !== undefined);
  }

  /**
   * A violation, seen now. `atUs` is when it happened, for one found later than it happened (a history
   * checked at the run's end); the trace records it now, since records go forward in time.
   */
  report(checker: CheckerName | HistoryCheckName | ServerRuleName | ImplementationFailure, message: string, atUs: number = this.timeUs): void {
    if (this.skipped.has(checker)) return;
    this.violations.push({
      checker,
      message,
      seed: this.seed,
      atMs: atUs / 1000,
      timeUs: atUs,
      event: this.eventNumber,
      nodes: this.cluster.snapshots(),
    });
    this.trace.record(TraceKind.violation, this.timeUs, 0, 0, this.violations.length, 0, { checker, message });
  }

  /** Observes one Ready, in the order the contract gives: state to persist, then role, commit, applied. */
  observeReady(id: NodeId, ready: Ready): void {
    const node = this.cluster.node(id);
    const termBefore = node.term;
    const roleBefore = node.role;
    if (ready.hardState !== null) this.observeHardState(node, ready.hardState.term, ready.hardState.votedFor);
    if (ready.softState !== null) this.observeSoftState(node, ready.softState.role, ready.softState.leaderId);
    // A candidacy begins when a node becomes candidate, or stands again, as a candidate, in a new term
    // (which shows only as a term change). A candidate that steps down to a higher term is a follower
    // by the end of the same Ready, and a pre-candidate has not started a term: neither counts.
    if (node.role === 'candidate' && (roleBefore !== 'candidate' || node.term !== termBefore)) this.observeCandidacy(node.term);
    const snapshot = ready.snapshot ?? null;
    if (snapshot !== null) this.observeSnapshotInstalled(node, snapshot);
    if (ready.logWrite !== null) this.observeLogWrite(node, ready.logWrite.fromIndex, ready.logWrite.entries);
    if (ready.commitIndex !== node.commitIndex) this.observeCommit(node, ready.commitIndex);
    if (ready.committedEntries !== null) this.observeApplied(node, ready.committedEntries.fromIndex, ready.committedEntries.entries);
    if (ready.messages.length > 0) for (const checker of this.messageCheckers) checker.messagesSent!(this, node, ready.messages);
    for (const checker of this.readyCheckers) checker.readyObserved!(this, node);
  }

  /** A node compacted its log through the snapshot's index: its state must be the committed history's there. */
  observeCompaction(id: NodeId, snapshot: Snapshot): void {
    const node = this.cluster.node(id);
    node.snapshotIndex = snapshot.lastIndex;
    this.trace.record(TraceKind.compact, this.timeUs, id, 0, snapshot.lastIndex, snapshot.lastTerm);
    this.checkSnapshot(node, snapshot, 'took a snapshot');
  }

  /**
   * A node replaced its log by a leader's snapshot. Once the snapshot is found to be the committed
   * history through its index, the node's log is that history's prefix and nothing after it.
   */
  private observeSnapshotInstalled(node: ObservedNode, snapshot: Snapshot): void {
    this.trace.record(TraceKind.installSnapshot, this.timeUs, node.id, 0, snapshot.lastIndex, snapshot.lastTerm);
    const prefix = this.checkSnapshot(node, snapshot, 'installed a snapshot');
    const log = prefix ?? Array.from({ length: snapshot.lastIndex }, () => ({ term: snapshot.lastTerm, kind: 'noop' as const, command: '(snapshot)' }));
    this.replaceLog(node, log);
    node.snapshotIndex = snapshot.lastIndex;
    node.appliedIndex = snapshot.lastIndex;
  }

  /**
   * §7: a snapshot holds committed entries only, so its state and last term must be the committed
   * history's at its index. Returns that prefix of the history, or null after reporting a mismatch.
   */
  private checkSnapshot(node: ObservedNode, snapshot: Snapshot, what: string): Entry[] | null {
    const index = snapshot.lastIndex;
    const known = this.cluster.committedLength();
    if (index > known) {
      this.report('state-machine-safety', `node ${node.id} ${what} through index ${index}, past the ${known} entries known to be committed`);
      return null;
    }
    const committed = this.cluster.committedEntries[index];
    if (decodeDigest(snapshot.data) !== this.cluster.committedPrefixHashes.get(index) || (committed?.term ?? 0) !== snapshot.lastTerm) {
      this.report(
        'state-machine-safety',
        `node ${node.id} ${what} through index ${index} (term ${snapshot.lastTerm}) whose state differs from the committed history through ${describeEntry(index, committed)}`,
      );
      return null;
    }
    return this.cluster.committedEntries.slice(1, index + 1) as Entry[];
  }

  /** Shows a node's whole log as changed to `log`, as one write from the first index that differs. */
  private replaceLog(node: ObservedNode, log: readonly Entry[]): void {
    let same = 0;
    while (same < log.length && same < node.lastIndex() && sameEntry(node.entries[same + 1], log[same]!)) same++;
    if (same < log.length || same < node.lastIndex()) this.observeLogWrite(node, same + 1, log.slice(same));
  }

  /** A read was answered by a node whose state machine had applied through `answeredIndex`. */
  observeReadAnswered(id: NodeId, read: AnsweredRead): void {
    const node = this.cluster.node(id);
    this.trace.record(TraceKind.readAnswer, this.timeUs, id, 0, read.number, read.answeredIndex);
    for (const checker of this.readCheckers) checker.readAnswered!(this, node, read);
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
  /** `discardedFrom`: where a checksummed disk cut a log it could not repair (0 for nowhere; see durableDifference). */
  observeRestart(id: NodeId, persisted: PersistentState | null, discardedFrom = 0): void {
    const node = this.cluster.node(id);
    node.up = true;
    if (this.disksKeepDurableWrites) {
      const difference = durableDifference(node, persisted, discardedFrom);
      if (difference !== null) this.report('durable-restart', `node ${id} restarted from a disk holding ${difference}`);
    }
    const hardState = persisted?.hardState ?? { term: 0, votedFor: null };
    if (hardState.term !== node.term || hardState.votedFor !== node.votedFor) this.observeHardState(node, hardState.term, hardState.votedFor);
    const snapshot = persisted?.snapshot ?? null;
    let log: readonly Entry[] = persisted?.log ?? [];
    if (snapshot !== null) {
      const prefix = this.checkSnapshot(node, snapshot, 'restarted from a snapshot');
      if (prefix !== null) log = [...prefix, ...log];
      node.snapshotIndex = snapshot.lastIndex;
      node.appliedIndex = snapshot.lastIndex;
    } else {
      node.snapshotIndex = 0;
    }
    this.replaceLog(node, log);
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
    if (role === 'leader') this.stats.leaderChanges++;
    this.trace.record(TraceKind.roleChange, this.timeUs, node.id, leaderId ?? 0, ROLE_CODE[role], node.term);
    for (const checker of this.roleChangeCheckers) checker.roleChanged!(this, node, previousRole);
    if (role === 'leader' && this.onLeaderElected !== null) this.onLeaderElected(node.id);
  }

  /** The elections statistic counts terms, not candidates: two candidates in one term are one (split) election. */
  private observeCandidacy(term: number): void {
    if (this.candidacyTerms.has(term)) return;
    this.candidacyTerms.add(term);
    this.stats.elections = this.candidacyTerms.size;
  }

  private observeLogWrite(node: ObservedNode, fromIndex: number, entries: readonly Entry[]): void {
    const previousLastIndex = node.lastIndex();
    const previousLastHash = node.prefixHashes.get(previousLastIndex)!;
    const changedFrom = node.writeLog(fromIndex, entries);
    this.trace.record(TraceKind.logWrite, this.timeUs, node.id, 0, fromIndex, entries.length, entries);
    for (const checker of this.logCheckers) checker.logWritten!(this, node, fromIndex, previousLastIndex, previousLastHash);
    if (changedFrom <= node.lastIndex()) this.observeStoredByMajority(node, changedFrom);
  }

  /** Whether the write made entries committed (§5.3), whoever learns of it and whenever. */
  private observeStoredByMajority(node: ObservedNode, changedFrom: number): void {
    const index = highestStoredByMajority(this.cluster, node, changedFrom);
    if (index === 0) return;
    const agreed = this.cluster.commitStoredByMajority(node, index);
    for (const checker of this.majorityCommitCheckers) checker.committedByMajority!(this, node, index, agreed);
  }

  private observeCommit(node: ObservedNode, commitIndex: number): void {
    const previous = node.commitIndex;
    node.commitIndex = commitIndex;
    const knownBefore = this.cluster.declaredLength();
    const grew = this.cluster.extendCommitted(node);
    if (grew) {
      const known = this.cluster.declaredLength();
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

/**
 * The same entry, by what it holds: nodes in process often share one entry object, but a node in another
 * process hands back copies, and what a node's log holds must not depend on where its code runs.
 */
function sameEntry(held: Entry | null | undefined, entry: Entry): boolean {
  return held === entry || (held !== undefined && held !== null && held.term === entry.term && held.kind === entry.kind && held.command === entry.command);
}
