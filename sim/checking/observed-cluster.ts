/**
 * What the simulator has seen of each node: only what the node handed out through the contract
 * (persisted state, role, commit index, applied entries), never its private fields. Checkers judge
 * this model, so they judge any implementation alike. Each log also keeps prefix hashes, so "are these
 * two logs identical up to index i" is a comparison of two numbers.
 */
import { decodeMembers } from '../../core/configuration.js';
import { isPreVote } from '../../core/messages.js';
import type { Message } from '../../core/messages.js';
import type { Entry, NodeId, Role } from '../../core/types.js';
import { chainHash, hashString } from '../trace/hash.js';
import { Int32Column } from './int32-column.js';

export function entryHash(entry: Entry): number {
  return chainHash(hashString(entry.command), entry.term * 2 + (entry.kind === 'noop' ? 1 : 0));
}

export class ObservedNode {
  up = true;
  paused = false;
  role: Role = 'follower';
  term = 0;
  votedFor: NodeId | null = null;
  leaderId: NodeId | null = null;
  commitIndex = 0;
  appliedIndex = 0;
  /** The last index of the node's latest snapshot; 0 while it never compacted. */
  snapshotIndex = 0;
  /** Removed from the configuration and shut down for good. */
  retired = false;
  /** A spare server not switched on yet. */
  dormant = false;
  /**
   * The log as a sequence from index 1; slot 0 is the empty prefix. Where the node compacted, the
   * entries up to its snapshot are those of the committed history, which the snapshot was checked
   * against when it was taken or installed: the node's state stands for exactly those entries.
   */
  readonly entries: (Entry | null)[] = [null];
  /** prefixHashes.get(i) stands for the entries 1..i. */
  readonly prefixHashes = new Int32Column([0]);
  /**
   * storedInTerm.get(i) is the highest term the node held or had been shown when it stored its entry at
   * i. An entry stored while that was the entry's own term came from the leader that created it (§5.3);
   * see stored-by-majority.ts.
   */
  readonly storedInTerm = new Int32Column([0]);
  /**
   * The highest term of a message delivered to the node since it last started, pre-vote requests and
   * granted pre-votes aside (their terms are only proposed). A node may adopt a term in memory and make
   * it durable only before it next sends (Figure 2), so a write in between may come from a leader of
   * that term though the durable term is still older: such a write is not counted as made in the
   * entry's own term.
   */
  highestTermHeard = 0;
  /** The indexes of the config entries in the log, in order. */
  readonly configIndexes: number[] = [];

  constructor(readonly id: NodeId) {}

  lastIndex(): number {
    return this.entries.length - 1;
  }

  termAt(index: number): number {
    return index === 0 ? 0 : (this.entries[index]?.term ?? -1);
  }

  lastTerm(): number {
    return this.termAt(this.lastIndex());
  }

  /**
   * Replaces the log from `fromIndex` on. Entries the write leaves as they were (a leader resending what
   * the node holds) keep the term in which they were first stored. Returns the first index whose entry
   * changed: lastIndex() + 1 when the write only cut the log or changed nothing.
   */
  writeLog(fromIndex: number, entries: readonly Entry[]): number {
    let keep = Math.min(fromIndex, this.entries.length);
    let first = 0;
    // A write that overlaps the log usually resends entries the node holds: skip over those.
    while (first < entries.length && keep < this.entries.length && chainHash(this.prefixHashes.get(keep - 1)!, entryHash(entries[first]!)) === this.prefixHashes.get(keep)) {
      keep++;
      first++;
    }
    // Setting an array's length is slow even when nothing changes, and most writes are appends.
    if (keep < this.entries.length) {
      this.entries.length = keep;
      this.prefixHashes.truncate(keep);
      this.storedInTerm.truncate(keep);
      while (this.configIndexes.length > 0 && this.configIndexes[this.configIndexes.length - 1]! >= keep) this.configIndexes.pop();
    }
    let prefixHash = this.prefixHashes.get(keep - 1)!;
    const storedInTerm = Math.max(this.term, this.highestTermHeard);
    for (let offset = first; offset < entries.length; offset++) {
      const entry = entries[offset]!;
      if (entry.kind === 'config') this.configIndexes.push(this.entries.length);
      prefixHash = chainHash(prefixHash, entryHash(entry));
      this.prefixHashes.push(prefixHash);
      this.storedInTerm.push(storedInTerm);
      this.entries.push(entry);
    }
    return keep;
  }

  /** The node is handed a message: a term it may adopt in memory before the host sees it durable. */
  heard(message: Message): void {
    if (message.term <= this.highestTermHeard) return;
    // A refused pre-vote answers with the voter's own term, which is real.
    const proposedTerm = isPreVote(message) && (message.type === 'RequestVoteRequest' || (message.type === 'RequestVoteResponse' && message.voteGranted));
    if (!proposedTerm) this.highestTermHeard = message.term;
  }

  /** A crash loses everything volatile; the persisted term, vote and log stay. */
  loseVolatileState(): void {
    this.highestTermHeard = 0;
    this.role = 'follower';
    this.leaderId = null;
    this.commitIndex = 0;
    this.appliedIndex = 0;
  }

  snapshot(): NodeSnapshot {
    return {
      node: this.id,
      status: this.retired ? 'retired' : this.dormant ? 'spare' : this.up ? (this.paused ? 'paused' : 'up') : 'crashed',
      role: this.role,
      term: this.term,
      votedFor: this.votedFor,
      commitIndex: this.commitIndex,
      appliedIndex: this.appliedIndex,
      snapshotIndex: this.snapshotIndex,
      lastLogIndex: this.lastIndex(),
      lastLogTerm: this.lastTerm(),
      logTerms: this.entries.slice(1).map((entry) => entry!.term),
    };
  }
}

export interface NodeSnapshot {
  readonly node: NodeId;
  readonly status: 'up' | 'paused' | 'crashed' | 'retired' | 'spare';
  readonly role: Role;
  readonly term: number;
  readonly votedFor: NodeId | null;
  readonly commitIndex: number;
  readonly appliedIndex: number;
  readonly snapshotIndex: number;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
  /** The term of every entry in the node's log, index 1 first. */
  readonly logTerms: readonly number[];
}

/**
 * The cluster as observed, plus the canonical committed history every node must agree with (TigerBeetle's
 * state checker does the same). The history grows from two sources: what a majority durably stores as the
 * paper defines commitment (stored-by-majority.ts), and what any node declares committed (its commit
 * index), which a correct node never runs ahead of but a faulty one may. Some node has declared the first
 * `declaredLength()` entries committed: the simulator acts on those, as a client or operator would.
 */
export class ObservedCluster {
  readonly nodes: ObservedNode[];
  readonly committedEntries: (Entry | null)[] = [null];
  readonly committedPrefixHashes = new Int32Column([0]);
  /**
   * For each committed index, an upper bound on the term in which it was committed, which is what Leader
   * Completeness speaks of: the entry's own term when a majority stored it as its leader replicated it,
   * otherwise the term of the node that first declared it committed. An index is committed before term T
   * when it or any later index has a term below T here.
   */
  readonly committedInTerm = new Int32Column([0]);
  /** How much of the history some node has declared committed. */
  private declared = 0;

  /** The configuration the cluster started with. */
  readonly initialMembers: readonly NodeId[];
  /**
   * initialMember[id] is 1 for a node of that configuration: the host asks whether a node may stand
   * after every tick and message, and while no config entry was written the answer is this.
   */
  private readonly initialMember: Uint8Array;
  /** The index of the last config entry in the declared part of the committed history; 0 for none. */
  private committedConfigIndex = 0;

  constructor(nodeCount: number, initialMembers: readonly NodeId[] | null = null) {
    this.nodes = [];
    for (let id = 1; id <= nodeCount; id++) this.nodes.push(new ObservedNode(id));
    this.initialMembers = initialMembers ?? this.nodes.map((node) => node.id);
    this.initialMember = new Uint8Array(nodeCount + 1);
    for (const id of this.initialMembers) if (id >= 1 && id <= nodeCount) this.initialMember[id] = 1;
  }

  /** The configuration in force in a node's log (its last config entry, §4.1). */
  configurationOf(node: ObservedNode): readonly NodeId[] {
    const index = node.configIndexes[node.configIndexes.length - 1];
    return index === undefined ? this.initialMembers : membersOf(node.entries[index]!);
  }

  /** The configuration in force at `index` of a node's log. */
  configurationAt(node: ObservedNode, index: number): readonly NodeId[] {
    for (let position = node.configIndexes.length - 1; position >= 0; position--) {
      const configIndex = node.configIndexes[position]!;
      if (configIndex <= index) return membersOf(node.entries[configIndex]!);
    }
    return this.initialMembers;
  }

  /**
   * Whether a node may stand for election: a member of its latest configuration, or of the one it
   * knows committed (removed by a change not yet committed, it may be needed to commit it, §4.2.2).
   */
  mayStand(node: ObservedNode): boolean {
    if (node.configIndexes.length === 0) return this.initialMember[node.id] === 1;
    return this.configurationOf(node).includes(node.id) || this.configurationAt(node, node.commitIndex).includes(node.id);
  }

  /** The configuration of the history some node has declared committed. */
  committedConfiguration(): readonly NodeId[] {
    return this.committedConfigIndex === 0 ? this.initialMembers : membersOf(this.committedEntries[this.committedConfigIndex]!);
  }

  node(id: NodeId): ObservedNode {
    const node = this.nodes[id - 1];
    if (node === undefined) throw new Error(`no node ${id}`);
    return node;
  }

  committedLength(): number {
    return this.committedEntries.length - 1;
  }

  /** The length of the part of the committed history some node has declared committed. */
  declaredLength(): number {
    return this.declared;
  }

  /**
   * Takes in what `node` now declares committed, when its log agrees with the history so far: the history
   * grows, and so does its declared part. Disagreement is left for the checkers to report. Returns whether
   * the declared part grew.
   */
  extendCommitted(node: ObservedNode): boolean {
    const upTo = Math.min(node.commitIndex, node.lastIndex());
    if (upTo <= this.declared) return false;
    const known = Math.min(upTo, this.committedLength());
    if (node.prefixHashes.get(known) !== this.committedPrefixHashes.get(known)) return false;
    this.extendTo(node, upTo, node.term);
    for (let index = this.declared + 1; index <= upTo; index++) {
      if (this.committedEntries[index]!.kind === 'config') this.committedConfigIndex = index;
    }
    this.declared = upTo;
    return true;
  }

  /**
   * Takes in that a majority durably stores `node`'s log through `index`, the entry there stored in its
   * own term (§5.3), unless the node's log disagrees with the history so far. Returns whether it agreed.
   */
  commitStoredByMajority(node: ObservedNode, index: number): boolean {
    const known = Math.min(index, this.committedLength());
    if (node.prefixHashes.get(known) !== this.committedPrefixHashes.get(known)) return false;
    const term = node.entries[index]!.term;
    this.extendTo(node, index, term);
    if (this.committedInTerm.get(index)! > term) this.committedInTerm.set(index, term);
    return true;
  }

  /** Appends `node`'s entries after the history through `upTo`, committed in `term` at the latest. */
  private extendTo(node: ObservedNode, upTo: number, term: number): void {
    for (let index = this.committedLength() + 1; index <= upTo; index++) {
      this.committedEntries.push(node.entries[index]!);
      this.committedPrefixHashes.push(node.prefixHashes.get(index)!);
      this.committedInTerm.push(term);
    }
  }

  /** The first index through `upTo` at which `node`'s log differs from the committed history; `upTo` if none before. */
  firstDifference(node: ObservedNode, upTo: number): number {
    for (let index = 1; index < upTo; index++) {
      if (node.prefixHashes.get(index) !== this.committedPrefixHashes.get(index)) return index;
    }
    return upTo;
  }

  /** The last committed index whose entry was committed in a term before `term`; 0 if none. */
  lastCommittedBeforeTerm(term: number): number {
    // Commit terms are almost always non-decreasing along the history, so the scan is short.
    for (let index = this.committedLength(); index >= 1; index--) {
      if (this.committedInTerm.get(index)! < term) return index;
    }
    return 0;
  }

  snapshots(): NodeSnapshot[] {
    return this.nodes.map((node) => node.snapshot());
  }
}

/** Decoded configurations, by entry: entries are immutable and shared, so each is decoded once. */
const decodedMembers = new WeakMap<Entry, readonly NodeId[]>();

function membersOf(entry: Entry): readonly NodeId[] {
  let members = decodedMembers.get(entry);
  if (members === undefined) {
    members = decodeMembers(entry.command);
    decodedMembers.set(entry, members);
  }
  return members;
}
