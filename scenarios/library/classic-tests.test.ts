/**
 * The scenarios of classic test suites (classic-tests.ts): each passes on the reference node (see
 * named.test.ts, which runs every named scenario) and fails with the known bug that breaks its rule, for
 * the reason that rule gives. A scenario that stopped catching its bug would fail here.
 */
import { describe, expect, it } from 'vitest';
import { findKnownBug } from '../../bugs/index.js';
import { TraceKind } from '../../sim/index.js';
import { runScenario } from '../run-scenario.js';
import type { ScenarioRunResult } from '../run-scenario.js';
import { findNamedScenario } from './index.js';
import { CLASSIC_TEST_DOCUMENTS } from './classic-tests.js';

/** Each classic test, the bug that breaks its rule, and what catches it: a checker, or the scenario's expectations. */
const CATCHES: readonly [scenario: string, bug: string, caughtBy: string][] = [
  ['lab-initial-election', 'self-vote-twice', 'leader-quorum'],
  ['lab-re-election', 'keep-vote-in-new-term', 'expectation'],
  ['lab-agree-despite-failures', 'commit-without-majority', 'leader-completeness'],
  ['lab-backup', 'off-by-one-consistency-check', 'state-machine-safety'],
  ['lab-persistence', 'vote-before-durable', 'persist-before-send'],
  ['lab-figure-8', 'commit-old-term', 'leader-completeness'],
  ['lab-unreliable-churn', 'keep-conflicting-entries', 'log-matching'],
  ['etcd-election-in-one-round', 'counting-rejected-votes', 'leader-completeness'],
  ['etcd-leader-commit-preceding-entries', 'leader-never-commits', 'expectation'],
  ['etcd-leader-acknowledge-commit', 'commit-without-majority', 'expectation'],
];

function run(name: string, bug?: string): ScenarioRunResult {
  const scenario = findNamedScenario(name)!;
  return runScenario(scenario, bug === undefined ? { trace: 'hash' } : { trace: 'hash', implementation: findKnownBug(bug)!.implementation });
}

describe('the classic tests as scenarios', () => {
  it('every one is paired with the bug it catches', () => {
    expect(CATCHES.map(([name]) => name)).toEqual(CLASSIC_TEST_DOCUMENTS.map((document) => document.name));
  });

  for (const [name, bug, caughtBy] of CATCHES) {
    it(`${name} fails with ${bug}, caught by ${caughtBy}`, () => {
      const result = run(name, bug);
      expect(result.passed).toBe(false);
      expect(result.failures.map((failure) => failure.checker)).toContain(caughtBy);
    });
  }

  it('lab-re-election: without clearing its vote in a new term, the cluster cannot elect a leader again', () => {
    const failed = run('lab-re-election', 'keep-vote-in-new-term').failures.filter((failure) => failure.kind === 'expectation');
    expect(failed.some((failure) => /^a leader within 1\.500s after "back-(one|all)": no leader/.test(failure.message))).toBe(true);
  });

  it('etcd-leader-acknowledge-commit: counting half of five as a majority commits on two acknowledgements', () => {
    const failed = run('etcd-leader-acknowledge-commit', 'commit-without-majority').failures;
    expect(failed.map((failure) => failure.message)).toEqual([expect.stringMatching(/^nothing committed between 50ms and 500ms after "cut": the committed history grew from 1 to 2 between /)]);
  });

  it('etcd-election-in-one-round: node 1 asks each of the four once, and a node with the longer log wins later', () => {
    const result = runScenario(findNamedScenario('etcd-election-in-one-round')!, { trace: 'full' });
    const requests = result.run.trace.records().filter((record) => record.kind === TraceKind.send && (record.detail as { type: string }).type === 'RequestVoteRequest');
    expect(requests.filter((record) => record.timeUs < 190_000).map((record) => [record.node, record.peer])).toEqual([
      [1, 2],
      [1, 3],
      [1, 4],
      [1, 5],
    ]);
    expect([2, 3, 4]).toContain(result.roles.find((role) => role.role === 'leader')!.node);
  });

  it('lab-unreliable-churn: the network loses, holds back and delays, and the servers crash and are cut off, many times over', () => {
    const result = run('lab-unreliable-churn');
    expect(result.run.stats.crashes).toBeGreaterThanOrEqual(15);
    expect(result.run.stats.messagesDropped / result.run.stats.messagesSent).toBeGreaterThan(0.1);
    expect(result.failures).toEqual([]);
  });
});
