/**
 * The conformance suite: one test per rule of the Raft paper (and of the node contract), each on a fixed
 * small setup with an exact expected outcome, run against any implementation of the contract.
 */
import { arrayOf, boolean, checkArguments, func, nullable, oneOf, optional, optionsOf } from '../core/argument-checks.js';
import { ImplementationUnreachable } from '../core/contract.js';
import type { NodeConfig, RaftImplementation, RaftNodeInstance } from '../core/contract.js';
import { RAFT_IMPLEMENTATION } from '../core/contract-shape.js';
import { FIXED_RANDOM, TEST_OPTIONS } from '../core/testing.js';
import { COMMIT_COUNTING_TESTS } from './commit-counting.js';
import { DETERMINISM_TESTS } from './determinism.js';
import { ELECTION_TESTS } from './elections.js';
import { FIGURE_7_TESTS } from './figure-7.js';
import { ConformanceFailure } from './probe.js';
import { LEADER_TESTS } from './leader.js';
import { OPTIONAL_TESTS } from './optional.js';
import { PERSISTENCE_TESTS } from './persistence.js';
import { REPLICATION_TESTS } from './replication.js';
import type { ConformanceTest } from './test-case.js';
import { TERM_TESTS } from './terms.js';
import { TIMER_TESTS } from './timers.js';
import { VOTE_COUNTING_TESTS } from './vote-counting.js';
import { thrownAt } from '../sim/cluster/thrown-at.js';

export interface ConformanceGroup {
  readonly name: string;
  readonly tests: readonly ConformanceTest[];
}

export const CONFORMANCE_GROUPS: readonly ConformanceGroup[] = [
  { name: 'terms', tests: TERM_TESTS },
  { name: 'elections', tests: [...ELECTION_TESTS, ...VOTE_COUNTING_TESTS] },
  { name: 'election timer', tests: TIMER_TESTS },
  { name: 'log replication', tests: REPLICATION_TESTS },
  { name: 'leader', tests: [...LEADER_TESTS, ...COMMIT_COUNTING_TESTS] },
  { name: 'Figure 7', tests: FIGURE_7_TESTS },
  { name: 'persistence', tests: PERSISTENCE_TESTS },
  { name: 'determinism', tests: DETERMINISM_TESTS },
  { name: 'optional parts: snapshots, membership, reads', tests: OPTIONAL_TESTS },
];

export const CONFORMANCE_TESTS: readonly ConformanceTest[] = CONFORMANCE_GROUPS.flatMap((group) => group.tests);

export type ConformanceStatus = 'passed' | 'failed' | 'skipped';

export interface ConformanceOutcome {
  readonly name: string;
  readonly group: string;
  readonly section: string;
  readonly rule: string;
  /** A check of the paper's letter beyond what safety requires; it runs only with the strict option. */
  readonly strict: boolean;
  readonly status: ConformanceStatus;
  /** The test ran and its rule held. */
  readonly passed: boolean;
  /** The test did not run: why is in `skippedBecause`. */
  readonly skipped: boolean;
  /** Why the test did not run (an optional method the implementation lacks, or a strict test without the strict option); null when it ran. */
  readonly skippedBecause: string | null;
  /** What differed, or what the implementation threw; null when the test passed or was skipped. */
  readonly message: string | null;
}

export interface ConformanceReport {
  readonly implementation: string;
  /** Whether the strict tests ran (a strict test named in `only` runs either way; its outcome says it is strict). */
  readonly strict: boolean;
  /** Tests that ran: passed + failed. */
  readonly run: number;
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly outcomes: readonly ConformanceOutcome[];
}

export interface ConformanceOptions {
  /** Also run the strict tests (checks of the paper's letter beyond what safety requires). */
  readonly strict?: boolean;
  /** Called before each test that runs, with its name: a caller watching from another thread sees the suite move on. */
  readonly onTest?: (name: string) => void;
}

export function runConformanceTest(test: ConformanceTest, group: string, implementation: RaftImplementation, options: ConformanceOptions = {}): ConformanceOutcome {
  const outcome = { name: test.name, group, section: test.section, rule: test.rule, strict: test.strict === true };
  const skip = (because: string): ConformanceOutcome => ({ ...outcome, status: 'skipped', passed: false, skipped: true, skippedBecause: because, message: null });
  const ran = (message: string | null): ConformanceOutcome => ({
    ...outcome,
    status: message === null ? 'passed' : 'failed',
    passed: message === null,
    skipped: false,
    skippedBecause: null,
    message,
  });
  if (test.strict === true && options.strict !== true) return skip('strict: runs with the strict option (raftsim conformance --strict)');
  const nodes = new NodesOfOneTest(implementation);
  try {
    if (test.requires !== undefined && !hasMethod(nodes.implementation, test.requires)) return skip(`the implementation has no ${test.requires} method`);
    options.onTest?.(test.name);
    test.run(nodes.implementation);
    return ran(null);
  } catch (error) {
    if (error instanceof ConformanceFailure) return ran(error.message);
    // A node that cannot be reached at all (its process is gone) leaves no test to judge, here or after.
    if (error instanceof ImplementationUnreachable) throw error;
    // Anything else came out of the implementation: its failure, not the suite's.
    const text = error instanceof Error ? error.message : String(error);
    const frame = thrownAt(error);
    return ran(`the implementation threw: ${text}${frame === undefined ? '' : ` (${frame})`}`);
  } finally {
    nodes.closeAll();
  }
}

/** The implementation as one test sees it: every node it creates is closed when the test is over, however it ends. */
class NodesOfOneTest {
  readonly implementation: RaftImplementation;
  private readonly created: RaftNodeInstance[] = [];

  constructor(inner: RaftImplementation) {
    const create = (config: NodeConfig): RaftNodeInstance => {
      const node = inner.create(config);
      this.created.push(node);
      return node;
    };
    const extra = inner.extraMessageTypes;
    this.implementation = extra === undefined ? { name: inner.name, create } : { name: inner.name, create, extraMessageTypes: extra };
  }

  closeAll(): void {
    for (const node of this.created.splice(0)) {
      try {
        node.close?.();
      } catch {
        // The test's outcome is settled; a node that fails to let go changes nothing of it.
      }
    }
  }
}

/** Whether the implementation's nodes have an optional method of the contract. */
function hasMethod(implementation: RaftImplementation, method: NonNullable<ConformanceTest['requires']>): boolean {
  const node = implementation.create({ id: 1, members: [1, 2, 3], options: TEST_OPTIONS, random: FIXED_RANDOM, persisted: null });
  return typeof node[method] === 'function';
}

/**
 * Runs every test (or those named) against the implementation. Strict tests run with `options.strict`,
 * and a test named in `only` runs whether strict or not: it was asked for by name.
 */
export function runConformance(implementation: RaftImplementation, only: readonly string[] | null = null, options: ConformanceOptions = {}): ConformanceReport {
  checkArguments(
    'runConformance',
    ['implementation', implementation, RAFT_IMPLEMENTATION],
    ['only', only, nullable(arrayOf(oneOf(CONFORMANCE_TESTS.map((test) => test.name), 'the name of a test in CONFORMANCE_TESTS'), 'an array of test names'))],
    ['options', options, optionsOf<ConformanceOptions>('ConformanceOptions', { strict: optional(boolean), onTest: optional(func) })],
  );
  const outcomes: ConformanceOutcome[] = [];
  const named = { ...options, strict: true };
  for (const group of CONFORMANCE_GROUPS) {
    for (const test of group.tests) {
      if (only === null) outcomes.push(runConformanceTest(test, group.name, implementation, options));
      else if (only.includes(test.name)) outcomes.push(runConformanceTest(test, group.name, implementation, named));
    }
  }
  const count = (status: ConformanceStatus): number => outcomes.filter((outcome) => outcome.status === status).length;
  const passed = count('passed');
  const failed = count('failed');
  return { implementation: implementation.name, strict: options.strict === true, run: passed + failed, passed, failed, skipped: count('skipped'), outcomes };
}
