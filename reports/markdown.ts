/**
 * Summaries in Markdown, to paste into an issue, a pull request or a paper's notes: the facts of a
 * run or an exploration, every failure with the command that replays it, and the statistics when
 * they were gathered.
 */
import { arrayOf, checkArguments, func, integer, nullable, optional, optionsOf, shaped, string } from '../core/argument-checks.js';
import { REPLAY_COMMAND } from '../formats/argument-rules.js';
import { EXPLORE_RESULT, SCENARIO_RUN_RESULT } from '../scenarios/argument-rules.js';
import type { AggregateStatistics, Distribution, ExploreResult, ScenarioRunResult } from '../scenarios/index.js';
import { formatMs } from './run-report.js';

/** Text safe inside a table cell: pipes escaped, line breaks flattened. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The checks a verdict did not cover, to follow it in brackets: a run that skipped checks never reads as fully checked. */
function notChecked(skipped: readonly string[]): string {
  return skipped.length === 0 ? '' : ` (not checked: ${skipped.join(', ')})`;
}

/** After a table of failures, the checks that were not run: the table is not the whole verdict. */
function skippedNote(skipped: readonly string[]): string[] {
  return skipped.length === 0 ? [] : ['', `Not checked (skipped): ${skipped.join(', ')}.`];
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

export function runToMarkdown(result: ScenarioRunResult, replay: string): string[] {
  checkArguments('runToMarkdown', ['result', result, SCENARIO_RUN_RESULT], ['replay', replay, REPLAY_COMMAND]);
  const run = result.run;
  const verdict = result.passed ? 'passed' : 'failed';
  const lines = [
    `### raftsim run: ${result.scenario.name}, seed ${result.seed}: ${verdict}`,
    '',
    '| seed | outcome | events | virtual time | nodes | trace hash |',
    '| ---: | --- | ---: | ---: | ---: | --- |',
    `| ${result.seed} | ${verdict} (${run.outcome}) | ${run.events} | ${formatMs(run.virtualMs)} | ${run.options.nodeCount} | ${code(run.traceHash)} |`,
    '',
  ];
  const skipped = result.scenario.skipCheckers ?? [];
  if (result.failures.length === 0) {
    lines.push(`All checks held${notChecked(skipped)}.`);
  } else {
    lines.push('| check | at | what happened |', '| --- | ---: | --- |');
    for (const failure of result.failures) lines.push(`| ${cell(failure.checker)} | ${formatMs(failure.atMs)} | ${cell(failure.message)} |`);
    lines.push(...skippedNote(skipped));
  }
  lines.push('', `Replay: ${code(replay)}`);
  return lines;
}

export interface ExploreMarkdownContext {
  readonly implementation: string;
  readonly scenario: string | null;
  readonly statistics: AggregateStatistics | null;
  /** The checks no seed was judged by (--skip-checker, or the scenario's skipCheckers); none when left out. */
  readonly skippedCheckers?: readonly string[];
  /** The command that replays a failing seed. */
  readonly replayOf: (seed: number) => string;
  /** How many seeds were asked for, to name beside those that ran when the exploration stopped early. */
  readonly seedsRequested?: number;
}

/** An exploration cut short never reads as a pass: the seeds that did not run were not checked. */
function stoppedEarlyNote(result: ExploreResult, seedsRequested: number | undefined): string[] {
  if (!result.stoppedEarly) return [];
  const asked = seedsRequested === undefined ? '' : ` of the ${seedsRequested} asked for`;
  return [`**Stopped early:** ${result.seeds} seeds${asked} ran; the others were not checked, so this is not a pass.`, ''];
}

const EXPLORE_MARKDOWN_CONTEXT = optionsOf<ExploreMarkdownContext>('ExploreMarkdownContext', {
  implementation: string(),
  scenario: nullable(string()),
  statistics: nullable(shaped('AggregateStatistics (from aggregateStatistics)', { seeds: integer(0) })),
  skippedCheckers: optional(arrayOf(string())),
  replayOf: func,
  seedsRequested: optional(integer(0)),
});

export function exploreToMarkdown(result: ExploreResult, context: ExploreMarkdownContext): string[] {
  checkArguments('exploreToMarkdown', ['result', result, EXPLORE_RESULT], ['context', context, EXPLORE_MARKDOWN_CONTEXT]);
  const last = result.fromSeed + result.seeds - 1;
  const subject = context.scenario === null ? 'swarm scenarios' : `scenario ${context.scenario}`;
  const lines = [
    `### raftsim explore: seeds ${result.fromSeed}–${last} of ${subject} against ${context.implementation}`,
    '',
    '| seeds | passed | failed | events | virtual time |',
    '| ---: | ---: | ---: | ---: | ---: |',
    `| ${result.seeds} | ${result.passed} | ${result.failed.length} | ${result.totalEvents} | ${(result.totalVirtualMs / 1000).toFixed(0)} s |`,
    '',
    ...stoppedEarlyNote(result, context.seedsRequested),
  ];
  const skipped = context.skippedCheckers ?? [];
  if (result.failed.length === 0) {
    lines.push(`No seed failed a check${notChecked(skipped)}.`);
  } else {
    lines.push('| seed | check | at | what happened | replay |', '| ---: | --- | ---: | --- | --- |');
    for (const failure of result.failed) {
      lines.push(`| ${failure.seed} | ${cell(failure.checker)} | ${formatMs(failure.atMs)} | ${cell(failure.message)} | ${code(context.replayOf(failure.seed))} |`);
    }
    lines.push(...skippedNote(skipped));
  }
  if (context.statistics !== null) lines.push('', ...statisticsToMarkdown(context.statistics));
  return lines;
}

function distributionRow(name: string, values: Distribution): string {
  const number = (value: number | null) => (value === null ? '–' : value.toFixed(1));
  return `| ${name} | ${values.count} | ${number(values.p50)} | ${number(values.p90)} | ${number(values.p99)} | ${number(values.max)} |`;
}

export function statisticsToMarkdown(statistics: AggregateStatistics): string[] {
  const ratio = (value: number | null) => (value === null ? '–' : value.toFixed(2));
  return [
    `#### Statistics over ${statistics.seeds} seeds`,
    '',
    '| measure (ms) | count | p50 | p90 | p99 | max |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    distributionRow('leader failure → new leader', statistics.electionTimeMs),
    distributionRow('window with no leader able to commit', statistics.unavailabilityWindowMs),
    distributionRow('proposal → commit at the leader', statistics.commitLatencyMs),
    '',
    `- leader failures: ${statistics.leaderFailures} (${statistics.unresolvedFailures} without a new leader by the end, ${statistics.leaderRecoveries} ended by the same leader's return)`,
    `- terms per election: ${ratio(statistics.termsPerElection)} (${statistics.electionTerms} terms with candidates, ${statistics.leadersElected} leaders elected)`,
    `- split votes: ${statistics.splitVotes} (elections that failed, split or not: ${statistics.failedElections})`,
    `- messages per committed entry: ${ratio(statistics.messagesPerCommittedEntry)} (${statistics.messagesSent} messages, ${statistics.committedEntries} entries)`,
  ];
}
