/**
 * Known Raft bugs, each a variant of the reference node with one rule broken. They live apart from the
 * reference node so that the correct core never pays for them.
 */
import type { NodeConfig, RaftImplementation } from '../contract.js';
import { CommitOldTermNode } from './commit-old-term.js';
import { DoubleVoteNode } from './double-vote.js';
import { SkipLogCheckNode } from './skip-log-check.js';
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
];

export function findKnownBug(name: string): KnownBug | undefined {
  return KNOWN_BUGS.find((bug) => bug.name === name);
}
