/**
 * Every expectation type judged both ways: on an observed run where it holds and on one where it does
 * not, with the sentence it gives. Split votes and catching are also judged end to end, on scenario runs.
 */
import { describe, expect, it } from 'vitest';
import { describeExpectation, judgeExpectations } from './expectations.js';
import type { ExpectationOutcome, ObservedRun } from './expectations.js';
import { findNamedScenario } from './library/index.js';
import { parseScenarioText } from './load.js';
import type { RoleObservation } from './observations.js';
import { runScenario } from './run-scenario.js';
import type { Expectation, Scenario } from './scenario.js';

function observed(overrides: Partial<ObservedRun>): ObservedRun {
  return {
    roles: [],
    commits: [],
    labelTimes: new Map(),
    labelEvents: new Map(),
    leaderIntervals: [],
    endMs: 5000,
    violations: [],
    ...overrides,
  };
}

function judged(expectation: Expectation, run: ObservedRun): Pick<ExpectationOutcome, 'passed' | 'detail'> {
  const [outcome] = judgeExpectations([expectation], run);
  return { passed: outcome!.passed, detail: outcome!.detail };
}

const role = (atMs: number, node: number, kind: RoleObservation['role'], term: number): RoleObservation => ({ atMs, node, role: kind, term });

/** Nodes 1 and 2 both stand in term 2 and nobody wins it; node 3 wins term 3. */
const splitThenResolved: RoleObservation[] = [
  role(300, 1, 'candidate', 2),
  role(301, 2, 'candidate', 2),
  role(700, 3, 'candidate', 3),
  role(720, 3, 'leader', 3),
];

describe('expectations judged on what a run observed', () => {
  it('leader-within holds with a leader before the deadline and fails without one', () => {
    const expectation: Expectation = { type: 'leader-within', withinMs: 1000 };
    expect(judged(expectation, observed({ leaderIntervals: [[400, 5000, 10, 90]] }))).toEqual({ passed: true, detail: 'a leader at 400ms, 400ms from the start' });
    expect(judged(expectation, observed({ leaderIntervals: [[1500, 5000, 30, 90]] }))).toEqual({ passed: false, detail: 'no leader within 1.000s from the start' });
  });

  it('committed holds when the index is reached by the time and fails when it is reached late', () => {
    const expectation: Expectation = { type: 'committed', index: 3, byMs: 1000 };
    const commits = [
      { atMs: 500, committed: 2 },
      { atMs: 900, committed: 3 },
    ];
    expect(judged(expectation, observed({ commits }))).toEqual({ passed: true, detail: 'index 3 committed at 900ms' });
    const late = [
      { atMs: 500, committed: 2 },
      { atMs: 1100, committed: 3 },
    ];
    expect(judged(expectation, observed({ commits: late }))).toEqual({ passed: false, detail: 'index 3 was not committed by 1.000s (committed 2 by then)' });
  });

  it('no-commit-between holds when the history stays put in the window and fails when it grows', () => {
    const expectation: Expectation = { type: 'no-commit-between', fromMs: 1000, toMs: 2000 };
    const outside = [
      { atMs: 500, committed: 2 },
      { atMs: 2500, committed: 4 },
    ];
    expect(judged(expectation, observed({ commits: outside }))).toEqual({ passed: true, detail: 'nothing committed between 1.000s and 2.000s (history stayed at 2)' });
    const inside = [
      { atMs: 500, committed: 2 },
      { atMs: 1500, committed: 4 },
    ];
    expect(judged(expectation, observed({ commits: inside }))).toEqual({ passed: false, detail: 'the committed history grew from 2 to 4 between 1.000s and 2.000s' });
  });

  it('caught holds when the named checker reported and fails when only another checker did', () => {
    const expectation: Expectation = { type: 'caught', checker: 'stale-read' };
    const staleRead = { checker: 'stale-read', message: 'read at 2.1s returned 3 of 5 committed' };
    const other = { checker: 'election-safety', message: 'two leaders in term 2' };
    expect(judged(expectation, observed({ violations: [other, staleRead] }))).toEqual({ passed: true, detail: 'the stale-read checker caught it: read at 2.1s returned 3 of 5 committed' });
    expect(judged(expectation, observed({ violations: [other] }))).toEqual({ passed: false, detail: 'the stale-read checker caught nothing' });
    expect(judged(expectation, observed({}))).toEqual({ passed: false, detail: 'the stale-read checker caught nothing' });
  });

  it('no-leader-change-between holds when leaders change only outside the window and fails when one changes inside', () => {
    const expectation: Expectation = { type: 'no-leader-change-between', fromMs: 1000, toMs: 2000 };
    const outside = [role(400, 1, 'leader', 1), role(2500, 2, 'leader', 2)];
    expect(judged(expectation, observed({ roles: outside }))).toEqual({ passed: true, detail: 'no node became leader between 1.000s and 2.000s' });
    const inside = [role(400, 1, 'leader', 1), role(1500, 2, 'leader', 2)];
    expect(judged(expectation, observed({ roles: inside }))).toEqual({ passed: false, detail: 'node 2 became leader of term 2 at 1.500s' });
  });

  it('term-below holds while every term stays below the bound and fails once one reaches it', () => {
    const expectation: Expectation = { type: 'term-below', term: 3 };
    const low = [role(300, 1, 'candidate', 2), role(320, 1, 'leader', 2)];
    expect(judged(expectation, observed({ roles: low }))).toEqual({ passed: true, detail: 'every term stayed below 3' });
    expect(judged(expectation, observed({ roles: [...low, role(900, 2, 'candidate', 3)] }))).toEqual({ passed: false, detail: 'node 2 reached term 3 at 900ms' });
  });

  it('split-vote holds for a split term a later term resolved, and fails with no split or with one never resolved', () => {
    const expectation: Expectation = { type: 'split-vote' };
    expect(judged(expectation, observed({ roles: splitThenResolved }))).toEqual({ passed: true, detail: 'term 2: candidates 1, 2 and no leader; a later term elected one' });
    const failing = 'no term had two or more candidates and no leader before a later term elected one';
    const contested = [role(300, 1, 'candidate', 2), role(301, 2, 'candidate', 2), role(320, 1, 'leader', 2)];
    expect(judged(expectation, observed({ roles: contested }))).toEqual({ passed: false, detail: failing });
    const neverResolved = [role(300, 1, 'candidate', 2), role(301, 2, 'candidate', 2), role(700, 3, 'candidate', 3)];
    expect(judged(expectation, observed({ roles: neverResolved }))).toEqual({ passed: false, detail: failing });
    // A leader of an earlier term does not resolve a split that came after it.
    const resolvedOnlyBefore = [role(100, 3, 'candidate', 1), role(120, 3, 'leader', 1), ...neverResolved];
    expect(judged(expectation, observed({ roles: resolvedOnlyBefore }))).toEqual({ passed: false, detail: failing });
  });

  it('split-votes-at-least holds at the count and fails below it', () => {
    const twoSplits = [...splitThenResolved.slice(0, 2), role(500, 1, 'candidate', 3), role(501, 3, 'candidate', 3), role(900, 2, 'candidate', 4), role(910, 2, 'leader', 4)];
    expect(judged({ type: 'split-votes-at-least', count: 2 }, observed({ roles: twoSplits }))).toEqual({ passed: true, detail: '2 split votes (terms 2, 3)' });
    expect(judged({ type: 'split-votes-at-least', count: 3 }, observed({ roles: twoSplits }))).toEqual({ passed: false, detail: '2 split votes, fewer than 3' });
  });
});

function parsed(yaml: string): Scenario {
  const result = parseScenarioText(yaml, 'yaml', 'test.yaml');
  if (!result.ok) throw new Error(result.problem);
  return result.scenario;
}

function named(name: string): Scenario {
  const found = findNamedScenario(name);
  if (found === undefined) throw new Error(`no scenario ${name}`);
  return found;
}

describe('expectations judged on scenario runs', () => {
  it('split-vote holds on the aligned-timers run and fails on a calm run with no split vote', () => {
    const split = runScenario(named('split-vote'));
    expect(split.expectations.map((outcome) => [outcome.expectation.type, outcome.passed])).toContainEqual(['split-vote', true]);
    const calm = runScenario(parsed('name: calm\nseed: 1\ncluster: { nodes: 3, duration: 2s }\nexpect:\n  - split-vote: true\n'));
    expect(calm.expectations.map((outcome) => outcome.passed)).toEqual([false]);
    expect(calm.passed).toBe(false);
  });

  it('caught holds when a stale read is served under clock drift and fails when the correct run serves none', () => {
    const drift = runScenario(named('lease-read-clock-drift'));
    expect(drift.expectations.map((outcome) => outcome.passed)).toEqual([true]);
    const calm = runScenario(parsed('name: calm\nseed: 1\ncluster: { nodes: 3, duration: 2s }\nworkload: { requestsPerSecond: 20, readsPerSecond: 50 }\nexpect:\n  - caught: stale-read\n'));
    expect(calm.expectations.map((outcome) => [outcome.passed, outcome.detail])).toEqual([[false, 'the stale-read checker caught nothing']]);
    expect(calm.passed).toBe(false);
  });
});

describe('expectations at the edges of their windows', () => {
  it('leader-within after a step counts only a leader still in place after the step took effect, up to the deadline itself', () => {
    const expectation: Expectation = { type: 'leader-within', withinMs: 500, after: 'crash' };
    const labels = { labelTimes: new Map([['crash', 1000]]), labelEvents: new Map([['crash', 40]]) };
    // The leader's stretch ended with the step's own event: the step removed it.
    expect(judged(expectation, observed({ ...labels, leaderIntervals: [[200, 1000, 5, 40]] }))).toEqual({ passed: false, detail: 'no leader within 500ms after "crash" (1.000s)' });
    expect(judged(expectation, observed({ ...labels, leaderIntervals: [[200, 1000, 5, 40], [1500, 5000, 60, 90]] }))).toEqual({
      passed: true,
      detail: 'a leader at 1.500s, 500ms after "crash" (1.000s)',
    });
    expect(judged(expectation, observed({ ...labels, leaderIntervals: [[1501, 5000, 60, 90]] })).passed).toBe(false);
    // A leader from before the step that outlived it counts from the step on.
    expect(judged(expectation, observed({ ...labels, leaderIntervals: [[200, 5000, 5, 41]] }))).toEqual({ passed: true, detail: 'a leader at 1.000s, 0ms after "crash" (1.000s)' });
    expect(judged(expectation, observed({ leaderIntervals: [[200, 5000, 5, 90]] }))).toEqual({ passed: false, detail: 'step "crash" never ran' });
  });

  it('committed and the committed history count a commit made at the very time named', () => {
    const commits = [
      { atMs: 500, committed: 2 },
      { atMs: 1000, committed: 3 },
    ];
    expect(judged({ type: 'committed', index: 3, byMs: 1000 }, observed({ commits }))).toEqual({ passed: true, detail: 'index 3 committed at 1.000s' });
    expect(judged({ type: 'committed', index: 4, byMs: 1000 }, observed({ commits }))).toEqual({ passed: false, detail: 'index 4 was not committed by 1.000s (committed 3 by then)' });
    expect(judged({ type: 'no-commit-between', fromMs: 500, toMs: 999 }, observed({ commits })).passed).toBe(true);
    expect(judged({ type: 'no-commit-between', fromMs: 500, toMs: 1000 }, observed({ commits }))).toEqual({
      passed: false,
      detail: 'the committed history grew from 2 to 3 between 500ms and 1.000s',
    });
  });

  it('no-leader-change-between leaves out a leader elected at its first instant and counts one elected at its last', () => {
    const expectation: Expectation = { type: 'no-leader-change-between', fromMs: 1000, toMs: 2000 };
    expect(judged(expectation, observed({ roles: [role(1000, 1, 'leader', 2)] })).passed).toBe(true);
    expect(judged(expectation, observed({ roles: [role(2000, 3, 'leader', 4)] }))).toEqual({ passed: false, detail: 'node 3 became leader of term 4 at 2.000s' });
    expect(judged(expectation, observed({ roles: [role(2001, 3, 'leader', 4)] })).passed).toBe(true);
  });

  it('describes every expectation type in words', () => {
    const described: [Expectation, string][] = [
      [{ type: 'leader-within', withinMs: 1500 }, 'a leader within 1.500s'],
      [{ type: 'leader-within', withinMs: 800, after: 'heal' }, 'a leader within 800ms after "heal"'],
      [{ type: 'committed', index: 4, byMs: 3000 }, 'index 4 committed by 3.000s'],
      [{ type: 'no-commit-between', fromMs: 100, toMs: 2000 }, 'nothing committed between 100ms and 2.000s'],
      [{ type: 'no-leader-change-between', fromMs: 100, toMs: 2000 }, 'no new leader between 100ms and 2.000s'],
      [{ type: 'term-below', term: 5 }, 'every term below 5'],
      [{ type: 'split-vote' }, 'a split vote that is later resolved'],
      [{ type: 'split-votes-at-least', count: 2 }, 'at least 2 split votes'],
      [{ type: 'caught', checker: 'election-safety' }, 'the election-safety checker catches a violation'],
    ];
    for (const [expectation, words] of described) expect(describeExpectation(expectation)).toBe(words);
  });
});
