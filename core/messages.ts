import type { Entry, NodeId, Snapshot } from './types.js';

/** RequestVote arguments (Figure 2). */
export interface RequestVoteRequest {
  readonly type: 'RequestVoteRequest';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly lastLogIndex: number;
  readonly lastLogTerm: number;
  /**
   * A pre-vote (dissertation §9.6): "would you vote for me in `term`?", asked before the candidate
   * raises its own term, so that a node that cannot win never disrupts the cluster. Absent means false.
   */
  readonly preVote?: boolean;
  /** Sent at a leader's request (TimeoutNow): voters answer even while they hear from that leader. */
  readonly leadershipTransfer?: boolean;
}

export interface RequestVoteResponse {
  readonly type: 'RequestVoteResponse';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly voteGranted: boolean;
  /** Answers a pre-vote; absent means false. */
  readonly preVote?: boolean;
}

/** AppendEntries arguments (Figure 2); with no entries it is also the heartbeat. */
export interface AppendEntriesRequest {
  readonly type: 'AppendEntriesRequest';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly prevLogIndex: number;
  readonly prevLogTerm: number;
  readonly entries: readonly Entry[];
  readonly leaderCommit: number;
  /**
   * The leader's heartbeat round, echoed in the answer, so that the leader learns which of its rounds
   * a majority has answered: what a ReadIndex read waits for, and where a read lease starts. Absent means 0.
   */
  readonly round?: number;
}

export interface AppendEntriesResponse {
  readonly type: 'AppendEntriesResponse';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly success: boolean;
  /** On success: the index of the last entry the request made the follower hold. */
  readonly matchIndex: number;
  /** On failure: the prevLogIndex of the request refused, so that a stale refusal can be ignored. */
  readonly rejectedIndex: number;
  /**
   * On failure, the hint of dissertation §5.3: the term of the follower's entry at prevLogIndex
   * (0 when it has none there) and the first index it holds for that term (or its last index + 1).
   */
  readonly conflictTerm: number;
  readonly conflictIndex: number;
  /** The round of the request answered; absent means 0. */
  readonly round?: number;
}

/**
 * InstallSnapshot (§7, Figure 13), in one piece: the leader has compacted away entries the follower
 * still needs, so it sends the state machine instead. The follower answers with an
 * AppendEntriesResponse whose matchIndex is the snapshot's last index, as for entries.
 */
export interface InstallSnapshotRequest {
  readonly type: 'InstallSnapshotRequest';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  readonly snapshot: Snapshot;
  readonly round?: number;
}

/** Leadership transfer (dissertation §3.10): the leader tells a caught-up follower to stand at once. */
export interface TimeoutNowRequest {
  readonly type: 'TimeoutNowRequest';
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
}

export type Message =
  | RequestVoteRequest
  | RequestVoteResponse
  | AppendEntriesRequest
  | AppendEntriesResponse
  | TimeoutNowRequest
  | InstallSnapshotRequest;

export type MessageType = Message['type'];

export const MESSAGE_TYPES: readonly MessageType[] = [
  'RequestVoteRequest',
  'RequestVoteResponse',
  'AppendEntriesRequest',
  'AppendEntriesResponse',
  'TimeoutNowRequest',
  'InstallSnapshotRequest',
];

/**
 * Whether a message is of a type the contract defines, rather than one an implementation declared for
 * itself (whose fields, term included, mean what that implementation says: an etcd pre-vote carries a
 * term only proposed). Comparisons with constant strings rather than a set's lookup: the simulator
 * asks this several times for every message sent, and a type written as a literal compares by identity.
 */
export function isContractMessage(message: { readonly type: string }): boolean {
  switch (message.type) {
    case 'AppendEntriesRequest':
    case 'AppendEntriesResponse':
    case 'RequestVoteRequest':
    case 'RequestVoteResponse':
    case 'TimeoutNowRequest':
    case 'InstallSnapshotRequest':
      return true;
    default:
      return false;
  }
}

/** A pre-vote or its answer (dissertation §9.6): its term is only proposed, and nothing is recorded. */
export function isPreVote(message: Message): boolean {
  return (message.type === 'RequestVoteRequest' || message.type === 'RequestVoteResponse') && message.preVote === true;
}
