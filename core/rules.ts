/**
 * The reference node's extension surface: the decision points at which it applies a rule of the
 * protocol, gathered in one object, NodeRules, that the node consults there. The reference node is
 * created with REFERENCE_RULES. A variant of it (each known bug in bugs/ is one) is the same node with
 * some rules replaced, created through variantOfReference (core/variants.ts); it has no other way into
 * the node, and sees only what each decision point is given. docs/bugs.md lists the decision points
 * and the bug behind each.
 *
 * The first sixteen are always consulted; REFERENCE_RULES holds the paper's rule for each. The last six
 * are optional and absent from REFERENCE_RULES: they let a variant mishear its inputs, act after them,
 * or alter its Ready, which no rule of the paper does, and the reference node pays one check for each.
 */
import type { Ready } from './contract.js';
import { checksumProblem, senderProblem } from './integrity.js';
import type { IntegrityLevel, SealedMessage } from './integrity.js';
import type { Message, RequestVoteRequest, RequestVoteResponse } from './messages.js';
import { majority } from './quorum.js';
import type { Entry, NodeId, Snapshot } from './types.js';

/** What a follower does with a snapshot from its leader (§7, Figure 13). */
export type SnapshotHandling = 'ignore' | 'keep-log' | 'replace-log';

/** The node's log, read-only. */
export interface ReadableLog {
  readonly snapshotIndex: number;
  lastIndex(): number;
  lastTerm(): number;
  /** The term of the entry at `index`; undefined past the end or inside the snapshot (but its last index). */
  termAt(index: number): number | undefined;
  /** The entries from `from` through `toInclusive`. */
  slice(from: number, toInclusive: number): readonly Entry[];
  isUpToDate(candidateLastIndex: number, candidateLastTerm: number): boolean;
}

/** The node's own log as a follower stores a leader's entries in it: truncations and appends are recorded for the next Ready. */
export interface LogEditor {
  readonly log: ReadableLog;
  /** Drops the entries from `fromIndex` on. */
  truncateFrom(fromIndex: number): void;
  /** Appends an entry after the last one; returns its index. */
  append(entry: Entry): number;
}

/** What a leader knows when it counts replicas toward a commit. */
export interface LeaderView {
  readonly term: number;
  readonly commitIndex: number;
  readonly log: ReadableLog;
  readonly members: readonly NodeId[];
  readonly peers: readonly NodeId[];
  matchIndexOf(peer: NodeId): number;
}

export interface NodeRules {
  // ---- Elections ----------------------------------------------------------------------------------

  /** §5.2: whether a node that voted for `votedFor` in this term (null: nobody) may vote for `candidate`. */
  canVoteFor(votedFor: NodeId | null, candidate: NodeId): boolean;
  /** §5.4.1: whether the candidate's log is at least as up to date as this node's, so that it may get the vote. */
  candidateLogIsUpToDate(log: ReadableLog, request: RequestVoteRequest): boolean;
  /** Figure 2: votedFor is the vote of the current term; what it is when the node moves to a newer term. */
  voteInNewTerm(previousVote: NodeId | null): NodeId | null;
  /** §5.2: votes a candidate counts, once it has asked its peers, beyond those members granted. */
  phantomVotes(candidate: NodeId): readonly NodeId[];
  /** §5.2: whether a candidate counts a vote response of its term toward winning. */
  countsVote(response: RequestVoteResponse): boolean;
  /** §5.2: the votes of the previous election (or pre-vote) a new one starts with, besides the node's own. */
  votesKeptForNewElection(previousVotes: ReadonlySet<NodeId>): Iterable<NodeId>;
  /** §4.1: whether a candidate counts a vote granted by `voter`, given the configuration in force. */
  countsVoteFrom(voter: NodeId, members: readonly NodeId[]): boolean;
  /**
   * With integrity on: why a message is refused on sight (its seal does not match its contents, or its
   * MAC is not the named sender's), or null when it may be stepped.
   */
  sealProblem(message: SealedMessage, level: Exclude<IntegrityLevel, 'none'>): string | null;
  /**
   * With authenticated messages: whether `sender` is outside both the configuration in force and the
   * committed one, so that its vote requests and votes are refused (dissertation §4.2.3).
   */
  outsideConfiguration(sender: NodeId, members: readonly NodeId[], committedMembers: readonly NodeId[]): boolean;
  /** §5.2, §5.3: how many servers make a majority, for votes and for commits, in a configuration of `memberCount` members, `peerCount` of them other than this node. */
  quorumSize(memberCount: number, peerCount: number): number;

  // ---- The follower's log -------------------------------------------------------------------------

  /** Figure 2, AppendEntries rules 3 and 4: how a follower stores entries that passed the consistency check after `prevLogIndex`. */
  storeEntries(log: LogEditor, prevLogIndex: number, entries: readonly Entry[]): void;
  /** §7, Figure 13: what a follower whose commit index is `commitIndex` does with a snapshot from its leader. */
  snapshotHandling(snapshot: Snapshot, commitIndex: number, log: ReadableLog): SnapshotHandling;

  // ---- The leader ---------------------------------------------------------------------------------

  /** Figure 2: a new leader's matchIndex for a peer, given what its previous leadership had learned (0 if none). */
  matchIndexOnElection(previousMatchIndex: number): number;
  /** §5.4.2: whether a leader of `leaderTerm` may commit an entry of `entryTerm` by counting its replicas. */
  mayCommitByCounting(entryTerm: number | undefined, leaderTerm: number): boolean;
  /** §4.2: why a membership change must wait for the one at `latestChangeIndex`; null when it need not. */
  uncommittedConfigChange(latestChangeIndex: number, commitIndex: number): string | null;
  /** §6.4: whether a leader answers a read at once; `leaseHolds` tells whether lease reads are on and the lease holds (§6.4.1). */
  mayReadWithoutRound(leaseHolds: boolean): boolean;

  // ---- Optional: no rule of the paper, absent from REFERENCE_RULES ---------------------------------

  /** What the node takes a message of its step() to be, given its term and log before the step: the message, another, or null to drop it. */
  received?(message: Message, term: number, log: ReadableLog): Message | null;
  /** After a follower steps `message`: whether it restarts its election timer once more. */
  restartsElectionTimerAfter?(message: Message): boolean;
  /** After a leader's step, proposal or advance: its commit index, which the rule may move. */
  commitIndexAfterInput?(leader: LeaderView): number;
  /** Whether a Ready is outstanding although the node itself has nothing to hand out. */
  holdsReady?(log: ReadableLog): boolean;
  /** The Ready the host gets in place of the one the node built. */
  handOut?(ready: Ready, log: ReadableLog): Ready;
  /** A follower asked for a read: the index it answers the read at, at once, or null to refuse it as a follower must (§6.4). */
  readAsFollower?(commitIndex: number): number | null;
}

const NO_PHANTOM_VOTES: readonly NodeId[] = Object.freeze([]);

export const REFERENCE_RULES: NodeRules = {
  // At most one vote per term (§5.2).
  canVoteFor: (votedFor, candidate) => votedFor === null || votedFor === candidate,
  // §5.4.1: a later last term, or the same last term and a log at least as long.
  candidateLogIsUpToDate: (log, request) => log.isUpToDate(request.lastLogIndex, request.lastLogTerm),
  voteInNewTerm: () => null,
  // Each server counts once toward a majority, the candidate's own vote included.
  phantomVotes: () => NO_PHANTOM_VOTES,
  // Only a granted vote counts; a refusal is no vote.
  countsVote: (response) => response.voteGranted,
  // Each election starts with no vote but the candidate's own.
  votesKeptForNewElection: () => NO_PHANTOM_VOTES,
  // Only the votes of members count (§4.1), this node's own included.
  countsVoteFrom: (voter, members) => members.includes(voter),
  // A checksum shows what changed in flight; only a MAC shows who sent it.
  sealProblem: (message, level) => checksumProblem(message) ?? (level === 'authenticated' ? senderProblem(message) : null),
  outsideConfiguration: (sender, members, committedMembers) => !members.includes(sender) && !committedMembers.includes(sender),
  // A majority of the configuration's members: ⌊n/2⌋ + 1.
  quorumSize: (memberCount) => majority(memberCount),
  storeEntries: storeLeaderEntries,
  snapshotHandling: handleLeaderSnapshot,
  // What an earlier leadership learned may no longer hold: each leadership starts from nothing.
  matchIndexOnElection: () => 0,
  // Counting replicas commits only entries of the leader's own term (the paper's Figure 8).
  mayCommitByCounting: (entryTerm, leaderTerm) => entryTerm === leaderTerm,
  // Single-server changes are safe only one at a time.
  uncommittedConfigChange: (latestChangeIndex, commitIndex) =>
    latestChangeIndex > commitIndex ? `the configuration change at index ${latestChangeIndex} is not committed yet` : null,
  // With lease reads, a leader within its lease answers at once; otherwise only a round confirms it still leads.
  mayReadWithoutRound: (leaseHolds) => leaseHolds,
};

/**
 * Figure 2, rules 3 and 4: skip the entries already present, truncate at the first entry whose term
 * conflicts (and only there, since a delayed request must never cut entries that match), append the rest.
 */
function storeLeaderEntries(editor: LogEditor, prevLogIndex: number, entries: readonly Entry[]): void {
  for (let offset = 0; offset < entries.length; offset++) {
    const index = prevLogIndex + 1 + offset;
    const existingTerm = editor.log.termAt(index);
    const entry = entries[offset]!;
    if (existingTerm === entry.term) continue;
    if (existingTerm !== undefined) editor.truncateFrom(index);
    for (let rest = offset; rest < entries.length; rest++) editor.append(entries[rest]!);
    return;
  }
}

/**
 * Figure 13: a snapshot of what is already committed here changes nothing; a log that holds the
 * snapshot's last entry keeps the entries after it (they may be acknowledged, and so counted toward
 * a commit); any other log is replaced by the snapshot.
 */
function handleLeaderSnapshot(snapshot: Snapshot, commitIndex: number, log: ReadableLog): SnapshotHandling {
  if (snapshot.lastIndex <= commitIndex) return 'ignore';
  if (log.termAt(snapshot.lastIndex) === snapshot.lastTerm) return 'keep-log';
  return 'replace-log';
}
