/**
 * Known Raft bugs, each a variant of the reference node with one rule broken. They live apart from the
 * reference node so that the correct core never pays for them.
 */
import type { NodeConfig, RaftImplementation, RaftNodeInstance } from '../contract.js';
import { AcceptStaleAppendNode } from './accept-stale-append.js';
import { ApplyBeforeCommitNode } from './apply-before-commit.js';
import { CommitOldTermNode } from './commit-old-term.js';
import { CommitWithoutMajorityNode } from './commit-without-majority.js';
import { DoubleVoteNode } from './double-vote.js';
import { IgnoreHigherTermResponseNode } from './ignore-higher-term-response.js';
import { KeepConflictingEntriesNode } from './keep-conflicting-entries.js';
import { KeepVoteInNewTermNode } from './keep-vote-in-new-term.js';
import { OffByOneConsistencyCheckNode } from './off-by-one-consistency-check.js';
import { ReadWithoutLeadershipNode } from './read-without-leadership.js';
import { ResetTimerOnAnyMessageNode } from './reset-timer-on-any-message.js';
import { SelfVoteTwiceNode } from './self-vote-twice.js';
import { SkipLogCheckNode } from './skip-log-check.js';
import { SnapshotDropsEntriesNode } from './snapshot-drops-entries.js';
import { TruncateMatchingEntriesNode } from './truncate-matching-entries.js';
import { TwoChangesAtOnceNode } from './two-changes-at-once.js';
import { VoteBeforeDurableNode } from './vote-before-durable.js';

export interface KnownBug {
  readonly name: string;
  /** One line: what the broken node does. */
  readonly summary: string;
  /** A paragraph: the rule it breaks, and how that goes wrong. */
  readonly explanation: string;
  /** The checkers that report it in exploration, as named by the checkers. */
  readonly breaks: readonly string[];
  /** The conformance tests that fail on it (see conformance/); empty where no single rule covers it. */
  readonly conformance: readonly string[];
  readonly implementation: RaftImplementation;
}

function variant(name: string, create: (config: NodeConfig) => RaftNodeInstance): RaftImplementation {
  return { name, create };
}

export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    name: 'double-vote',
    summary: 'a node grants its vote to every candidate of a term, not only the first (§5.2)',
    explanation:
      'Figure 2 grants a vote only when votedFor is empty or already names the candidate. This node ignores votedFor, so two candidates of one term can each gather a majority and both lead it.',
    breaks: ['election-safety'],
    conformance: ['vote-once-per-term'],
    implementation: variant('double-vote', (config) => new DoubleVoteNode(config)),
  },
  {
    name: 'skip-log-check',
    summary: 'a voter skips the up-to-date-log check, so a candidate missing committed entries can win (§5.4.1)',
    explanation:
      'A vote goes only to a candidate whose log is at least as up to date as the voter’s: a later last term, or the same last term and a log at least as long. Without the check a candidate that lacks committed entries wins, and its AppendEntries erase them from the followers.',
    breaks: ['leader-completeness', 'state-machine-safety'],
    conformance: ['vote-up-to-date-last-term', 'vote-up-to-date-length'],
    implementation: variant('skip-log-check', (config) => new SkipLogCheckNode(config)),
  },
  {
    name: 'commit-old-term',
    summary: "a leader commits an earlier term's entry by counting replicas, the paper's Figure 8 (§5.4.2)",
    explanation:
      'A leader may count replicas only for entries of its own term; earlier entries commit with them. Counting an old-term entry lets it commit while a candidate with a later last term can still win and overwrite it, as the paper’s Figure 8 shows.',
    breaks: ['leader-completeness', 'state-machine-safety'],
    conformance: ['leader-commits-only-current-term'],
    implementation: variant('commit-old-term', (config) => new CommitOldTermNode(config)),
  },
  {
    name: 'vote-before-durable',
    summary: 'a node answers a vote before its term and vote are on disk; a crash in between lets it vote twice in a term',
    explanation:
      'currentTerm and votedFor must be on stable storage before the node answers. This node sends its granted vote in a Ready that writes nothing and persists the vote one Ready later; a crash in between forgets the vote, and the restarted node votes again in the same term.',
    breaks: ['term-monotonicity', 'election-safety'],
    conformance: ['vote-persisted-before-reply'],
    implementation: variant('vote-before-durable', (config) => new VoteBeforeDurableNode(config)),
  },
  {
    name: 'keep-conflicting-entries',
    summary: 'a follower overwrites a conflicting entry but keeps the entries after it (§5.3)',
    explanation:
      'When an existing entry conflicts with a new one, Figure 2 deletes it and everything that follows. This node overwrites only the conflicting slots and keeps the old leader’s tail behind them, so logs agree at an index and differ before it, and a later acknowledgement vouches for entries the leader never sent.',
    breaks: ['log-matching', 'state-machine-safety'],
    conformance: ['append-truncates-conflicts'],
    implementation: variant('keep-conflicting-entries', (config) => new KeepConflictingEntriesNode(config)),
  },
  {
    name: 'truncate-matching-entries',
    summary: 'a follower cuts its log after prevLogIndex on every request, even where the entries match (§5.3)',
    explanation:
      'Figure 2 truncates only at a conflict, because requests arrive late and out of order. This node replaces everything after prevLogIndex with the request’s entries, so a delayed, shorter request cuts entries it has acknowledged and that may already be committed.',
    breaks: ['commit-apply-bounds', 'leader-completeness'],
    conformance: ['append-keeps-matching-entries'],
    implementation: variant('truncate-matching-entries', (config) => new TruncateMatchingEntriesNode(config)),
  },
  {
    name: 'reset-timer-on-any-message',
    summary: 'a follower restarts its election timer on every message, not only on its leader or a granted vote (§5.2)',
    explanation:
      'A follower stands when an election timeout passes without AppendEntries from the current leader and without granting a vote. This node restarts the timer on any message: refused vote requests and a deposed leader’s heartbeats keep it from standing, so an election comes late or not at all.',
    breaks: ['election-timer'],
    conformance: ['election-timer-not-reset-by-others'],
    implementation: variant('reset-timer-on-any-message', (config) => new ResetTimerOnAnyMessageNode(config)),
  },
  {
    name: 'ignore-higher-term-response',
    summary: 'a leader or candidate ignores a higher term in a response instead of stepping down (§5.1)',
    explanation:
      'Any request or response with a higher term makes a server adopt the term and become a follower. This node drops such responses: a deposed leader goes on leading a term the cluster has left, taking commands that never commit and sending messages of a stale term.',
    breaks: ['term-adoption'],
    conformance: ['candidate-steps-down-on-response', 'leader-steps-down-on-response'],
    implementation: variant('ignore-higher-term-response', (config) => new IgnoreHigherTermResponseNode(config)),
  },
  {
    name: 'accept-stale-append',
    summary: 'a follower accepts AppendEntries from a leader of an older term (§5.1)',
    explanation:
      'AppendEntries with a term below the receiver’s must be refused: its sender is no longer leader. This node treats it as coming from the current leader, so a deposed leader’s late requests overwrite entries the new leader has committed.',
    breaks: ['election-timer', 'state-machine-safety', 'commit-apply-bounds'],
    conformance: ['append-stale-term-refused'],
    implementation: variant('accept-stale-append', (config) => new AcceptStaleAppendNode(config)),
  },
  {
    name: 'apply-before-commit',
    summary: 'a node applies entries as soon as they are in its log, before they are committed',
    explanation:
      'Only committed entries may reach the state machine: lastApplied never passes commitIndex. This node applies every entry on arrival, so it applies entries that a later leader replaces, and the state machines diverge.',
    breaks: ['commit-apply-bounds'],
    conformance: ['apply-only-committed'],
    implementation: variant('apply-before-commit', (config) => new ApplyBeforeCommitNode(config)),
  },
  {
    name: 'commit-without-majority',
    summary: 'a leader takes half the cluster (⌊n/2⌋) for a majority when it counts replicas (§5.3)',
    explanation:
      'An entry is committed once the leader has replicated it on a majority, ⌊n/2⌋ + 1 servers. Counting to ⌊n/2⌋ lets a leader of three commit alone and one of five with one follower; the next leader, elected by the other majority, need not hold the entry.',
    breaks: ['leader-completeness', 'state-machine-safety'],
    conformance: ['leader-commits-on-majority'],
    implementation: variant('commit-without-majority', (config) => new CommitWithoutMajorityNode(config)),
  },
  {
    name: 'off-by-one-consistency-check',
    summary: 'a follower passes the consistency check when prevLogIndex is one past its last entry (§5.3)',
    explanation:
      'A follower accepts AppendEntries only if its log holds an entry at prevLogIndex with term prevLogTerm. Comparing prevLogIndex with the log length instead of the last index lets a request through when the follower is one entry short: the entries land one index early, and the follower acknowledges indexes it holds other entries at.',
    breaks: ['log-matching', 'state-machine-safety'],
    conformance: ['append-rejects-missing-prev'],
    implementation: variant('off-by-one-consistency-check', (config) => new OffByOneConsistencyCheckNode(config)),
  },
  {
    name: 'keep-vote-in-new-term',
    summary: 'a node keeps votedFor when it moves to a newer term instead of clearing it',
    explanation:
      'votedFor is the vote of the current term: a new term starts with none. This node carries its old vote into every later term, so a node that once stood votes only for itself from then on, and once each node has stood no candidate gathers a majority again.',
    breaks: ['liveness'],
    conformance: ['vote-cleared-in-new-term'],
    implementation: variant('keep-vote-in-new-term', (config) => new KeepVoteInNewTermNode(config)),
  },
  {
    name: 'self-vote-twice',
    summary: 'a candidate counts its own vote twice (§5.2)',
    explanation:
      'Each server counts once toward a majority. This candidate records its own vote and then counts itself again, so in a cluster of three it wins without any other vote, while another candidate of the same term can win with real ones.',
    breaks: ['leader-quorum', 'election-safety', 'leader-completeness'],
    conformance: ['candidate-counts-own-vote-once'],
    implementation: variant('self-vote-twice', (config) => new SelfVoteTwiceNode(config)),
  },
  {
    name: 'snapshot-drops-entries',
    summary: 'a follower replaces its whole log by any snapshot, dropping entries after it that it had acknowledged (§7, Figure 13)',
    explanation:
      'A follower whose log already holds the snapshot’s last entry keeps the entries after it, and a snapshot of what it has committed changes nothing. This node throws its log away for every snapshot, so a delayed or repeated snapshot drops entries it acknowledged and the leader counted toward a commit: its commit index goes back, and a later leader may lack a committed entry.',
    breaks: ['commit-apply-bounds', 'leader-completeness', 'state-machine-safety'],
    conformance: ['snapshot-keeps-following-entries', 'snapshot-older-than-commit-ignored'],
    implementation: variant('snapshot-drops-entries', (config) => new SnapshotDropsEntriesNode(config)),
  },
  {
    name: 'two-changes-at-once',
    summary: 'a leader accepts a membership change while an earlier one is uncommitted, adding two servers at once (§4.2)',
    explanation:
      'Single-server changes are safe because any majority of the old configuration overlaps any majority of the new one. That holds only one change at a time: this leader accepts a second change before the first is committed, so the configurations in the logs can differ by two servers, and two disjoint majorities can each elect a leader of the same term.',
    breaks: ['election-safety', 'state-machine-safety', 'leader-completeness'],
    conformance: ['config-change-one-at-a-time'],
    implementation: variant('two-changes-at-once', (config) => new TwoChangesAtOnceNode(config)),
  },
  {
    name: 'read-without-leadership',
    summary: 'a leader answers reads from its commit index without confirming it still leads (§6.4)',
    explanation:
      'A leader may have been deposed without knowing it. ReadIndex has it confirm its leadership with a heartbeat round answered by a majority before it answers a read. This node answers at once from its own commit index, so a leader cut off in a minority goes on answering with a state that misses what the new leader commits.',
    breaks: ['stale-read'],
    conformance: ['read-index-confirms-leadership'],
    implementation: variant('read-without-leadership', (config) => new ReadWithoutLeadershipNode(config)),
  },
];

export function findKnownBug(name: string): KnownBug | undefined {
  return KNOWN_BUGS.find((bug) => bug.name === name);
}
