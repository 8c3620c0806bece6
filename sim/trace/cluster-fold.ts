/**
 * The cluster as a trace tells it, record by record: which node is up, crashed, paused, retired or a
 * spare; each node's role, term, leader and commit index; its log and snapshot when asked to keep them;
 * who can reach whom; and who stood and won in each term. The run statistics, the terminal timeline
 * and the HTML explorer all read a trace through this one fold, so they agree on what a record means.
 *
 * It is plain TypeScript with no Node imports: the explorer page bundles it and runs it in the browser
 * on the records it decodes from the trace file.
 */
import type { Entry, Role } from '../../core/types.js';
import { MESSAGE_CODE, ROLE_NAMES, TraceKind } from './trace.js';
import type { TraceRecord } from './trace.js';
import { ElectionTally } from './election-tally.js';
import type { ElectionRound } from './election-tally.js';
import { Links } from './links.js';
import type { LinksState } from './links.js';

/**
 * What the fold reads of a record: a TraceRecord is one, and the explorer builds one per record it
 * decodes (with -1 for a kind the simulator has no code for).
 */
export type FoldRecord = Omit<TraceRecord, 'index' | 'kind'> & { readonly kind: number };

/** A node's last change of life: a spare is a server outside the configuration, not yet switched on. */
export type NodeStatus = 'up' | 'crashed' | 'paused' | 'retired' | 'spare';

export interface FoldedNode {
  /** The last lifecycle record's word on the node (crash, restart, pause, resume, retire). */
  status: NodeStatus;
  /** Crashed and not restarted since (a retired server stays so: it was crashed before it retired). */
  crashed: boolean;
  paused: boolean;
  role: Role;
  term: number;
  /**
   * The term its last role change stated, or its new term when a candidate stood again; null before its
   * first role change and after a crash or retirement (the timeline prints this one).
   */
  roleTerm: number | null;
  /** The leader it last named on a role change; 0 for none. */
  leader: number;
  commit: number;
  /** The index its log is compacted through, and that entry's term (0 for none). */
  snapshot: number;
  snapshotTerm: number;
  /** Every entry written, the compacted ones too; empty unless the fold keeps logs. */
  log: Entry[];
  /**
   * The candidates it granted a vote in `votesTerm`, as its sent replies say (pre-votes aside): one at
   * most, unless it breaks the rule of one vote per term (§5.2). Kept across a crash, as its vote is.
   */
  votes: number[];
  votesTerm: number;
}

/** A network fault in force: the partition or cut that began it, until the network heals. */
export interface NetworkFault {
  readonly sinceUs: number;
  readonly detail: unknown;
}

export interface ClusterFoldOptions {
  readonly nodeCount: number;
  /** The first configuration; the other servers start as spares. Null: every server is a member. */
  readonly initialMembers?: readonly number[] | null;
  /** Keep each node's log (the explorer shows logs; the statistics do not need them). */
  readonly keepLogs?: boolean;
  /** Tally who stood and won in each term (`elections`); true unless set false, as the timeline does. */
  readonly tallyElections?: boolean;
  /** Role names by code, as the trace gives them; ROLE_NAMES by default. */
  readonly roleNames?: readonly string[];
  /** Called when a candidate is found to have stood again in a new term, with the time of its term change. */
  readonly onStoodAgain?: (node: number, term: number, timeUs: number) => void;
}

/** A candidate's term change, not yet known to be a new candidacy rather than a step down. */
interface PendingCandidacy {
  readonly node: number;
  readonly term: number;
  readonly timeUs: number;
}

/**
 * Everything a fold knows after some records, as plain data (JSON as it stands): a fold restored from
 * it and given the records that follow ends where a fold of every record does. The explorer of a long
 * trace starts each window of it from one.
 */
export interface ClusterFoldState {
  /** Nodes by id; index 0 holds no node. */
  readonly nodes: readonly FoldedNode[];
  readonly links: LinksState;
  readonly elections: readonly ElectionRound[];
  readonly fault: NetworkFault | null;
  readonly pending: PendingCandidacy | null;
}

export class ClusterFold {
  /** Nodes by id; index 0 holds no node. */
  private readonly nodes: FoldedNode[];
  /** Who can reach whom now. */
  readonly links: Links;
  /** Who stood and who won, term by term, so far; empty when the options turn the tally off. */
  readonly elections: ElectionTally;
  private fault: NetworkFault | null = null;
  private pending: PendingCandidacy | null = null;

  /** A fold before any record, or, given a state, the fold in that state (see restore()). */
  constructor(
    private readonly options: ClusterFoldOptions,
    state: ClusterFoldState | null = null,
  ) {
    if (state !== null) {
      if (state.nodes.length !== options.nodeCount + 1) throw new Error(`a fold of ${options.nodeCount} nodes cannot take a state of ${state.nodes.length - 1}`);
      this.nodes = state.nodes.map((node) => ({ ...node, log: node.log.slice(), votes: (node.votes ?? []).slice(), votesTerm: node.votesTerm ?? 0 }));
      this.links = Links.restore(options.nodeCount, state.links);
      this.elections = ElectionTally.restore(state.elections);
      this.fault = state.fault;
      this.pending = state.pending;
      return;
    }
    const members = options.initialMembers ?? null;
    this.nodes = [];
    for (let id = 0; id <= options.nodeCount; id++) this.nodes.push(freshNode(members === null || members.includes(id)));
    this.links = new Links(options.nodeCount);
    this.elections = new ElectionTally();
  }

  /** The network fault in force: the last partition or cut since the network last healed. */
  get networkFault(): NetworkFault | null {
    return this.fault;
  }

  get nodeCount(): number {
    return this.options.nodeCount;
  }

  /** The node with this id, or undefined for an id outside 1..nodeCount. */
  node(id: number): FoldedNode | undefined {
    return id >= 1 && id <= this.options.nodeCount ? this.nodes[id] : undefined;
  }

  /** Folds in the next record. */
  apply(record: FoldRecord): void {
    if (this.pending !== null) this.settleCandidacy(record);
    if (!this.applyNetwork(record)) this.applyToNode(record);
  }

  /** Settles what the last record left open (a candidate's last term change); call after the last record. */
  finish(): void {
    if (this.pending !== null) this.settleCandidacy(null);
  }

  /** An independent copy: applying records to one leaves the other as it was. */
  copy(): ClusterFold {
    return new ClusterFold(this.options, this.state());
  }

  /** What the fold knows now, as plain data that shares nothing with the fold. */
  state(): ClusterFoldState {
    return {
      nodes: this.nodes.map((node) => ({ ...node, log: node.log.slice(), votes: node.votes.slice() })),
      links: this.links.state(),
      elections: this.elections.rounds(),
      fault: this.fault,
      pending: this.pending,
    };
  }

  /** A fold in a state that state() gave, under the options it was folded with. */
  static restore(options: ClusterFoldOptions, state: ClusterFoldState): ClusterFold {
    return new ClusterFold(options, state);
  }

  /**
   * A candidate that starts another election shows only as a new term. So does a candidate that steps
   * down to a higher term, until the role change that the same Ready records next; hence the wait.
   */
  private settleCandidacy(next: FoldRecord | null): void {
    const { node, term, timeUs } = this.pending!;
    this.pending = null;
    const steppedDown = next !== null && next.kind === TraceKind.roleChange && next.node === node && this.roleName(next.a) !== 'candidate';
    if (steppedDown) return;
    if (this.options.tallyElections !== false) this.elections.stoodFor(term, node);
    this.nodes[node]!.roleTerm = term;
    this.options.onStoodAgain?.(node, term, timeUs);
  }

  /** Folds a network record into the links; false for a record of another kind. */
  private applyNetwork(record: FoldRecord): boolean {
    switch (record.kind) {
      case TraceKind.partition: {
        const detail = record.detail as { type: string; groups?: number[][]; node?: number } | null;
        if (detail?.type === 'isolate') this.links.isolate(detail.node!);
        else if (detail?.groups !== undefined) this.links.partition(detail.groups);
        else if (record.a === 0 && record.node > 0) this.links.isolate(record.node);
        this.fault = { sinceUs: record.timeUs, detail: record.detail };
        return true;
      }
      case TraceKind.cut: {
        const detail = record.detail as { from: number[]; to: number[] } | null;
        if (detail !== null) this.links.cut(detail.from, detail.to);
        this.fault = { sinceUs: record.timeUs, detail: record.detail };
        return true;
      }
      case TraceKind.heal:
      case TraceKind.settle: {
        const detail = record.detail as { type: string; group?: number } | null;
        if (detail?.type === 'reconnect') {
          this.links.reconnect(record.node, detail.group!);
          return true;
        }
        this.links.heal();
        this.fault = null;
        return true;
      }
      default:
        return false;
    }
  }

  private applyToNode(record: FoldRecord): void {
    const node = this.node(record.node);
    if (node === undefined) return;
    switch (record.kind) {
      case TraceKind.roleChange:
        this.changeRole(node, record);
        break;
      case TraceKind.termChange:
        node.term = record.a;
        if (node.role === 'candidate' && !node.crashed) this.pending = { node: record.node, term: record.a, timeUs: record.timeUs };
        break;
      case TraceKind.logWrite:
        if (this.options.keepLogs === true) writeLog(node, record.a, (record.detail as readonly Entry[] | null) ?? []);
        break;
      case TraceKind.commit:
        node.commit = record.a;
        break;
      case TraceKind.send:
        if (record.a === MESSAGE_CODE.RequestVoteResponse) noteVote(node, record);
        break;
      case TraceKind.compact:
      case TraceKind.installSnapshot:
        node.snapshot = record.a;
        node.snapshotTerm = record.b;
        break;
      default:
        applyLifecycle(node, record);
    }
  }

  private changeRole(node: FoldedNode, record: FoldRecord): void {
    node.role = this.roleName(record.a);
    node.term = record.b;
    node.roleTerm = record.b;
    node.leader = record.peer;
    if (this.options.tallyElections === false) return;
    if (node.role === 'candidate') this.elections.stoodFor(record.b, record.node);
    if (node.role === 'leader') this.elections.won(record.b, record.node);
  }

  private roleName(code: number): Role {
    return ((this.options.roleNames ?? ROLE_NAMES)[code] ?? 'follower') as Role;
  }
}

/** A granted vote, from the reply that carries it (its sending record holds the message). */
function noteVote(node: FoldedNode, record: FoldRecord): void {
  const reply = record.detail as { voteGranted?: boolean; preVote?: boolean; term?: number } | null;
  if (reply === null || reply.voteGranted !== true || reply.preVote === true || typeof reply.term !== 'number') return;
  if (node.votesTerm !== reply.term) {
    node.votes = [];
    node.votesTerm = reply.term;
  }
  if (!node.votes.includes(record.peer)) node.votes.push(record.peer);
}

function freshNode(member: boolean): FoldedNode {
  return {
    status: member ? 'up' : 'spare',
    crashed: false,
    paused: false,
    role: 'follower',
    term: 0,
    roleTerm: null,
    leader: 0,
    votes: [],
    votesTerm: 0,
    commit: 0,
    snapshot: 0,
    snapshotTerm: 0,
    log: [],
  };
}

/** A write replaces the log from its first index on (§5.3: a conflicting suffix is cut first). */
function writeLog(node: FoldedNode, fromIndex: number, entries: readonly Entry[]): void {
  node.log.length = Math.min(node.log.length, fromIndex - 1);
  for (const entry of entries) node.log.push(entry);
}

/** Folds a crash, restart, pause, resume or retirement; a record of any other kind changes nothing. */
function applyLifecycle(node: FoldedNode, record: FoldRecord): void {
  switch (record.kind) {
    case TraceKind.crash:
      node.status = 'crashed';
      node.crashed = true;
      node.paused = false;
      loseVolatileState(node);
      break;
    case TraceKind.restart:
      node.status = 'up';
      node.crashed = false;
      break;
    case TraceKind.pause:
      node.status = 'paused';
      node.paused = true;
      break;
    case TraceKind.resume:
      node.status = 'up';
      node.paused = false;
      break;
    case TraceKind.retire:
      // A retired server's disk is wiped; a switched-off one keeps it for when it is added again.
      node.status = record.a === 0 ? 'retired' : 'spare';
      loseVolatileState(node);
      if (record.a === 0) {
        node.snapshot = 0;
        node.snapshotTerm = 0;
        node.log = [];
      }
      break;
  }
}

/** What a node holds only in memory (Figure 2's volatile state, and its role) is gone when it stops. */
function loseVolatileState(node: FoldedNode): void {
  node.role = 'follower';
  node.roleTerm = null;
  node.commit = 0;
  node.leader = 0;
}
