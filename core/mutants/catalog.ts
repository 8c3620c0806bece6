/**
 * Known Raft bugs, each a variant of the reference node with one rule broken. They live apart from the
 * reference node so that the correct core never pays for them.
 */
import type { NodeConfig, RaftImplementation } from '../contract.js';
import { CommitOldTermNode } from './commit-old-term.js';
import { DoubleVoteNode } from './double-vote.js';
import { ReadWithoutLeadershipNode } from './read-without-leadership.js';
import { SkipLogCheckNode } from './skip-log-check.js';
import { SnapshotDropsEntriesNode } from './snapshot-drops-entries.js';
import { TwoChangesAtOnceNode } from './two-changes-at-once.js';
import { VoteBeforeDurableNode } from './vote-before-durable.js';

export interface KnownBug {
  readonly name: string;
  /** One line: what the broken node does. */
  readonly summary: string;
  /** Which property of the paper's Figure 3 it breaks, as named by the checkers. */
  readonly breaks: readonly string[];
  readonly implementation: RaftImplementation;
}

export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    name: 'double-vote',
    summary: 'a node grants its vote to every candidate of a term, not only the first (§5.2)',
    breaks: ['election-safety'],
    implementation: { name: 'double-vote', create: (config: NodeConfig) => new DoubleVoteNode(config) },
  },
  {
    name: 'skip-log-check',
    summary: 'a voter skips the up-to-date-log check, so a candidate missing committed entries can win (§5.4.1)',
    breaks: ['leader-completeness', 'state-machine-safety'],
    implementation: { name: 'skip-log-check', create: (config: NodeConfig) => new SkipLogCheckNode(config) },
  },
  {
    name: 'commit-old-term',
    summary: "a leader commits an earlier term's entry by counting replicas, the paper's Figure 8 (§5.4.2)",
    breaks: ['leader-completeness', 'state-machine-safety'],
    implementation: { name: 'commit-old-term', create: (config: NodeConfig) => new CommitOldTermNode(config) },
  },
  {
    name: 'vote-before-durable',
    summary: 'a node answers a vote before its term and vote are on disk; a crash in between lets it vote twice in a term',
    breaks: ['term-monotonicity', 'election-safety'],
    implementation: { name: 'vote-before-durable', create: (config: NodeConfig) => new VoteBeforeDurableNode(config) },
  },
  {
    name: 'snapshot-drops-entries',
    summary: 'a follower replaces its whole log by any snapshot, dropping entries after it that it had acknowledged (§7, Figure 13)',
    breaks: ['commit-apply-bounds', 'leader-completeness', 'state-machine-safety'],
    implementation: { name: 'snapshot-drops-entries', create: (config: NodeConfig) => new SnapshotDropsEntriesNode(config) },
  },
  {
    name: 'two-changes-at-once',
    summary: 'a leader accepts a membership change while an earlier one is uncommitted, adding two servers at once (§4.2)',
    breaks: ['election-safety', 'state-machine-safety'],
    implementation: { name: 'two-changes-at-once', create: (config: NodeConfig) => new TwoChangesAtOnceNode(config) },
  },
  {
    name: 'read-without-leadership',
    summary: 'a leader answers reads from its commit index without confirming it still leads (§6.4)',
    breaks: ['stale-read'],
    implementation: { name: 'read-without-leadership', create: (config: NodeConfig) => new ReadWithoutLeadershipNode(config) },
  },
];

export function findKnownBug(name: string): KnownBug | undefined {
  return KNOWN_BUGS.find((bug) => bug.name === name);
}
