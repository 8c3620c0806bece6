import type { Message } from '../../core/messages.js';
import type { Entry, Role } from '../../core/types.js';
import type { NodeSnapshot, ObservedCluster, ObservedNode } from '../checking/observed-cluster.js';
import type { ServerRuleName } from '../checking/server-rules.js';

export const CHECKER_NAMES = [
  'election-safety',
  'log-matching',
  'leader-append-only',
  'leader-completeness',
  'state-machine-safety',
  'commit-apply-bounds',
  'term-monotonicity',
  'stale-read',
  'leader-quorum',
  'persist-before-send',
] as const;
export type CheckerName = (typeof CHECKER_NAMES)[number];

/** The check of what the clients saw, made once on the whole history at a run's end (sim/kv/history-check.ts), not on events. */
export type HistoryCheckName = 'linearizability';

/**
 * Failures of an implementation that no checker judges: an exception out of its code, and a message
 * that breaks the contract's shape (sim/cluster/message-validation.ts). Either always ends the run.
 */
export type ImplementationFailure = 'implementation-error' | 'malformed-message';

/** A broken invariant, with the evidence needed to understand it without rerunning. */
export interface Violation {
  readonly checker: CheckerName | HistoryCheckName | ServerRuleName | ImplementationFailure;
  readonly message: string;
  readonly seed: number;
  readonly atMs: number;
  readonly timeUs: number;
  /** The number of the event during which the violation was seen. */
  readonly event: number;
  readonly nodes: readonly NodeSnapshot[];
}

export interface CheckContext {
  readonly cluster: ObservedCluster;
  report(checker: CheckerName, message: string): void;
}

/**
 * A checker watches the observed cluster through these hooks, each called right after the observed
 * state changed, with the value it had before. Each checker keeps whatever history it needs.
 */
export interface Checker {
  readonly name: CheckerName;
  roleChanged?(context: CheckContext, node: ObservedNode, previousRole: Role): void;
  termChanged?(context: CheckContext, node: ObservedNode, previousTerm: number): void;
  /** `previousLastHash` is the prefix hash of the log as it was, through previousLastIndex. */
  logWritten?(context: CheckContext, node: ObservedNode, fromIndex: number, previousLastIndex: number, previousLastHash: number): void;
  commitChanged?(context: CheckContext, node: ObservedNode, previousCommitIndex: number, historyGrew: boolean): void;
  /**
   * A log write made `node`'s log through `index` committed as §5.3 defines it: a majority of the
   * configuration stores it, the entry at `index` stored in its own term (sim/checking/stored-by-majority.ts).
   * `agreed` is false when that log disagrees with the committed history, which then did not take it in.
   */
  committedByMajority?(context: CheckContext, node: ObservedNode, index: number, agreed: boolean): void;
  applied?(context: CheckContext, node: ObservedNode, index: number, entry: Entry): void;
  readAnswered?(context: CheckContext, node: ObservedNode, read: AnsweredRead): void;
  /** The messages of a Ready, once it is durable and they go out. */
  messagesSent?(context: CheckContext, node: ObservedNode, messages: readonly Message[]): void;
  /** After every change of one Ready has been observed. */
  readyObserved?(context: CheckContext, node: ObservedNode): void;
}

/** A client read and its answer: the index through which the answering node's state machine had applied. */
export interface AnsweredRead {
  readonly number: number;
  readonly invokedAtUs: number;
  /**
   * How much of the committed history some node had declared committed when the client asked: a write
   * a majority stores but no node has counted yet is concurrent with the read, which may miss it.
   */
  readonly committedAtInvocation: number;
  readonly answeredIndex: number;
}

export function describeEntry(index: number, entry: Entry | null | undefined): string {
  if (entry === null || entry === undefined) return `index ${index} (absent)`;
  return `index ${index} (term ${entry.term}, ${entry.kind === 'noop' ? 'no-op' : JSON.stringify(entry.command)})`;
}
