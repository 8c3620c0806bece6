/**
 * Judging a scenario's expectations on what its run observed. Each comes back passed or failed with a
 * sentence saying what was seen, so a failing scenario explains itself.
 */
import type { CommitObservation, RoleObservation } from './observations.js';
import { electionRounds, splitVotes } from './observations.js';
import type { Expectation } from './scenario.js';

export interface ExpectationOutcome {
  readonly expectation: Expectation;
  readonly passed: boolean;
  readonly detail: string;
}

export interface ObservedRun {
  readonly roles: readonly RoleObservation[];
  readonly commits: readonly CommitObservation[];
  /** When each labelled step ran, in virtual ms. */
  readonly labelTimes: ReadonlyMap<string, number>;
  /** When each labelled step took effect, as the number of the last event before it. */
  readonly labelEvents: ReadonlyMap<string, number>;
  /** Stretches of events that saw a leader in place: [from ms, to ms, first event, last event]. */
  readonly leaderIntervals: readonly (readonly [number, number, number, number])[];
  readonly endMs: number;
  /** The violations the checkers reported: checker and message. */
  readonly violations: readonly { readonly checker: string; readonly message: string }[];
}

export function judgeExpectations(expectations: readonly Expectation[], run: ObservedRun): ExpectationOutcome[] {
  return expectations.map((expectation) => judge(expectation, run));
}

function judge(expectation: Expectation, run: ObservedRun): ExpectationOutcome {
  const outcome = (passed: boolean, detail: string): ExpectationOutcome => ({ expectation, passed, detail });
  switch (expectation.type) {
    case 'leader-within': {
      const from = expectation.after === undefined ? 0 : run.labelTimes.get(expectation.after);
      if (from === undefined) return outcome(false, `step "${expectation.after}" never ran`);
      const fromEvent = expectation.after === undefined ? 0 : (run.labelEvents.get(expectation.after) ?? 0);
      const deadline = from + expectation.withinMs;
      // Only a leader seen after the step took effect counts: the step may have removed the one before.
      const interval = run.leaderIntervals.find(([start, , , lastEvent]) => lastEvent > fromEvent && start <= deadline);
      const where = expectation.after === undefined ? 'from the start' : `after "${expectation.after}" (${formatMs(from)})`;
      return interval === undefined
        ? outcome(false, `no leader within ${formatMs(expectation.withinMs)} ${where}`)
        : outcome(true, `a leader at ${formatMs(Math.max(interval[0], from))}, ${formatMs(Math.max(0, interval[0] - from))} ${where}`);
    }
    case 'committed': {
      const reached = run.commits.find((commit) => commit.committed >= expectation.index);
      if (reached === undefined || reached.atMs > expectation.byMs) {
        return outcome(false, `index ${expectation.index} was not committed by ${formatMs(expectation.byMs)} (committed ${committedAt(run.commits, expectation.byMs)} by then)`);
      }
      return outcome(true, `index ${expectation.index} committed at ${formatMs(reached.atMs)}`);
    }
    case 'no-commit-between': {
      const before = committedAt(run.commits, expectation.fromMs);
      const after = committedAt(run.commits, expectation.toMs);
      return after === before
        ? outcome(true, `nothing committed between ${formatMs(expectation.fromMs)} and ${formatMs(expectation.toMs)} (history stayed at ${before})`)
        : outcome(false, `the committed history grew from ${before} to ${after} between ${formatMs(expectation.fromMs)} and ${formatMs(expectation.toMs)}`);
    }
    case 'caught': {
      const caught = run.violations.find((violation) => violation.checker === expectation.checker);
      return caught === undefined
        ? outcome(false, `the ${expectation.checker} checker caught nothing`)
        : outcome(true, `the ${expectation.checker} checker caught it: ${caught.message}`);
    }
    case 'no-leader-change-between': {
      const change = run.roles.find((role) => role.role === 'leader' && role.atMs > expectation.fromMs && role.atMs <= expectation.toMs);
      return change === undefined
        ? outcome(true, `no node became leader between ${formatMs(expectation.fromMs)} and ${formatMs(expectation.toMs)}`)
        : outcome(false, `node ${change.node} became leader of term ${change.term} at ${formatMs(change.atMs)}`);
    }
    case 'term-below': {
      const high = run.roles.find((role) => role.term >= expectation.term);
      return high === undefined
        ? outcome(true, `every term stayed below ${expectation.term}`)
        : outcome(false, `node ${high.node} reached term ${high.term} at ${formatMs(high.atMs)}`);
    }
    case 'split-vote': {
      const rounds = electionRounds(run.roles);
      // Stryker disable next-line EqualityOperator: a split vote's own round has no leader, so counting it as later changes nothing
      const split = splitVotes(run.roles).find((candidate) => rounds.some((round) => round.term > candidate.term && round.leader !== null));
      return split === undefined
        ? outcome(false, 'no term had two or more candidates and no leader before a later term elected one')
        : outcome(true, `term ${split.term}: candidates ${split.candidates.join(', ')} and no leader; a later term elected one`);
    }
    case 'split-votes-at-least': {
      const splits = splitVotes(run.roles);
      return splits.length >= expectation.count
        ? outcome(true, `${splits.length} split votes (terms ${splits.map((split) => split.term).join(', ')})`)
        : outcome(false, `${splits.length} split votes, fewer than ${expectation.count}`);
    }
  }
}

function committedAt(commits: readonly CommitObservation[], atMs: number): number {
  let committed = 0;
  for (const commit of commits) {
    if (commit.atMs > atMs) break;
    committed = commit.committed;
  }
  return committed;
}

export function describeExpectation(expectation: Expectation): string {
  switch (expectation.type) {
    case 'leader-within':
      return `a leader within ${formatMs(expectation.withinMs)}${expectation.after === undefined ? '' : ` after "${expectation.after}"`}`;
    case 'committed':
      return `index ${expectation.index} committed by ${formatMs(expectation.byMs)}`;
    case 'no-commit-between':
      return `nothing committed between ${formatMs(expectation.fromMs)} and ${formatMs(expectation.toMs)}`;
    case 'no-leader-change-between':
      return `no new leader between ${formatMs(expectation.fromMs)} and ${formatMs(expectation.toMs)}`;
    case 'term-below':
      return `every term below ${expectation.term}`;
    case 'split-vote':
      return 'a split vote that is later resolved';
    case 'split-votes-at-least':
      return `at least ${expectation.count} split votes`;
    case 'caught':
      return `the ${expectation.checker} checker catches a violation`;
  }
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(3)}s` : `${Math.round(ms)}ms`;
}
