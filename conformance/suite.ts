/**
 * The conformance suite: one test per rule of the Raft paper (and of the node contract), each on a fixed
 * small setup with an exact expected outcome, run against any implementation of the contract.
 */
import type { RaftImplementation } from '../core/contract.js';
import { FIXED_RANDOM, TEST_OPTIONS } from '../core/testing.js';
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

export interface ConformanceGroup {
  readonly name: string;
  readonly tests: readonly ConformanceTest[];
}

export const CONFORMANCE_GROUPS: readonly ConformanceGroup[] = [
  { name: 'terms', tests: TERM_TESTS },
  { name: 'elections', tests: ELECTION_TESTS },
  { name: 'election timer', tests: TIMER_TESTS },
  { name: 'log replication', tests: REPLICATION_TESTS },
  { name: 'leader', tests: LEADER_TESTS },
  { name: 'Figure 7', tests: FIGURE_7_TESTS },
  { name: 'persistence', tests: PERSISTENCE_TESTS },
  { name: 'determinism', tests: DETERMINISM_TESTS },
  { name: 'optional parts: snapshots, membership, reads', tests: OPTIONAL_TESTS },
];

export const CONFORMANCE_TESTS: readonly ConformanceTest[] = CONFORMANCE_GROUPS.flatMap((group) => group.tests);

export interface ConformanceOutcome {
  readonly name: string;
  readonly group: string;
  readonly section: string;
  readonly rule: string;
  readonly passed: boolean;
  /** The test is about an optional method the implementation does not have; it counts as passed. */
  readonly skipped: boolean;
  /** What differed, or what the implementation threw; null when the test passed. */
  readonly message: string | null;
}

export interface ConformanceReport {
  readonly implementation: string;
  readonly passed: number;
  readonly failed: number;
  readonly outcomes: readonly ConformanceOutcome[];
}

export function runConformanceTest(test: ConformanceTest, group: string, implementation: RaftImplementation): ConformanceOutcome {
  const outcome = { name: test.name, group, section: test.section, rule: test.rule, skipped: false };
  try {
    if (test.requires !== undefined && !hasMethod(implementation, test.requires)) return { ...outcome, passed: true, skipped: true, message: null };
    test.run(implementation);
    return { ...outcome, passed: true, message: null };
  } catch (error) {
    if (error instanceof ConformanceFailure) return { ...outcome, passed: false, message: error.message };
    // Anything else came out of the implementation: its failure, not the suite's.
    const text = error instanceof Error ? error.message : String(error);
    const frame = error instanceof Error ? (error.stack ?? '').split('\n').find((line) => /^\s+at /.test(line))?.trim() : undefined;
    return { ...outcome, passed: false, message: `the implementation threw: ${text}${frame === undefined ? '' : ` (${frame})`}` };
  }
}

/** Whether the implementation's nodes have an optional method of the contract. */
function hasMethod(implementation: RaftImplementation, method: NonNullable<ConformanceTest['requires']>): boolean {
  const node = implementation.create({ id: 1, members: [1, 2, 3], options: TEST_OPTIONS, random: FIXED_RANDOM, persisted: null });
  return typeof node[method] === 'function';
}

/** Runs every test (or those named) against the implementation. */
export function runConformance(implementation: RaftImplementation, only: readonly string[] | null = null): ConformanceReport {
  const outcomes: ConformanceOutcome[] = [];
  for (const group of CONFORMANCE_GROUPS) {
    for (const test of group.tests) {
      if (only === null || only.includes(test.name)) outcomes.push(runConformanceTest(test, group.name, implementation));
    }
  }
  const passed = outcomes.filter((outcome) => outcome.passed).length;
  return { implementation: implementation.name, passed, failed: outcomes.length - passed, outcomes };
}
