/**
 * The data a Raft node exchanges with its host. Everything here is plain, immutable data so that a
 * simulator can record it, hash it and hand it to checkers without copying.
 */

/** Nodes are numbered 1..n, as in the paper's figures (S1…S5). */
export type NodeId = number;

/** A precandidate is polling for pre-votes (dissertation §9.6) before it stands in a real election. */
export type Role = 'follower' | 'precandidate' | 'candidate' | 'leader';

/**
 * `noop` is the entry a new leader appends at the start of its term (§8) so that it can commit
 * entries of earlier terms; `command` carries a client command for the state machine; `config`
 * carries a cluster configuration (dissertation §4.1), its members as ids joined by commas in
 * `command` (see configuration.ts), so that a configuration is hashed and compared like any entry.
 */
export type EntryKind = 'noop' | 'command' | 'config';

export interface Entry {
  /** The term in which a leader received the entry (Figure 2). */
  readonly term: number;
  readonly kind: EntryKind;
  readonly command: string;
}

/** The state a node must have on stable storage before it answers any message (Figure 2). */
export interface HardState {
  readonly term: number;
  readonly votedFor: NodeId | null;
}

/**
 * The state machine as of a log index, standing in for the log up to that index (§7). `data` is the
 * host's state machine, opaque to the node; `members` is the configuration in force at `lastIndex`.
 */
export interface Snapshot {
  readonly lastIndex: number;
  readonly lastTerm: number;
  readonly members: readonly NodeId[];
  readonly data: string;
}

/** What a node persisted: everything it gets back when it restarts after a crash. */
export interface PersistentState {
  readonly hardState: HardState;
  /** The latest snapshot; absent or null when the log was never compacted. */
  readonly snapshot?: Snapshot | null;
  /** The log after the snapshot: entry i at index snapshot.lastIndex + i + 1 (i + 1 without one). */
  readonly log: readonly Entry[];
}

/** Volatile state the host may watch; it is lost in a crash. */
export interface SoftState {
  readonly role: Role;
  readonly leaderId: NodeId | null;
}
