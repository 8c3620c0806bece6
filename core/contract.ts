/**
 * The contract between a Raft implementation and the host that runs it (a simulator, a test, a real
 * server). The reference core in node.ts is one implementation of it and has no other way in.
 *
 * Inputs: tick(), step(message), propose(command), and the persisted state given at creation.
 * Outputs: a Ready, taken with ready() and acknowledged with advance(). The host must
 *   1. make `hardState`, `snapshot` and `logWrite` durable (in that order: a snapshot replaces the
 *      whole persisted log, and the log write continues after it),
 *   2. only then send `messages` (a vote or an acknowledgement must never outrun the disk),
 *   3. restore the state machine from `snapshot`, if any, then apply `committedEntries` in order,
 *   4. answer the reads of `readStates` once its state machine has applied through their index,
 *   5. call advance(ready).
 * Optional parts (snapshots, membership changes, reads) are methods an implementation may leave out;
 * the host then does not use that feature with it.
 * Determinism: the node draws randomness only from the RandomSource it is given and uses no clock,
 * timer or I/O, so the same inputs always give the same outputs.
 */
import type { Message } from './messages.js';
import type { CoreOptions } from './options.js';
import type { RandomSource } from './random.js';
import type { ConfigChange } from './configuration.js';
import type { Entry, HardState, NodeId, PersistentState, Snapshot, SoftState } from './types.js';

/** Replace the persisted log from `fromIndex` on with `entries` (a plain append when fromIndex = last + 1). */
export interface LogWrite {
  readonly fromIndex: number;
  readonly entries: readonly Entry[];
}

export interface CommittedEntries {
  readonly fromIndex: number;
  readonly entries: readonly Entry[];
}

/**
 * A read that may be answered (ReadIndex, dissertation §6.4): once the host's state machine has
 * applied through `index`, its state answers the read identified by `context` linearizably.
 */
export interface ReadState {
  readonly context: number;
  readonly index: number;
}

export interface Ready {
  /** Persist before sending anything; null when unchanged since the last Ready. */
  readonly hardState: HardState | null;
  /**
   * A snapshot received from the leader: persist it in place of the whole log and restore the state
   * machine from it. Absent or null when there is none.
   */
  readonly snapshot?: Snapshot | null;
  /** Persist before sending anything; null when the log did not change. */
  readonly logWrite: LogWrite | null;
  /** Send only after hardState and logWrite are durable. */
  readonly messages: readonly Message[];
  /** Apply in order; every entry here is already on this node's stable storage. */
  readonly committedEntries: CommittedEntries | null;
  /** Role and known leader; null when unchanged since the last Ready. */
  readonly softState: SoftState | null;
  /** The node's commit index after this Ready. */
  readonly commitIndex: number;
  /** Reads that may now be answered; absent or empty when there are none. */
  readonly readStates?: readonly ReadState[];
  /**
   * Optional: indexes of client commands in this node's log that it now answers as done, as a library
   * that answers its own clients does. Only committed entries may be acknowledged. Absent, the host
   * answers a command once the node it was proposed to applies it.
   */
  readonly acknowledgedIndexes?: readonly number[];
  /**
   * Optional: messages the node refused before any rule of the protocol saw them, and why (a checksum
   * that does not match, a MAC that is not the named sender's, a sender outside the configuration), for
   * the host to record. Absent or empty when there are none.
   */
  readonly rejected?: readonly RejectedMessage[];
}

/** A message a node refused on sight, and why. */
export interface RejectedMessage {
  readonly message: Message;
  readonly reason: string;
}

export type ProposeResult =
  | { readonly accepted: true; readonly index: number; readonly term: number }
  | { readonly accepted: false; readonly leaderId: NodeId | null; readonly reason?: string };

export interface RaftNodeInstance {
  tick(): void;
  step(message: Message): void;
  propose(command: string): ProposeResult;
  hasReady(): boolean;
  ready(): Ready;
  advance(ready: Ready): void;
  /**
   * Optional. Asks a leader to hand leadership to `to` (dissertation §3.10): it brings `to` up to date,
   * then tells it to stand at once. Returns false when this node does not lead or `to` is no peer.
   */
  transferLeadership?(to: NodeId): boolean;
  /**
   * Optional (§7). The host's state machine, applied through `index`, is captured in `data`: the node
   * may drop its log through `index` and keep the snapshot instead. Returns the snapshot, which the
   * host persists in place of the same entries on its disk; null when the node keeps its log (index
   * not applied yet, or already compacted).
   */
  compact?(index: number, data: string): Snapshot | null;
  /**
   * Optional (dissertation §4). Asks a leader to add or remove one voting member. Refused when this
   * node does not lead, when an earlier change is not yet committed, or before the leader has
   * committed an entry of its own term.
   */
  proposeConfigChange?(change: ConfigChange): ProposeResult;
  /**
   * Optional (dissertation §6.4). Asks a leader for a linearizable read identified by `context`; the
   * answer comes as a ReadState in a later Ready. Returns false when this node does not lead.
   */
  read?(context: number): boolean;
  /**
   * Optional. The host drops this node and will call nothing of it again: it crashed, was removed, or
   * the run ended, however it ended. A node that holds something outside its own memory (the process of
   * a node in another language) lets it go here; a pure state machine needs no close.
   */
  close?(): void;
}

/** How a node in another process became unreachable: it exited, broke the protocol, or did not answer in time. */
export type UnreachableKind = 'implementation-exit' | 'protocol-error' | 'hang';

/**
 * Thrown by a node that cannot be reached any more (the process it runs in exited, broke the protocol
 * it is spoken to through, or did not answer), rather than by the node's logic. The host does not judge
 * the run it was in: it stops the run and hands this to its caller, which reports it as the
 * implementation's failure of that kind.
 */
export class ImplementationUnreachable extends Error {
  constructor(
    readonly kind: UnreachableKind,
    message: string,
  ) {
    super(message);
    this.name = 'ImplementationUnreachable';
  }
}

export interface NodeConfig {
  readonly id: NodeId;
  /**
   * The configuration the cluster started with, in force until a config entry or snapshot replaces it.
   * A server added later starts with the same list, which does not hold it: it waits, without
   * standing for election, until the leader's log makes it a member.
   */
  readonly members: readonly NodeId[];
  readonly options: CoreOptions;
  readonly random: RandomSource;
  /** What the node persisted before it crashed; null for a node that starts fresh. */
  readonly persisted: PersistentState | null;
}

export interface RaftImplementation {
  readonly name: string;
  create(config: NodeConfig): RaftNodeInstance;
  /**
   * Message types of the implementation's own, beyond those of `Message` (an etcd-style heartbeat such
   * as `MsgHeartbeat`). A message of such a type needs only `type`, `from`, `to` and `term`, may carry
   * any other field, and is delivered to its recipient as it was sent. An undeclared type is malformed.
   */
  readonly extraMessageTypes?: readonly string[];
}
