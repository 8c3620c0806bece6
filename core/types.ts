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
 * entries of earlier terms; `command` carries a client command for the state machine.
 */
export type EntryKind = 'noop' | 'command';

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

/** What a node persisted: everything it gets back when it restarts after a crash. */
export interface PersistentState {
  readonly hardState: HardState;
  /** The log, entry i at index i + 1. */
  readonly log: readonly Entry[];
}

/** Volatile state the host may watch; it is lost in a crash. */
export interface SoftState {
  readonly role: Role;
  readonly leaderId: NodeId | null;
}
