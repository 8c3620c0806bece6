import type { RaftImplementation } from '../core/contract.js';

/** One rule of the paper, checked on a fixed small setup with an exact expected outcome. */
export interface ConformanceTest {
  /** A stable name, as in `raftsim conformance` and the bug catalog. */
  readonly name: string;
  /** Where the rule comes from: a section or figure of the Raft paper, or the node contract. */
  readonly section: string;
  /** The rule, in one sentence. */
  readonly rule: string;
  /**
   * An optional part of the contract the rule is about; an implementation without that method is not
   * tested for it (its outcome is marked skipped).
   */
  readonly requires?: 'compact' | 'proposeConfigChange' | 'read';
  /**
   * True for a check of the paper's letter beyond what safety requires, where real implementations
   * legitimately differ (etcd ignores a stale request the paper answers false). It runs only when asked
   * for (`raftsim conformance --strict`); by default it is skipped, never failed.
   */
  readonly strict?: boolean;
  /** Throws a ConformanceFailure naming what differed; returns when the rule held. */
  run(implementation: RaftImplementation): void;
}
