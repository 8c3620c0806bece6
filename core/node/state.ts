/**
 * The reference node's state (Figure 2's persistent and volatile state, the leader's view of its
 * peers, what is waiting to go out in the next Ready) and the bookkeeping every part of the protocol
 * shares: appending to and truncating the node's own log, putting a configuration in force, the
 * election timer, the outbox.
 *
 * The node is built in layers, one file each, every layer adding one part of the protocol to those
 * below it: this state; reads (leadership-reads.ts); the leader's replication (leader-replication.ts);
 * the follower's side of AppendEntries and InstallSnapshot (follower-log.ts); elections and role
 * changes (elections.ts); the Ready (ready.ts); and, on top, RaftNode in ../node.ts, which takes the
 * inputs and chooses each message's handler by role. A layer calls into a later one only through an
 * abstract method it declares.
 */
import { checkArguments } from '../argument-checks.js';
import { ConfigHistory } from '../configuration.js';
import { NODE_CONFIG } from '../contract-shape.js';
import type { NodeConfig } from '../contract.js';
import { RaftLog } from '../log.js';
import type { RejectedMessage } from '../contract.js';
import { sealMessage } from '../integrity.js';
import type { IntegrityLevel } from '../integrity.js';
import type { Message } from '../messages.js';
import type { CoreOptions } from '../options.js';
import { coreOptionsProblem } from '../options.js';
import { PeerProgress } from '../progress.js';
import type { RandomSource } from '../random.js';
import { randomIntInclusive } from '../random.js';
import type { NodeRules } from '../rules.js';
import { REFERENCE_RULES } from '../rules.js';
import type { Entry, NodeId, Role, Snapshot } from '../types.js';

export abstract class NodeState {
  readonly id: NodeId;
  /** The configuration in force: the latest in the log (§4.1), committed or not. */
  protected members: readonly NodeId[];
  protected peers: readonly NodeId[];
  /**
   * Whom a leader replicates to: the peers, and the members of the committed configuration that a
   * change not yet committed removes. They go on hearing from the leader until their removal is
   * committed, rather than time out and disrupt the cluster with elections meanwhile (§4.2.3).
   */
  protected replicas: readonly NodeId[];
  /** Whether this node is a voting member of the configuration in force. */
  protected voter: boolean;
  protected readonly configs: ConfigHistory;
  protected readonly options: CoreOptions;
  /** The rules consulted at each decision point (see rules.ts): REFERENCE_RULES but in a variant. */
  protected readonly rules: NodeRules;
  private readonly random: RandomSource;

  // Persistent state (Figure 2): never lost in a crash once handed out in a Ready and persisted.
  protected term = 0;
  protected votedFor: NodeId | null = null;
  protected readonly log: RaftLog;
  /** The latest snapshot, taken here or received; null while the log was never compacted. */
  protected snapshot: Snapshot | null;

  // Volatile state: lost in a crash.
  protected role: Role = 'follower';
  protected leaderId: NodeId | null = null;
  protected commitIndex = 0;
  /** The last index handed out in a Ready's committedEntries. */
  protected appliedIndex = 0;
  /** The last index the host confirmed durable (through advance). */
  protected persistedIndex: number;
  protected electionElapsed = 0;
  protected heartbeatElapsed = 0;
  protected randomizedElectionTimeout: number;
  protected readonly votesGranted = new Set<NodeId>();
  /** Leadership transfer under way: the chosen successor, and ticks since the transfer began. */
  protected transferee: NodeId | null = null;
  protected transferElapsed = 0;
  /** The leader's view of each peer's log, indexed by node id (an array: it is read on every acknowledgement). */
  protected readonly progress: (PeerProgress | undefined)[] = [];
  protected matchScratch: number[];
  /**
   * Ticks since this node, as a follower, last heard from a leader of its term (CheckQuorum's
   * stickiness, see inLease). Kept apart from the election timer, which a granted vote also restarts,
   * and not forgotten when a message of a higher term arrives from anyone but a leader.
   */
  protected leaderContactElapsed: number;

  // Output not yet handed out in a Ready.
  /** Null while empty: most inputs send nothing, and a Ready without messages shares NO_MESSAGES. */
  protected outbox: Message[] | null = null;
  protected hardStateChanged = false;
  protected softStateChanged = false;
  /**
   * The lowest log index changed since the last Ready; 0 when the log did not change. (Indexes start at
   * 1, so 0 can mean "none"; a whole-number sentinel keeps these fields small integers, which the
   * JavaScript engine handles fastest.)
   */
  protected unstableFrom = 0;
  /** The lowest index truncated between a Ready and its advance, which voids that part of the Ready; 0 for none. */
  protected truncatedSinceReady = 0;
  /** A snapshot received from the leader, to be handed out for persisting and restoring. */
  protected snapshotToInstall: Snapshot | null = null;
  /** Messages refused on sight since the last Ready; null while there are none. */
  protected rejected: RejectedMessage[] | null = null;
  protected readonly integrity: IntegrityLevel;

  constructor(config: NodeConfig, rules: NodeRules = REFERENCE_RULES) {
    checkArguments('create', ['config', config, NODE_CONFIG]);
    const problem = coreOptionsProblem(config.options);
    if (problem !== null) throw new Error(`invalid core options: ${problem}`);
    this.id = config.id;
    this.options = config.options;
    this.integrity = config.options.integrity ?? 'none';
    this.rules = rules;
    this.random = config.random;
    const persisted = config.persisted;
    this.snapshot = persisted?.snapshot ?? null;
    const snapshotIndex = this.snapshot?.lastIndex ?? 0;
    this.configs = new ConfigHistory(this.snapshot?.members ?? config.members);
    if (persisted !== null) {
      this.term = persisted.hardState.term;
      this.votedFor = persisted.hardState.votedFor;
      this.log = new RaftLog(persisted.log, snapshotIndex, this.snapshot?.lastTerm ?? 0);
      persisted.log.forEach((entry, offset) => this.configs.appended(snapshotIndex + offset + 1, entry));
    } else {
      this.log = new RaftLog();
    }
    // What a snapshot holds is committed, and the host restored its state machine from it.
    this.commitIndex = snapshotIndex;
    this.appliedIndex = snapshotIndex;
    this.members = [];
    this.peers = [];
    this.replicas = [];
    this.voter = false;
    this.matchScratch = [];
    this.useLatestConfig();
    this.persistedIndex = this.log.lastIndex();
    // With lease reads, a restarted node keeps out of elections for an election timeout: it may have
    // answered a leader's round just before it crashed, and that leader may still count on it.
    this.leaderContactElapsed = config.options.leaseReads && persisted !== null ? 0 : config.options.electionTimeoutMinTicks;
    this.randomizedElectionTimeout = this.drawElectionTimeout();
  }

  protected appendToOwnLog(entry: Entry): number {
    const index = this.log.append(entry);
    this.unstableFrom = lowestOf(this.unstableFrom, index);
    if (entry.kind === 'config') {
      this.configs.appended(index, entry);
      this.useLatestConfig();
    }
    return index;
  }

  /**
   * A server stands for election when it is a member of its latest configuration, or of the committed
   * one: removed by a change not yet committed, it may still be needed to commit that change, and
   * stands (dissertation §4.2.2). A spare never added stands for nothing.
   */
  protected mayStand(): boolean {
    return this.voter || this.configs.at(this.commitIndex).includes(this.id);
  }

  /** Puts the latest configuration of the log in force (§4.1: a server uses it as soon as it holds it). */
  protected useLatestConfig(): void {
    const members = this.configs.latest();
    if (members === this.members) return;
    this.members = members;
    this.peers = members.filter((member) => member !== this.id);
    this.voter = members.includes(this.id);
    this.matchScratch = new Array<number>(members.length).fill(0);
    this.useReplicas();
  }

  /** The peers, and the committed configuration's members that a pending change removes. */
  protected useReplicas(): void {
    const committed = this.configs.at(this.commitIndex);
    const leaving = committed.filter((member) => member !== this.id && !this.peers.includes(member));
    this.replicas = leaving.length === 0 ? this.peers : [...this.peers, ...leaving];
    if (this.role !== 'leader') return;
    const nextIndex = this.log.lastIndex() + 1;
    for (const peer of this.replicas) if (this.progress[peer] === undefined) this.progress[peer] = new PeerProgress(nextIndex);
    for (let id = 0; id < this.progress.length; id++) if (this.progress[id] !== undefined && !this.replicas.includes(id)) this.progress[id] = undefined;
  }

  /**
   * Never reaches a committed entry while Raft's rules hold. It does not assert that, because a broken
   * variant of this node must show the damage to the checkers rather than stop at the first symptom.
   */
  protected truncateOwnLog(fromIndex: number): void {
    this.log.truncateFrom(fromIndex);
    if (this.configs.latestIndex() >= fromIndex) {
      this.configs.truncatedFrom(fromIndex);
      this.useLatestConfig();
    }
    this.unstableFrom = lowestOf(this.unstableFrom, fromIndex);
    this.truncatedSinceReady = lowestOf(this.truncatedSinceReady, fromIndex);
    if (this.persistedIndex >= fromIndex) this.persistedIndex = fromIndex - 1;
  }

  /** How many members make a majority of the configuration in force (§5.2, §5.3). */
  protected quorum(): number {
    return this.rules.quorumSize(this.members.length, this.peers.length);
  }

  /** Entries may be applied once committed and durable here. */
  protected applicableIndex(): number {
    return Math.min(this.commitIndex, this.persistedIndex);
  }

  protected resetElectionTimer(): void {
    this.electionElapsed = 0;
    this.randomizedElectionTimeout = this.drawElectionTimeout();
  }

  private drawElectionTimeout(): number {
    return randomIntInclusive(this.random, this.options.electionTimeoutMinTicks, this.options.electionTimeoutMaxTicks);
  }

  protected send(unsealed: Message): void {
    const message = this.integrity === 'none' ? unsealed : sealMessage(unsealed, this.integrity);
    if (this.outbox === null) this.outbox = [message];
    else this.outbox.push(message);
  }

  protected reject(message: Message, reason: string): void {
    if (this.rejected === null) this.rejected = [{ message, reason }];
    else this.rejected.push({ message, reason });
  }
}

/** The lower of a recorded index (0 for none yet) and another index. */
export function lowestOf(recorded: number, index: number): number {
  return recorded === 0 || index < recorded ? index : recorded;
}
