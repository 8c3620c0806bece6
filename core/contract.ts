/**
 * The contract between a Raft implementation and the host that runs it (a simulator, a test, a real
 * server). The reference core in node.ts is one implementation of it and has no other way in.
 *
 * Inputs: tick(), step(message), propose(command), and the persisted state given at creation.
 * Outputs: a Ready, taken with ready() and acknowledged with advance(). The host must
 *   1. make `hardState` and `logWrite` durable,
 *   2. only then send `messages` (a vote or an acknowledgement must never outrun the disk),
 *   3. apply `committedEntries` to the state machine in order,
 *   4. call advance(ready).
 * Determinism: the node draws randomness only from the RandomSource it is given and uses no clock,
 * timer or I/O, so the same inputs always give the same outputs.
 */
import type { Message } from './messages.js';
import type { CoreOptions } from './options.js';
import type { RandomSource } from './random.js';
import type { Entry, HardState, NodeId, PersistentState, SoftState } from './types.js';

/** Replace the persisted log from `fromIndex` on with `entries` (a plain append when fromIndex = last + 1). */
export interface LogWrite {
  readonly fromIndex: number;
  readonly entries: readonly Entry[];
}

export interface CommittedEntries {
  readonly fromIndex: number;
  readonly entries: readonly Entry[];
}

export interface Ready {
  /** Persist before sending anything; null when unchanged since the last Ready. */
  readonly hardState: HardState | null;
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
}

export type ProposeResult =
  | { readonly accepted: true; readonly index: number; readonly term: number }
  | { readonly accepted: false; readonly leaderId: NodeId | null };

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
}

export interface NodeConfig {
  readonly id: NodeId;
  /** Every member of the cluster, this node included. */
  readonly members: readonly NodeId[];
  readonly options: CoreOptions;
  readonly random: RandomSource;
  /** What the node persisted before it crashed; null for a node that starts fresh. */
  readonly persisted: PersistentState | null;
}

export interface RaftImplementation {
  readonly name: string;
  create(config: NodeConfig): RaftNodeInstance;
}
