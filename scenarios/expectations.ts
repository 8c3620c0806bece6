/**
 * Judging a scenario's expectations on what its run observed. Each comes back passed or failed with a
 * sentence saying what was seen, so a failing scenario explains itself.
 */
import type { CommitObservation, RoleObservation } from './observations.js';
import { electionRounds, splitVotes } from './observations.js';
import type { HistoryOperation } from '../sim/kv/history.js';
import { describeClientSaw, judgeClientSaw } from './client-expectation.js';
import type { WatchedRun } from './run-observers.js';
import { formatMs } from './durations.js';
import type { CommandRef, Expectation, IndexRef } from './scenario.js';

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
  /** What the expectations about commands, messages and leaders at a moment need; null when none was watched for. */
  readonly watched?: WatchedRun | null;
  /** The key-value clients' operations; null or absent without them. */
  readonly history?: readonly HistoryOperation[] | null;
}

export function judgeExpectations(expectations: readonly Expectation[], run: ObservedRun): ExpectationOutcome[] {
  return expectations.map((expectation, position) => {
    const base = expectation.after === undefined ? 0 : run.labelTimes.get(expectation.after);
    if (base === undefined) return { expectation, passed: false, detail: `step "${expectation.after}" never ran` };
    const judged =
      expectation.type === 'client-saw'
        ? { expectation, ...judgeClientSaw(expectation, run.history, run.endMs, base) }
        : (judgeCommands(expectation, run, base, position) ?? judge(shifted(expectation, base), run));
    return { ...judged, expectation };
  });
}

/** The expectation with its times counted from the start of the run rather than from its `after` step. */
function shifted(expectation: Expectation, baseMs: number): Expectation {
  if (baseMs === 0) return expectation;
  switch (expectation.type) {
    case 'committed':
      return { ...expectation, byMs: expectation.byMs + baseMs };
    case 'no-commit-between':
    case 'no-leader-change-between':
    case 'messages-at-most':
      return { ...expectation, fromMs: expectation.fromMs + baseMs, toMs: expectation.toMs + baseMs };
    default:
      return expectation;
  }
}

function judge(expectation: Expectation, run: ObservedRun): ExpectationOutcome {
  const outcome = (passed: boolean, detail: string): ExpectationOutcome => ({ expectation, passed, detail });
  switch (expectation.type) {
    case 'leader-within': {
      const from = expectation.after === undefined ? 0 : run.labelTimes.get(expectation.after)!;
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
      const index = resolveIndex(expectation.index, run);
      if (typeof index === 'string') return outcome(false, index);
      const reached = run.commits.find((commit) => commit.committed >= index);
      if (reached === undefined || reached.atMs > expectation.byMs) {
        return outcome(false, `index ${index} was not committed by ${formatMs(expectation.byMs)} (committed ${committedAt(run.commits, expectation.byMs)} by then)`);
      }
      return outcome(true, `index ${index} committed at ${formatMs(reached.atMs)}`);
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
    case 'applied':
    case 'messages-at-most':
    case 'no-leader-at':
    case 'client-saw':
      // Judged by judgeCommands or judgeClientSaw on what the run watched for; a run that watched nothing cannot judge them.
      return outcome(false, 'the run did not watch for it');
  }
}

/** The expectations about commands, messages and leaders at a moment; null for the others. */
function judgeCommands(expectation: Expectation, run: ObservedRun, baseMs: number, position: number): ExpectationOutcome | null {
  const outcome = (passed: boolean, detail: string): ExpectationOutcome => ({ expectation, passed, detail });
  const watched = run.watched;
  if (watched === null || watched === undefined) return null;
  switch (expectation.type) {
    case 'applied':
      return judgeApplied(expectation, run, watched, expectation.after === undefined ? null : baseMs);
    case 'messages-at-most': {
      const fromMs = expectation.fromMs + baseMs;
      const toMs = expectation.toMs + baseMs;
      const sent = watched.messages.count(messageTypes(expectation.kind), fromMs, toMs);
      const what = `${sent} ${expectation.kind ?? 'message'}${expectation.kind === undefined && sent !== 1 ? 's' : ''} sent between ${formatMs(fromMs)} and ${formatMs(toMs)}`;
      return outcome(sent <= expectation.count, sent <= expectation.count ? what : `${what}, more than ${expectation.count}`);
    }
    case 'no-leader-at': {
      const atMs = expectation.atMs + baseMs;
      const leaders = watched.leadersAt.get(position);
      if (leaders === undefined) return outcome(false, `the run ended at ${formatMs(run.endMs)}, before ${formatMs(atMs)}`);
      const described = leaders.map((leader) => `node ${leader.node} (term ${leader.term})`).join(', ');
      return leaders.length === 0 ? outcome(true, `no connected node led at ${formatMs(atMs)}`) : outcome(false, `at ${formatMs(atMs)} ${described} believed ${leaders.length === 1 ? 'it leads' : 'they lead'}`);
    }
    default:
      return null;
  }
}

type AppliedExpectation = Extract<Expectation, { type: 'applied' }>;

/** At least `by` servers applied the command at one index within the window; fromMs null: from when it was first appended. */
function judgeApplied(expectation: AppliedExpectation, run: ObservedRun, watched: WatchedRun, fromMs: number | null): ExpectationOutcome {
  const outcome = (passed: boolean, detail: string): ExpectationOutcome => ({ expectation, passed, detail });
  const command = resolveCommand(expectation.command, watched);
  if (command.problem !== null) return outcome(false, command.problem);
  const index = expectation.index === undefined ? null : resolveIndex(expectation.index, run);
  if (typeof index === 'string') return outcome(false, index);
  const history = watched.commands.get(command.command)!;
  const start = fromMs ?? history.firstAppendedMs;
  if (start === null) return outcome(false, `command ${command.command} never reached a log`);
  const deadline = start + expectation.withinMs;
  const byIndex = new Map<number, number[]>();
  for (const seen of history.applied) {
    if (seen.atMs > deadline || (index !== null && seen.index !== index)) continue;
    byIndex.set(seen.index, [...(byIndex.get(seen.index) ?? []), seen.node]);
  }
  const [bestIndex, nodes] = [...byIndex.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [index, []];
  const where = bestIndex === null ? '' : ` at index ${bestIndex}`;
  const seenBy = nodes.length === 0 ? 'no server' : `node${nodes.length === 1 ? '' : 's'} ${nodes.slice().sort((a, b) => a - b).join(', ')}`;
  return outcome(nodes.length >= expectation.by, `command ${command.command} applied${where} by ${seenBy} by ${formatMs(deadline)}${nodes.length >= expectation.by ? '' : `, fewer than ${expectation.by}`}`);
}

function resolveCommand(command: CommandRef, watched: WatchedRun): { readonly command: string; readonly problem: string | null } {
  if ('command' in command) return { command: command.command, problem: null };
  const proposal = watched.proposals.get(command.proposal);
  if (proposal === undefined) return { command: '', problem: `the step "${command.proposal}" never ran` };
  if (proposal === null) return { command: '', problem: `no node accepted the proposal "${command.proposal}"` };
  return { command: proposal.command, problem: null };
}

/** A number, or the index a named proposal got; a sentence when it got none. */
function resolveIndex(index: IndexRef, run: ObservedRun): number | string {
  if (typeof index === 'number') return index;
  const proposal = run.watched?.proposals.get(index.proposal);
  if (proposal === undefined) return `the step "${index.proposal}" never ran`;
  return proposal === null ? `no node accepted the proposal "${index.proposal}"` : proposal.index;
}

/** The message types a kind of messages-at-most counts: an RPC's name counts its requests. */
function messageTypes(kind: string | undefined): readonly string[] | null {
  if (kind === undefined) return null;
  return kind.endsWith('Request') || kind.endsWith('Response') ? [kind] : [`${kind}Request`];
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
  const after = expectation.after === undefined ? '' : ` after "${expectation.after}"`;
  return describeBody(expectation) + after;
}

function describeBody(expectation: Expectation): string {
  switch (expectation.type) {
    case 'leader-within':
      return `a leader within ${formatMs(expectation.withinMs)}`;
    case 'committed':
      return `index ${describeIndex(expectation.index)} committed by ${formatMs(expectation.byMs)}`;
    case 'applied': {
      const command = 'command' in expectation.command ? `command ${expectation.command.command}` : `the command of "${expectation.command.proposal}"`;
      const index = expectation.index === undefined ? '' : ` at index ${describeIndex(expectation.index)}`;
      return `${command} applied${index} by ${expectation.by} servers within ${formatMs(expectation.withinMs)}`;
    }
    case 'messages-at-most':
      return `at most ${expectation.count} ${expectation.kind ?? 'message'}${expectation.kind === undefined ? 's' : ''} sent between ${formatMs(expectation.fromMs)} and ${formatMs(expectation.toMs)}`;
    case 'no-leader-at':
      return `no connected node leads at ${formatMs(expectation.atMs)}`;
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
    case 'client-saw':
      return describeClientSaw(expectation);
  }
}

function describeIndex(index: IndexRef): string {
  return typeof index === 'number' ? String(index) : `of "${index.proposal}"`;
}
