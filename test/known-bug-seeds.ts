/**
 * For each known bug, the first seed (counting from 1) on which exploration catches it, and the check
 * that does. Exploration runs seeds in order, so each bug is found within the default 2,000 seeds;
 * the tests rerun just these seeds rather than sweeping.
 */
export const FIRST_CATCHING_SEED: Readonly<Record<string, { readonly seed: number; readonly checker: string }>> = {
  'double-vote': { seed: 1, checker: 'election-safety' },
  'skip-log-check': { seed: 3, checker: 'leader-completeness' },
  'commit-old-term': { seed: 186, checker: 'leader-completeness' },
  'vote-before-durable': { seed: 1, checker: 'persist-before-send' },
  'keep-conflicting-entries': { seed: 2, checker: 'log-matching' },
  'truncate-matching-entries': { seed: 2, checker: 'persist-before-send' },
  'reset-timer-on-any-message': { seed: 1, checker: 'election-timer' },
  'ignore-higher-term-response': { seed: 2, checker: 'term-adoption' },
  'accept-stale-append': { seed: 4, checker: 'election-timer' },
  'apply-before-commit': { seed: 1, checker: 'commit-apply-bounds' },
  'commit-without-majority': { seed: 1, checker: 'leader-completeness' },
  'off-by-one-consistency-check': { seed: 1, checker: 'state-machine-safety' },
  'keep-vote-in-new-term': { seed: 1, checker: 'liveness' },
  'self-vote-twice': { seed: 1, checker: 'leader-quorum' },
  'snapshot-drops-entries': { seed: 23, checker: 'commit-apply-bounds' },
  'two-changes-at-once': { seed: 21, checker: 'leader-completeness' },
  'read-without-leadership': { seed: 19, checker: 'stale-read' },
  'counting-rejected-votes': { seed: 1, checker: 'election-safety' },
  'leader-never-commits': { seed: 1, checker: 'liveness' },
  'stale-vote-replies-counted': { seed: 13, checker: 'leader-quorum' },
  'tally-kept-across-elections': { seed: 1, checker: 'leader-quorum' },
  'string-sorted-commit-index': { seed: 12, checker: 'leader-completeness' },
  'unpersisted-same-term-vote': { seed: 1, checker: 'persist-before-send' },
  'majority-of-peers': { seed: 2, checker: 'leader-quorum' },
  'match-index-kept-across-terms': { seed: 255, checker: 'implementation-error' },
  // Bugs only clients see: explored with the key-value workload their catalog entries name.
  'duplicate-apply-on-retry': { seed: 1, checker: 'linearizability' },
  'ack-before-commit': { seed: 1, checker: 'linearizability' },
  'read-from-follower': { seed: 2, checker: 'linearizability' },
  // Bugs in defences beyond Raft's fault model: explored under attacks, with the integrity their entries name.
  'skip-checksum': { seed: 1, checker: 'message-integrity' },
  'trust-sender-field': { seed: 1, checker: 'message-integrity' },
  'accept-non-member-vote': { seed: 4, checker: 'message-integrity' },
};
