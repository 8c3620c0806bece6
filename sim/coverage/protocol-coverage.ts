/**
 * Coverage of protocol behaviour, read from a run's trace: which of the situations that Raft's hard
 * cases are made of the run reached. Nothing of the implementation is instrumented, so it measures any
 * implementation behind the contract alike. Greybox fuzzers keep the inputs that reach something new;
 * for a distributed protocol "something new" is best defined over observed protocol events rather than
 * code lines (as Mallory, CCS 2023, does), so a feature here is a named situation, such as a leader
 * elected with entries of older terms above its commit index (the Raft paper's Figure 8).
 *
 * A feature is a short string, `family:detail`; PROTOCOL_COVERAGE_FAMILIES documents each family and
 * why it matters. A run's coverage is the set of features it reached; exploration reports how that set
 * grows over seeds.
 */
import type { Entry } from '../../core/types.js';
import { ClusterFold } from '../trace/cluster-fold.js';
import type { FoldedNode } from '../trace/cluster-fold.js';
import { DROP_REASON_NAMES, MESSAGE_CODE, RejectReason, ROLE_NAMES, TamperKind, TRACE_KIND_NAMES, TraceKind } from '../trace/trace.js';
import type { TraceRecord, TraceSink } from '../trace/trace.js';

export interface CoverageFamily {
  readonly family: string;
  /** How its features are written. */
  readonly form: string;
  readonly meaning: string;
  /** Why reaching it matters: which class of bug lives there. */
  readonly why: string;
}

export const PROTOCOL_COVERAGE_FAMILIES: readonly CoverageFamily[] = [
  { family: 'role', form: 'role:FROM>TO', meaning: 'a node changed role, from one to another', why: 'each transition is its own path through the protocol; a step-down from leader or a pre-candidate that gives up is where stale state is kept by mistake' },
  { family: 'message', form: 'message:TYPE:OUTCOME', meaning: 'a message of a type was sent, delivered, duplicated or dropped (and why)', why: 'a reply that never comes, or comes twice, exercises the retry and idempotence paths' },
  { family: 'term-jump', form: 'term-jump:1|2|3+', meaning: 'a node moved to a term this many above its last', why: 'jumps of more than one term happen only after missed elections, where a node meets a world it has not seen' },
  { family: 'crash', form: 'crash:ROLE', meaning: 'a node crashed while in this role', why: 'a leader crashing mid-replication, or a candidate mid-election, leaves the others to sort out what was durable' },
  { family: 'truncate', form: 'truncate:1|2-3|4+', meaning: 'a node overwrote this many entries of its log with a leader\'s (Figure 7)', why: 'conflict resolution is where entries are lost or kept wrongly' },
  {
    family: 'leader-old-term-tail',
    form: 'leader-old-term-tail:1|2-3|4+',
    meaning: 'a node became leader holding this many entries of older terms above its commit index',
    why: 'the precondition of the paper\'s Figure 8: committing such entries by counting replicas loses them',
  },
  { family: 'commit-old-term', form: 'commit-old-term:via-current|direct', meaning: 'a leader advanced its commit index over entries of older terms, with an entry of its own term at the new commit index or not', why: 'only the first is safe (§5.4.2); a leader that does the second has Figure 8\'s bug' },
  { family: 'install-snapshot', form: 'install-snapshot:keep-tail|replace|older', meaning: 'a node installed a leader\'s snapshot, keeping the log after it, replacing its log, or over a newer one of its own', why: 'Figure 13\'s three cases; keeping a tail that conflicts, or dropping one that matches, loses entries' },
  { family: 'membership-in-flight', form: 'membership-in-flight:leader-change', meaning: 'a leader was elected while a configuration change was appended but not committed', why: 'a change in flight across a leader change is where two configurations can each elect a leader' },
  { family: 'read', form: 'read:taken|refused|taken-during-election', meaning: 'a client read was served, refused, or served while another node stood for a later term', why: 'a read served by a deposed leader returns stale data' },
  { family: 'leaders', form: 'leaders:2+', meaning: 'two nodes each believed itself leader at once (of different terms)', why: 'the stale leader\'s appends, replies and reads must all be rejected' },
  { family: 'fault', form: 'fault:KIND', meaning: 'a fault of this kind was injected (partition, cut, pause, clockDrift, …)', why: 'a seed that injects a fault no other did explores a new part of the fault space' },
  {
    family: 'attack',
    form: 'attack:corrupted|replayed|forged|outsider:TYPE, attack:rotten',
    meaning: 'beyond Raft\'s fault model (--attacks): a message of this type was corrupted, replayed, given a forged sender or sent from outside the configuration, or a disk record rotted',
    why: 'each reaches another handler that must refuse what it is handed, or, without integrity, acts on it and breaks Raft',
  },
  {
    family: 'rejected',
    form: 'rejected:checksum|sender|outsider|discardedRecord|repairedRecord|other',
    meaning: 'with integrity on, a node refused a message or a disk record on sight, for this reason',
    why: 'a refusal no run reached is a defence no run tested',
  },
];

const FAULT_KINDS = new Set<number>([
  TraceKind.pause,
  TraceKind.partition,
  TraceKind.cut,
  TraceKind.networkChange,
  TraceKind.clockDrift,
  TraceKind.alignTimers,
  TraceKind.leadershipTransfer,
  TraceKind.messageFilter,
  TraceKind.restart,
]);

const TAMPER_NAMES: readonly string[] = namesByCode(TamperKind);
const REJECT_NAMES: readonly string[] = namesByCode(RejectReason);

/** A code table's names, indexed by code. */
function namesByCode(table: Readonly<Record<string, number>>): string[] {
  const names: string[] = [];
  for (const [name, code] of Object.entries(table)) names[code] = name;
  return names;
}

const MESSAGE_NAMES: readonly string[] = Object.entries(MESSAGE_CODE)
  .sort((a, b) => a[1] - b[1])
  .map(([name]) => name);

function bucket(count: number): string {
  if (count <= 1) return '1';
  return count <= 3 ? '2-3' : '4+';
}

/** The coverage of a run, folded from its trace as it streams: a TraceSink, or fed a whole trace at once. */
export class ProtocolCoverageFold implements TraceSink {
  private readonly fold: ClusterFold;
  /** Each feature reached, with how many times: a run that reaches a situation often is not one that reaches it once. */
  private readonly reached = new Map<string, number>();
  /** Configuration changes appended and not yet committed, by log index. */
  private readonly changesInFlight = new Set<number>();
  /** The highest commit index any node has reported. */
  private highestCommit = 0;

  constructor(nodeCount: number, initialMembers: readonly number[] | null = null) {
    this.fold = new ClusterFold({ nodeCount, initialMembers, keepLogs: true, tallyElections: false });
  }

  accept(records: readonly TraceRecord[]): void {
    for (const record of records) {
      this.observe(record);
      this.fold.apply(record);
    }
  }

  /** The features reached so far, sorted. */
  features(): string[] {
    return [...this.reached.keys()].sort();
  }

  /** How many times the run reached each feature so far, by feature in sorted order. */
  hits(): Record<string, number> {
    return Object.fromEntries(this.features().map((feature) => [feature, this.reached.get(feature)!]));
  }

  private note(feature: string): void {
    this.reached.set(feature, (this.reached.get(feature) ?? 0) + 1);
  }

  /** What the record shows, judged against the cluster as it stood just before it. */
  private observe(record: TraceRecord): void {
    const node = this.fold.node(record.node);
    switch (record.kind) {
      case TraceKind.roleChange:
        if (node !== undefined) this.observeRoleChange(node, record);
        return;
      case TraceKind.send:
      case TraceKind.deliver:
      case TraceKind.duplicate:
      case TraceKind.drop:
        this.observeMessage(record);
        return;
      case TraceKind.termChange:
        if (record.a > record.b) this.note(`term-jump:${record.a - record.b >= 3 ? '3+' : record.a - record.b}`);
        return;
      case TraceKind.crash:
        if (node !== undefined && !node.crashed) this.note(`crash:${node.role}`);
        return;
      case TraceKind.logWrite:
        if (node !== undefined) this.observeLogWrite(node, record);
        return;
      case TraceKind.commit:
        if (node !== undefined) this.observeCommit(node, record);
        return;
      case TraceKind.installSnapshot:
        if (node !== undefined) this.observeSnapshot(node, record);
        return;
      case TraceKind.membershipChange:
        if (record.a > 0) this.changesInFlight.add(record.a);
        return;
      case TraceKind.read:
        this.observeRead(record);
        return;
      case TraceKind.tamper:
        // A record of node 0 only says an attack began; the ones that name a sender say what it did.
        if (record.a === TamperKind.rotten) this.note('attack:rotten');
        else if (record.node !== 0) this.note(`attack:${TAMPER_NAMES[record.a] ?? record.a}:${MESSAGE_NAMES[record.b] ?? record.b}`);
        return;
      case TraceKind.rejected:
        this.note(`rejected:${REJECT_NAMES[record.b] ?? record.b}`);
        return;
      default:
        if (FAULT_KINDS.has(record.kind)) this.note(`fault:${TRACE_KIND_NAMES[record.kind] ?? record.kind}`);
    }
  }

  private observeRoleChange(node: FoldedNode, record: TraceRecord): void {
    const to = ROLE_NAMES[record.a] ?? `role${record.a}`;
    if (to !== node.role) this.note(`role:${node.role}>${to}`);
    if (to !== 'leader') return;
    const oldTerm = countOlderAbove(node.log, node.commit, record.b);
    if (oldTerm > 0) this.note(`leader-old-term-tail:${bucket(oldTerm)}`);
    if ([...this.changesInFlight].some((index) => index > node.commit)) this.note('membership-in-flight:leader-change');
    const otherLeaders = this.otherLeaders(record.node);
    if (otherLeaders > 0) this.note('leaders:2+');
  }

  private otherLeaders(self: number): number {
    let count = 0;
    for (let id = 1; id <= this.fold.nodeCount; id++) {
      const other = this.fold.node(id)!;
      if (id !== self && other.role === 'leader' && !other.crashed) count++;
    }
    return count;
  }

  private observeMessage(record: TraceRecord): void {
    const type = MESSAGE_NAMES[record.a] ?? 'other';
    const outcome =
      record.kind === TraceKind.send
        ? 'sent'
        : record.kind === TraceKind.deliver
          ? 'delivered'
          : record.kind === TraceKind.duplicate
            ? 'duplicated'
            : `dropped-${(DROP_REASON_NAMES[record.b % 8] ?? 'other').replace(/ /g, '-')}`;
    this.note(`message:${type}:${outcome}`);
  }

  private observeLogWrite(node: FoldedNode, record: TraceRecord): void {
    // A restart reads the durable log back from index 1: that is recovery, not a leader's overwrite.
    if (node.crashed) return;
    const overwritten = node.log.length - record.a + 1;
    const entries = (record.detail as readonly Entry[] | null) ?? [];
    if (overwritten <= 0 || entries.length === 0) return;
    let differing = 0;
    for (let offset = 0; offset < overwritten; offset++) {
      const old = node.log[record.a - 1 + offset];
      const replacement = entries[offset];
      if (old !== undefined && (replacement === undefined || replacement.term !== old.term)) differing++;
    }
    if (differing > 0) this.note(`truncate:${bucket(differing)}`);
  }

  private observeCommit(node: FoldedNode, record: TraceRecord): void {
    for (const index of [...this.changesInFlight]) if (index <= record.a) this.changesInFlight.delete(index);
    // Only entries no node had committed before count: a node that comes back with a commit index it
    // kept on disk recommits nothing.
    const newlyFrom = Math.max(node.commit, this.highestCommit);
    this.highestCommit = Math.max(this.highestCommit, record.a);
    if (node.role !== 'leader' || record.a <= newlyFrom) return;
    const older = countOlderBetween(node.log, newlyFrom, record.a, node.term);
    if (older === 0) return;
    // An index the fold holds no entry for (past a snapshot it installed) says nothing either way.
    const atCommit = node.log[record.a - 1];
    if (atCommit !== undefined) this.note(`commit-old-term:${atCommit.term === node.term ? 'via-current' : 'direct'}`);
  }

  private observeSnapshot(node: FoldedNode, record: TraceRecord): void {
    if (record.a <= node.snapshot) {
      this.note('install-snapshot:older');
      return;
    }
    const held = node.log[record.a - 1];
    this.note(`install-snapshot:${held !== undefined && held.term === record.b && node.log.length > record.a ? 'keep-tail' : 'replace'}`);
  }

  private observeRead(record: TraceRecord): void {
    if (record.b !== 1) {
      this.note('read:refused');
      return;
    }
    this.note('read:taken');
    const reader = this.fold.node(record.node);
    if (reader === undefined) return;
    for (let id = 1; id <= this.fold.nodeCount; id++) {
      const other = this.fold.node(id)!;
      if (id !== record.node && !other.crashed && other.term > reader.term && (other.role === 'candidate' || other.role === 'leader')) {
        this.note('read:taken-during-election');
        return;
      }
    }
  }
}

/** Entries above `commit` whose term is below `term`. */
function countOlderAbove(log: readonly Entry[], commit: number, term: number): number {
  return countOlderBetween(log, commit, log.length, term);
}

/** Entries at indexes after `from` up to `to` whose term is below `term`. */
function countOlderBetween(log: readonly Entry[], from: number, to: number, term: number): number {
  let count = 0;
  for (let index = from + 1; index <= Math.min(to, log.length); index++) if (log[index - 1]!.term < term) count++;
  return count;
}

/** The features a whole trace reached, sorted. */
export function protocolCoverage(records: readonly TraceRecord[], nodeCount: number, initialMembers: readonly number[] | null = null): string[] {
  const fold = new ProtocolCoverageFold(nodeCount, initialMembers);
  fold.accept(records);
  return fold.features();
}
