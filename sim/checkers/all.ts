import type { Checker } from './checker.js';
import { CommitApplyBoundsChecker } from './commit-apply-bounds.js';
import { ElectionSafetyChecker } from './election-safety.js';
import { LeaderAppendOnlyChecker } from './leader-append-only.js';
import { LeaderCompletenessChecker } from './leader-completeness.js';
import { LeaderQuorumChecker } from './leader-quorum.js';
import { LogMatchingChecker } from './log-matching.js';
import { PersistBeforeSendChecker } from './persist-before-send.js';
import { StaleReadChecker } from './stale-read.js';
import { StateMachineSafetyChecker } from './state-machine-safety.js';
import { TermMonotonicityChecker } from './term-monotonicity.js';

/** A fresh set of every checker; each run needs its own, since checkers remember the run's history. */
export function createAllCheckers(): Checker[] {
  return [
    new ElectionSafetyChecker(),
    new LogMatchingChecker(),
    new LeaderAppendOnlyChecker(),
    new LeaderCompletenessChecker(),
    new StateMachineSafetyChecker(),
    new CommitApplyBoundsChecker(),
    new TermMonotonicityChecker(),
    new StaleReadChecker(),
    new LeaderQuorumChecker(),
    new PersistBeforeSendChecker(),
  ];
}
