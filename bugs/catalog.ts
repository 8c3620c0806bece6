/**
 * Known Raft bugs, each a variant of the reference node with one rule broken: the reference node with
 * some of its rules (core/rules.ts) replaced, made through core/variants.ts, its only way into the
 * node. They live apart from the core so that the correct node never depends on them.
 */
import type { RaftImplementation } from '../core/contract.js';
import { variantOfReference } from '../core/variants.js';
import { acceptStaleAppend } from './accept-stale-append.js';
import { applyBeforeCommit } from './apply-before-commit.js';
import { commitOldTerm } from './commit-old-term.js';
import { commitWithoutMajority } from './commit-without-majority.js';
import { doubleVote } from './double-vote.js';
import { ignoreHigherTermResponse } from './ignore-higher-term-response.js';
import { keepConflictingEntries } from './keep-conflicting-entries.js';
import { keepVoteInNewTerm } from './keep-vote-in-new-term.js';
import { offByOneConsistencyCheck } from './off-by-one-consistency-check.js';
import { readWithoutLeadership } from './read-without-leadership.js';
import { resetTimerOnAnyMessage } from './reset-timer-on-any-message.js';
import { selfVoteTwice } from './self-vote-twice.js';
import { skipLogCheck } from './skip-log-check.js';
import { snapshotDropsEntries } from './snapshot-drops-entries.js';
import { truncateMatchingEntries } from './truncate-matching-entries.js';
import { twoChangesAtOnce } from './two-changes-at-once.js';
import { voteBeforeDurable } from './vote-before-durable.js';
import { countingRejectedVotes } from './counting-rejected-votes.js';
import { leaderNeverCommits } from './leader-never-commits.js';
import { majorityOfPeers } from './majority-of-peers.js';
import { matchIndexKeptAcrossTerms } from './match-index-kept-across-terms.js';
import { staleVoteRepliesCounted } from './stale-vote-replies-counted.js';
import { stringSortedCommitIndex } from './string-sorted-commit-index.js';
import { tallyKeptAcrossElections } from './tally-kept-across-elections.js';
import { unpersistedSameTermVote } from './unpersisted-same-term-vote.js';
import { ackBeforeCommit } from './ack-before-commit.js';
import { readFromFollower } from './read-from-follower.js';
import { skipChecksum } from './skip-checksum.js';
import { trustSenderField } from './trust-sender-field.js';
import { acceptNonMemberVote } from './accept-non-member-vote.js';
import type { IntegrityLevel } from '../core/variants.js';

export interface KnownBug {
  readonly name: string;
  /** One line: what the broken node does. */
  readonly summary: string;
  /** A paragraph: the rule it breaks, and how that goes wrong. */
  readonly explanation: string;
  /** The checkers that report it in exploration, as named by the checkers. */
  readonly breaks: readonly string[];
  /**
   * The conformance tests that fail on it (see conformance/); empty where no single rule covers it, and
   * for a bug in a defence beyond Raft's fault model, whose rules the paper's suite does not hold any
   * implementation to.
   */
  readonly conformance: readonly string[];
  readonly implementation: RaftImplementation;
  /**
   * The client workload that shows the bug, for a bug only clients see: runs with `--bug` use it unless
   * `--workload` says otherwise. `sessions: false` is an application whose state machine skips the
   * session check (dissertation §6.3), the one part of such a bug that lies outside the node.
   */
  readonly workload?: { readonly kind: 'kv'; readonly sessions?: boolean };
  /**
   * For a bug in a defence beyond Raft's fault model: the integrity level whose defence it breaks. Runs
   * with `--bug` switch it on unless `--policy integrity=…` says otherwise; exploration shows the bug
   * under attacks (`--attacks`), which the reference core with that level survives.
   */
  readonly integrity?: Exclude<IntegrityLevel, 'none'>;
}

export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    name: 'double-vote',
    summary: 'a node grants its vote to every candidate of a term, not only the first (§5.2)',
    explanation:
      'Figure 2 grants a vote only when votedFor is empty or already names the candidate. This node ignores votedFor, so two candidates of one term can each gather a majority and both lead it.',
    breaks: ['election-safety'],
    conformance: ['vote-once-per-term'],
    implementation: variantOfReference('double-vote', doubleVote),
  },
  {
    name: 'skip-log-check',
    summary: 'a voter skips the up-to-date-log check, so a candidate missing committed entries can win (§5.4.1)',
    explanation:
      'A vote goes only to a candidate whose log is at least as up to date as the voter’s: a later last term, or the same last term and a log at least as long. Without the check a candidate that lacks committed entries wins, and its AppendEntries erase them from the followers.',
    breaks: ['leader-completeness', 'state-machine-safety'],
    conformance: ['vote-up-to-date-last-term', 'vote-up-to-date-length'],
    implementation: variantOfReference('skip-log-check', skipLogCheck),
  },
  {
    name: 'commit-old-term',
    summary: "a leader commits an earlier term's entry by counting replicas, the paper's Figure 8 (§5.4.2)",
    explanation:
      'A leader may count replicas only for entries of its own term; earlier entries commit with them. Counting an old-term entry lets it commit while a candidate with a later last term can still win and overwrite it, as the paper’s Figure 8 shows.',
    breaks: ['leader-completeness', 'state-machine-safety'],
    conformance: ['leader-commits-only-current-term'],
    implementation: variantOfReference('commit-old-term', commitOldTerm),
  },
  {
    name: 'vote-before-durable',
    summary: 'a node answers a vote before its term and vote are on disk; a crash in between lets it vote twice in a term',
    explanation:
      'currentTerm and votedFor must be on stable storage before the node answers. This node sends its granted vote in a Ready that writes nothing and persists the vote one Ready later; a crash in between forgets the vote, and the restarted node votes again in the same term.',
    breaks: ['persist-before-send', 'term-monotonicity', 'election-safety'],
    conformance: ['vote-persisted-before-reply'],
    implementation: variantOfReference('vote-before-durable', voteBeforeDurable),
  },
  {
    name: 'keep-conflicting-entries',
    summary: 'a follower overwrites a conflicting entry but keeps the entries after it (§5.3)',
    explanation:
      'When an existing entry conflicts with a new one, Figure 2 deletes it and everything that follows. This node overwrites only the conflicting slots and keeps the old leader’s tail behind them, so logs agree at an index and differ before it, and a later acknowledgement vouches for entries the leader never sent.',
    breaks: ['log-matching', 'state-machine-safety'],
    conformance: ['append-truncates-conflicts'],
    implementation: variantOfReference('keep-conflicting-entries', keepConflictingEntries),
  },
  {
    name: 'truncate-matching-entries',
    summary: 'a follower cuts its log after prevLogIndex on every request, even where the entries match (§5.3)',
    explanation:
      'Figure 2 truncates only at a conflict, because requests arrive late and out of order. This node replaces everything after prevLogIndex with the request’s entries, so a delayed, shorter request cuts entries it has acknowledged and that may already be committed.',
    breaks: ['persist-before-send', 'commit-apply-bounds', 'leader-completeness'],
    conformance: ['append-keeps-matching-entries'],
    implementation: variantOfReference('truncate-matching-entries', truncateMatchingEntries),
  },
  {
    name: 'reset-timer-on-any-message',
    summary: 'a follower restarts its election timer on every message, not only on its leader or a granted vote (§5.2)',
    explanation:
      'A follower stands when an election timeout passes without AppendEntries from the current leader and without granting a vote. This node restarts the timer on any message: refused vote requests and a deposed leader’s heartbeats keep it from standing, so an election comes late or not at all.',
    breaks: ['election-timer'],
    conformance: ['election-timer-not-reset-by-others'],
    implementation: variantOfReference('reset-timer-on-any-message', resetTimerOnAnyMessage),
  },
  {
    name: 'ignore-higher-term-response',
    summary: 'a leader or candidate ignores a higher term in a response instead of stepping down (§5.1)',
    explanation:
      'Any request or response with a higher term makes a server adopt the term and become a follower. This node drops such responses: a deposed leader goes on leading a term the cluster has left, taking commands that never commit and sending messages of a stale term.',
    breaks: ['term-adoption'],
    conformance: ['candidate-steps-down-on-response', 'leader-steps-down-on-response'],
    implementation: variantOfReference('ignore-higher-term-response', ignoreHigherTermResponse),
  },
  {
    name: 'accept-stale-append',
    summary: 'a follower accepts AppendEntries from a leader of an older term (§5.1)',
    explanation:
      'AppendEntries with a term below the receiver’s must be refused: its sender is no longer leader. This node treats it as coming from the current leader, so a deposed leader’s late requests overwrite entries the new leader has committed.',
    breaks: ['election-timer', 'state-machine-safety', 'commit-apply-bounds'],
    conformance: ['append-stale-term-refused'],
    implementation: variantOfReference('accept-stale-append', acceptStaleAppend),
  },
  {
    name: 'apply-before-commit',
    summary: 'a node applies entries as soon as they are in its log, before they are committed',
    explanation:
      'Only committed entries may reach the state machine: lastApplied never passes commitIndex. This node applies every entry on arrival, so it applies entries that a later leader replaces, and the state machines diverge.',
    breaks: ['commit-apply-bounds'],
    conformance: ['apply-only-committed'],
    implementation: variantOfReference('apply-before-commit', applyBeforeCommit),
  },
  {
    name: 'commit-without-majority',
    summary: 'a leader takes half the cluster (⌊n/2⌋) for a majority when it counts replicas (§5.3)',
    explanation:
      'An entry is committed once the leader has replicated it on a majority, ⌊n/2⌋ + 1 servers. Counting to ⌊n/2⌋ lets a leader of three commit alone and one of five with one follower; the next leader, elected by the other majority, need not hold the entry.',
    breaks: ['leader-completeness', 'state-machine-safety'],
    conformance: ['leader-commits-on-majority'],
    implementation: variantOfReference('commit-without-majority', commitWithoutMajority),
  },
  {
    name: 'off-by-one-consistency-check',
    summary: 'a follower passes the consistency check when prevLogIndex is one past its last entry (§5.3)',
    explanation:
      'A follower accepts AppendEntries only if its log holds an entry at prevLogIndex with term prevLogTerm. Comparing prevLogIndex with the log length instead of the last index lets a request through when the follower is one entry short: the entries land one index early, and the follower acknowledges indexes it holds other entries at.',
    breaks: ['log-matching', 'state-machine-safety'],
    conformance: ['append-rejects-missing-prev'],
    implementation: variantOfReference('off-by-one-consistency-check', offByOneConsistencyCheck),
  },
  {
    name: 'keep-vote-in-new-term',
    summary: 'a node keeps votedFor when it moves to a newer term instead of clearing it',
    explanation:
      'votedFor is the vote of the current term: a new term starts with none. This node carries its old vote into every later term, so a node that once stood votes only for itself from then on, and once each node has stood no candidate gathers a majority again.',
    breaks: ['liveness'],
    conformance: ['vote-cleared-in-new-term'],
    implementation: variantOfReference('keep-vote-in-new-term', keepVoteInNewTerm),
  },
  {
    name: 'self-vote-twice',
    summary: 'a candidate counts its own vote twice (§5.2)',
    explanation:
      'Each server counts once toward a majority. This candidate records its own vote and then counts itself again, so in a cluster of three it wins without any other vote, while another candidate of the same term can win with real ones.',
    breaks: ['leader-quorum', 'election-safety', 'leader-completeness'],
    conformance: ['candidate-counts-own-vote-once'],
    implementation: variantOfReference('self-vote-twice', selfVoteTwice),
  },
  {
    name: 'snapshot-drops-entries',
    summary: 'a follower replaces its whole log by any snapshot, dropping entries after it that it had acknowledged (§7, Figure 13)',
    explanation:
      'A follower whose log already holds the snapshot’s last entry keeps the entries after it, and a snapshot of what it has committed changes nothing. This node throws its log away for every snapshot, so a delayed or repeated snapshot drops entries it acknowledged and the leader counted toward a commit: its commit index goes back, and a later leader may lack a committed entry.',
    breaks: ['commit-apply-bounds', 'leader-completeness', 'state-machine-safety'],
    conformance: ['snapshot-keeps-following-entries', 'snapshot-older-than-commit-ignored'],
    implementation: variantOfReference('snapshot-drops-entries', snapshotDropsEntries),
  },
  {
    name: 'two-changes-at-once',
    summary: 'a leader accepts a membership change while an earlier one is uncommitted, adding two servers at once (§4.2)',
    explanation:
      'Single-server changes are safe because any majority of the old configuration overlaps any majority of the new one. That holds only one change at a time: this leader accepts a second change before the first is committed, so the configurations in the logs can differ by two servers, and two disjoint majorities can each elect a leader of the same term.',
    breaks: ['election-safety', 'state-machine-safety', 'leader-completeness'],
    conformance: ['config-change-one-at-a-time'],
    implementation: variantOfReference('two-changes-at-once', twoChangesAtOnce),
  },
  {
    name: 'read-without-leadership',
    summary: 'a leader answers reads from its commit index without confirming it still leads (§6.4)',
    explanation:
      'A leader may have been deposed without knowing it. ReadIndex has it confirm its leadership with a heartbeat round answered by a majority before it answers a read. This node answers at once from its own commit index, so a leader cut off in a minority goes on answering with a state that misses what the new leader commits.',
    breaks: ['stale-read'],
    conformance: ['read-index-confirms-leadership'],
    implementation: variantOfReference('read-without-leadership', readWithoutLeadership),
  },
  {
    name: 'counting-rejected-votes',
    summary: 'a candidate counts every vote response toward winning, refusals included (§5.2)',
    explanation:
      'A candidate wins with the granted votes of a majority. This one counts any answer of its term as a vote, so a candidate that every up-to-date voter refused, because its log lacks committed entries, wins once a majority has answered, and its AppendEntries erase those entries from the followers.',
    breaks: ['election-safety', 'leader-quorum', 'leader-completeness', 'state-machine-safety'],
    conformance: ['election-won-by-majority-of-grants'],
    implementation: variantOfReference('counting-rejected-votes', countingRejectedVotes),
  },
  {
    name: 'leader-never-commits',
    summary: 'a leader never moves its commit index, though a majority holds its entries (§5.3)',
    explanation:
      'A leader commits an entry of its term once a majority holds it, applies it and tells the followers through leaderCommit. This leader replicates every entry and hears every acknowledgement, but never counts them: the cluster has a leader, heartbeats and full logs, and not one client write completes.',
    breaks: ['liveness'],
    conformance: ['leader-commits-on-majority', 'commit-on-majority-at-every-size', 'leader-commit-applied-and-carried'],
    implementation: variantOfReference('leader-never-commits', leaderNeverCommits),
  },
  {
    name: 'stale-vote-replies-counted',
    summary: 'a candidate counts a vote granted in one of its earlier elections toward the current one (§5.1)',
    explanation:
      'A response of an older term is stale and is discarded. This candidate takes a vote granted to its previous election as one for the current election, though the voter may have voted for another candidate of the current term since: both candidates count that voter, and two leaders of one term can win.',
    breaks: ['leader-quorum', 'election-safety'],
    conformance: ['stale-vote-replies-ignored'],
    implementation: variantOfReference('stale-vote-replies-counted', staleVoteRepliesCounted),
  },
  {
    name: 'tally-kept-across-elections',
    summary: 'a candidate standing again keeps the votes of its previous election (§5.2)',
    explanation:
      'Each election counts the votes granted in its own term. This candidate starts a new election with the votes of the last one, though each of those voters may have voted for another candidate in the new term: the same voters count for two candidates of one term, and both can lead it.',
    breaks: ['leader-quorum', 'election-safety'],
    conformance: ['tally-reset-for-each-election'],
    implementation: variantOfReference('tally-kept-across-elections', tallyKeptAcrossElections),
  },
  {
    name: 'string-sorted-commit-index',
    summary: 'a leader finds the index a majority holds by sorting match indexes as strings, so 10 sorts before 9 (§5.3)',
    explanation:
      'The commit index is the highest index a majority of the match indexes reaches. This leader sorts them with JavaScript’s default sort, which compares strings: below index 10 it is right, from 10 on it can take an index only it holds for the majority’s, and commits entries a later leader need not have.',
    breaks: ['leader-completeness', 'state-machine-safety', 'commit-apply-bounds'],
    conformance: ['commit-index-at-two-digit-indexes'],
    implementation: variantOfReference('string-sorted-commit-index', stringSortedCommitIndex),
  },
  {
    name: 'unpersisted-same-term-vote',
    summary: 'a node persists its hard state only when its term changes, so a vote granted in its current term is never durable',
    explanation:
      'currentTerm and votedFor are durable before any reply. This node writes its hard state only when the term changes: a vote it grants to a candidate of the term it already holds is sent, but never stored. Restarted, it has forgotten that vote and can grant the same term’s vote to a second candidate: two leaders of one term.',
    breaks: ['persist-before-send', 'election-safety'],
    conformance: ['same-term-vote-persisted-before-reply'],
    implementation: variantOfReference('unpersisted-same-term-vote', unpersistedSameTermVote),
  },
  {
    name: 'majority-of-peers',
    summary: 'a node computes a majority from its peers rather than from the cluster, one server short in clusters of even size (§5.2, §5.3)',
    explanation:
      'A majority is ⌊n/2⌋ + 1 of the n members. This node takes ⌊(n−1)/2⌋ + 1, a majority of its peers: the same for three or five nodes, one short for two, four or six. There, two halves of the cluster can each elect a leader of one term, and a leader commits on half the cluster, which the next leader’s half need not overlap.',
    breaks: ['leader-quorum', 'election-safety', 'leader-completeness', 'state-machine-safety'],
    conformance: ['election-won-by-majority-of-grants', 'commit-on-majority-at-every-size'],
    implementation: variantOfReference('majority-of-peers', majorityOfPeers),
  },
  {
    name: 'match-index-kept-across-terms',
    summary: 'a node elected leader again starts from the matchIndex its previous leadership learned, not 0 (Figure 2)',
    explanation:
      'matchIndex is reinitialised to 0 after each election: since the last leadership, another leader may have truncated the follower’s log and this node’s own. This leader counts the follower toward entries it no longer holds, committing them on a minority, and ignores its refusals below the stale index, so the follower’s log is never repaired; the reference node, which assumes a follower never holds more than the leader, throws when it sends past its own log.',
    breaks: ['implementation-error', 'leader-completeness', 'state-machine-safety', 'liveness'],
    conformance: ['match-index-reset-on-election'],
    implementation: variantOfReference('match-index-kept-across-terms', matchIndexKeptAcrossTerms),
  },
  {
    name: 'duplicate-apply-on-retry',
    summary: 'the state machine applies a command every time it is in the log: no session check, so a retried write happens twice (dissertation §6.3)',
    explanation:
      'A client whose request times out sends it again, though the first may have been committed; both copies then reach the log. The dissertation has the state machine keep a session per client, the last sequence number applied and its answer, so that a copy is answered without being applied again. This node is the reference, and the application above it keeps no sessions: an append shows up twice, and a put overwrites a later write with an earlier value.',
    breaks: ['linearizability'],
    conformance: [],
    implementation: variantOfReference('duplicate-apply-on-retry', () => ({})),
    workload: { kind: 'kv', sessions: false },
  },
  {
    name: 'ack-before-commit',
    summary: 'a leader tells a client its write is done once appended to its own log, before it is committed (Figure 2)',
    explanation:
      'A leader responds to a client after the entry is applied, which it can only be once committed. This leader acknowledges each command when it appends it: a leader deposed before a majority holds the entry has promised a write that the next leader overwrites, and reads after the acknowledgement never see it.',
    breaks: ['linearizability'],
    conformance: ['acknowledges-only-committed'],
    implementation: variantOfReference('ack-before-commit', ackBeforeCommit),
    workload: { kind: 'kv' },
  },
  {
    name: 'read-from-follower',
    summary: 'a follower answers reads at once from its own state, which misses what the leader has committed since (§6.4)',
    explanation:
      'Only a leader that has confirmed its leadership may answer a read, at the commit index it had when the read arrived; a follower may at most ask the leader for that index and wait until it has applied it. This follower answers from its own commit index, which learns of commits a heartbeat late, or never while it is cut off: a client reads an older value than one it, or another client, already saw written.',
    breaks: ['linearizability'],
    conformance: ['follower-does-not-answer-reads-alone'],
    implementation: variantOfReference('read-from-follower', readFromFollower),
    workload: { kind: 'kv' },
  },
  {
    name: 'skip-checksum',
    summary: 'a node steps every message without checking its seal, so it believes a message corrupted in flight',
    explanation:
      'Raft assumes a message arrives as it was sent or not at all. With integrity on, every message carries a checksum (and a MAC) of its contents, and a message that fails it is dropped as lost. This node never looks: bits flipped in flight become a term it adopts, a vote it counts or entries it appends.',
    breaks: ['message-integrity'],
    conformance: [],
    implementation: variantOfReference('skip-checksum', skipChecksum),
    integrity: 'authenticated',
  },
  {
    name: 'trust-sender-field',
    summary: 'a node checks a message’s checksum but not its MAC, so it believes whatever sender the message names',
    explanation:
      'A checksum is no secret: whoever alters a message can seal it again. Only the MAC, made with the sender’s own key, shows who sent it. This node checks the checksum alone, so a message whose sender field was forged, and its checksum sealed again, passes: a vote request from a server that never asked, a vote from one that never gave it.',
    breaks: ['message-integrity'],
    conformance: [],
    implementation: variantOfReference('trust-sender-field', trustSenderField),
    integrity: 'authenticated',
  },
  {
    name: 'accept-non-member-vote',
    summary: 'a node counts votes from, and hears vote requests of, servers outside its configuration (§4.1, dissertation §4.2.3)',
    explanation:
      'Only the members of a configuration elect its leader, and a removed server must neither vote nor disrupt the members with its terms. This node counts a vote from any server and answers any vote request, so a spare or a removed server can push its term on the cluster and help a candidate win without a majority of members.',
    breaks: ['message-integrity', 'leader-quorum', 'election-safety'],
    conformance: [],
    implementation: variantOfReference('accept-non-member-vote', acceptNonMemberVote),
    integrity: 'authenticated',
  },
];

/** The known bug of that name, or undefined. (bugs/ reaches core through variants.ts alone, so this one check is written out.) */
export function findKnownBug(name: string): KnownBug | undefined {
  if (typeof name !== 'string') throw new TypeError(`findKnownBug: name must be a string such as "${KNOWN_BUGS[0]!.name}", got ${name === null ? 'null' : typeof name}`);
  return KNOWN_BUGS.find((bug) => bug.name === name);
}
