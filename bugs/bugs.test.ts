import { describe, expect, it } from 'vitest';
import { applyPolicies, runScenario, scenarioForSeed, withWorkload } from '../scenarios/index.js';
import { FIRST_CATCHING_SEED } from '../test/known-bug-seeds.js';
import { REFERENCE_RULES } from '../core/variants.js';
import type { LeaderView } from '../core/variants.js';
import { KNOWN_BUGS } from './catalog.js';
import { majorityOfPeers } from './majority-of-peers.js';
import { stringSortedCommitIndex } from './string-sorted-commit-index.js';

/**
 * Catalog bugs that default exploration cannot catch yet, and what it lacks: a swarm that draws every
 * cluster size, or a checker holding every run to persist-before-send. Their conformance tests catch
 * them; each must leave this list, with its seed in test/known-bug-seeds.ts, once exploration does.
 */
const AWAITING_EXPLORATION: readonly string[] = [];

describe('the bug catalog', () => {
  it('has at least twelve bugs, each named once, with a paragraph, the checkers and conformance tests that catch it (none for a bug outside the node)', () => {
    expect(KNOWN_BUGS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(KNOWN_BUGS.map((bug) => bug.name)).size).toBe(KNOWN_BUGS.length);
    for (const bug of KNOWN_BUGS) {
      expect(bug.explanation.length, bug.name).toBeGreaterThan(100);
      expect(bug.breaks.length, bug.name).toBeGreaterThan(0);
      // A state machine without sessions is the application's bug: the node is the reference, and passes every test.
      // A defence beyond Raft's fault model is no rule of the paper, whose suite holds no implementation to it.
      if (bug.workload?.sessions === false || bug.integrity !== undefined) expect(bug.conformance, bug.name).toEqual([]);
      else expect(bug.conformance.length, bug.name).toBeGreaterThan(0);
      expect(bug.implementation.name).toBe(bug.name);
    }
  });

  it('names a known seed for every bug but those awaiting exploration', () => {
    const withoutSeed = KNOWN_BUGS.map((bug) => bug.name).filter((name) => FIRST_CATCHING_SEED[name] === undefined);
    expect(withoutSeed).toEqual(AWAITING_EXPLORATION);
  });

  it('majority-of-peers agrees with the paper’s majority at odd sizes and is one short at even ones', () => {
    const quorumSize = majorityOfPeers().quorumSize!;
    for (const size of [1, 2, 3, 4, 5, 6, 7]) {
      const paper = REFERENCE_RULES.quorumSize(size, size - 1);
      expect(quorumSize(size, size - 1), `size ${size}`).toBe(size % 2 === 1 ? paper : paper - 1);
    }
  });

  it('string-sorted-commit-index is right below index 10 and wrong past it', () => {
    const commitRule = stringSortedCommitIndex().commitIndexAfterInput!;
    const leaderWith = (lastIndex: number, matchIndexes: readonly number[]): LeaderView => ({
      term: 2,
      commitIndex: 0,
      members: [1, 2, 3],
      peers: [2, 3],
      matchIndexOf: (peer) => matchIndexes[peer - 2]!,
      log: { snapshotIndex: 0, lastIndex: () => lastIndex, lastTerm: () => 2, termAt: () => 2, slice: () => [], isUpToDate: () => true },
    });
    expect(commitRule(leaderWith(8, [7, 6]))).toBe(7);
    expect(commitRule(leaderWith(12, [10, 9]))).toBe(12);
  });

  it.each(KNOWN_BUGS.filter((bug) => !AWAITING_EXPLORATION.includes(bug.name)).map((bug) => bug.name))('%s is caught on its known seed, by a check the catalog names', (name) => {
    const bug = KNOWN_BUGS.find((known) => known.name === name)!;
    const known = FIRST_CATCHING_SEED[name]!;
    expect(known.seed).toBeLessThanOrEqual(2000);
    // A bug in a defence beyond Raft's model shows under attacks, with the integrity it breaks switched on.
    const attacked = bug.integrity === undefined ? {} : { attacks: true };
    const plain = scenarioForSeed(known.seed, { nodeCount: null, durationMs: 10_000, faults: 'swarm', ...attacked });
    const swarm = bug.integrity === undefined ? plain : applyPolicies(plain, { integrity: bug.integrity });
    const scenario = bug.workload === undefined ? swarm : withWorkload(swarm, bug.workload, known.seed);
    const failure = runScenario(scenario, { implementation: bug.implementation, trace: 'hash' }).failures[0];
    expect(failure?.checker).toBe(known.checker);
    expect(bug.breaks).toContain(known.checker);
    // The same seed holds every check with the reference core, and with sessions: the failure is the bug's.
    const reference = bug.workload === undefined ? swarm : withWorkload(swarm, { kind: 'kv' }, known.seed);
    expect(runScenario(reference, { trace: 'hash' }).failures).toEqual([]);
  });
});
