/**
 * What the simulator has seen of each node: only what the node handed out through the contract
 * (persisted state, role, commit index, applied entries), never its private fields. Checkers judge
 * this model, so they judge any implementation alike. Each log also keeps prefix hashes, so "are these
 * two logs identical up to index i" is a comparison of two numbers.
 */
import { decodeMembers } from '../../core/configuration.js';
import type { Entry, NodeId, Role } from '../../core/types.js';
import { chainHash, hashString } from '../trace/hash.js';

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
  /** prefixHashes[i] stands for the entries 1..i. */
  readonly prefixHashes: number[] = [0];
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

  writeLog(fromIndex: number, entries: readonly Entry[]): void {
    const keep = Math.min(fromIndex, this.entries.length);
    // Setting an array's length is slow even when nothing changes, and most writes are appends.
    if (keep < this.entries.length) {
      this.entries.length = keep;
      this.prefixHashes.length = keep;
      while (this.configIndexes.length > 0 && this.configIndexes[this.configIndexes.length - 1]! >= keep) this.configIndexes.pop();
    }
    let prefixHash = this.prefixHashes[keep - 1]!;
    for (let offset = 0; offset < entries.length; offset++) {
      const entry = entries[offset]!;
      if (entry.kind === 'config') this.configIndexes.push(this.entries.length);
      prefixHash = chainHash(prefixHash, entryHash(entry));
      this.prefixHashes.push(prefixHash);
      this.entries.push(entry);
    }
  }

  /** A crash loses everything volatile; the persisted term, vote and log stay. */
  loseVolatileState(): void {
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
 * The cluster as observed, plus the canonical committed history: the entries any node has declared
 * committed, which every other node must agree with (TigerBeetle's state checker does the same).
 */
export class ObservedCluster {
  readonly nodes: ObservedNode[];
  readonly committedEntries: (Entry | null)[] = [null];
  readonly committedPrefixHashes: number[] = [0];
  /**
   * For each committed index, the term of the node that first declared it committed: an upper bound on
   * the term in which the entry was really committed, which is what Leader Completeness speaks of.
   */
  readonly committedInTerm: number[] = [0];

  /** The configuration the cluster started with. */
  readonly initialMembers: readonly NodeId[];
  /** The index of the last config entry in the committed history; 0 for none. */
  private committedConfigIndex = 0;

  constructor(nodeCount: number, initialMembers: readonly NodeId[] | null = null) {
    this.nodes = [];
    for (let id = 1; id <= nodeCount; id++) this.nodes.push(new ObservedNode(id));
    this.initialMembers = initialMembers ?? this.nodes.map((node) => node.id);
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
    if (node.configIndexes.length === 0) return this.initialMembers.includes(node.id);
    return this.configurationOf(node).includes(node.id) || this.configurationAt(node, node.commitIndex).includes(node.id);
  }

  /** The configuration of the committed history. */
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

  /**
   * Extends the canonical history with what `node` now declares committed, when its log agrees with the
   * history so far. Disagreement is left for the checkers to report. Returns whether the history grew.
   */
  extendCommitted(node: ObservedNode): boolean {
    const known = this.committedLength();
    const upTo = Math.min(node.commitIndex, node.lastIndex());
    if (upTo <= known) return false;
    if (node.prefixHashes[known] !== this.committedPrefixHashes[known]) return false;
    for (let index = known + 1; index <= upTo; index++) {
      if (node.entries[index]!.kind === 'config') this.committedConfigIndex = index;
      this.committedEntries.push(node.entries[index]!);
      this.committedPrefixHashes.push(node.prefixHashes[index]!);
      this.committedInTerm.push(node.term);
    }
    return true;
  }

  /** The last committed index whose entry was committed in a term before `term`; 0 if none. */
  lastCommittedBeforeTerm(term: number): number {
    // Commit terms are almost always non-decreasing along the history, so the scan is short.
    for (let index = this.committedLength(); index >= 1; index--) {
      if (this.committedInTerm[index]! < term) return index;
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
