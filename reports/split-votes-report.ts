/**
 * The split-vote experiment as CSV, JSON and a text table: per case the measured rate beside the
 * dissertation's model and the rate it states in words. A value that does not apply (no formula for
 * variable latency, no published figure) is empty in CSV, null in JSON and "–" in the table.
 */
import type { SplitVotesCase, SplitVotesResult } from '../scenarios/index.js';
import type { ExperimentProvenance } from './experiment-provenance.js';
import { provenanceFields, withProvenanceComments } from './experiment-provenance.js';
import { alignColumns } from './text-table.js';

/** The CSV's columns: the JSON's fields of a case, by the same names (docs/stats.md describes each). */
export const SPLIT_VOTES_COLUMNS = [
  'nodes',
  'failures',
  'available',
  'latencyMs',
  'latencyFraction',
  'trials',
  'capped',
  'splitVoteRate',
  'predictedSplitVoteRate',
  'publishedSplitVoteRate',
  'meanElectionTerms',
  'predictedElectionTerms',
  'meanMs',
  'predictedMeanMs',
] as const;

export type SplitVotesCaseJson = Record<(typeof SPLIT_VOTES_COLUMNS)[number], string | number | null> & { readonly published: string | null };

export interface SplitVotesJson {
  readonly experiment: 'split-votes';
  readonly command?: string;
  readonly raftsimVersion?: string;
  readonly seed: number;
  readonly nodes: number;
  readonly timeoutRangeMs: readonly [number, number];
  readonly tickMs: number;
  readonly trialsPerCase: number;
  readonly cases: readonly SplitVotesCaseJson[];
  readonly violations: SplitVotesResult['violations'];
  readonly events: number;
}

function round(value: number | null, digits: number): number | null {
  return value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits;
}

function caseJson(outcome: SplitVotesCase): SplitVotesCaseJson {
  const [low, high] = outcome.latencyFraction;
  return {
    nodes: outcome.nodeCount,
    failures: outcome.failures,
    available: outcome.available,
    latencyMs: outcome.latencyLabel,
    latencyFraction: low === high ? String(round(low, 4)) : `${round(low, 4)}-${round(high, 4)}`,
    trials: outcome.trials,
    capped: outcome.capped,
    splitVoteRate: round(outcome.splitVoteRate, 4),
    predictedSplitVoteRate: round(outcome.predictedSplitVoteRate, 4),
    publishedSplitVoteRate: outcome.published?.rate ?? null,
    meanElectionTerms: round(outcome.meanElectionTerms, 3),
    predictedElectionTerms: round(outcome.predictedElectionTerms, 3),
    meanMs: round(outcome.meanMs, 3),
    predictedMeanMs: round(outcome.predictedMeanMs, 3),
    published: outcome.published?.says ?? null,
  };
}

export function splitVotesToJson(result: SplitVotesResult, provenance: ExperimentProvenance | null = null): SplitVotesJson {
  const options = result.options;
  return {
    experiment: 'split-votes',
    ...provenanceFields(provenance),
    seed: options.seed,
    nodes: options.nodeCount,
    timeoutRangeMs: [options.range.minMs, options.range.maxMs],
    tickMs: options.tickMs,
    trialsPerCase: options.trials,
    cases: result.cases.map(caseJson),
    violations: result.violations,
    events: result.events,
  };
}

function csvCell(value: string | number | null): string {
  return value === null ? '' : String(value);
}

export function splitVotesToCsv(result: SplitVotesResult, provenance: ExperimentProvenance | null = null): string {
  const cases = splitVotesToJson(result).cases;
  return withProvenanceComments(provenance, [SPLIT_VOTES_COLUMNS.join(','), ...cases.map((row) => SPLIT_VOTES_COLUMNS.map((column) => csvCell(row[column])).join(','))]);
}

function percent(value: string | number | null): string {
  return typeof value === 'number' ? `${(value * 100).toFixed(1)}%` : '–';
}

function fixed(value: string | number | null, digits: number): string {
  return typeof value === 'number' ? value.toFixed(digits) : '–';
}

/** An aligned table for a terminal, the dissertation's words below it. */
export function renderSplitVotesTable(result: SplitVotesResult): string[] {
  const json = splitVotesToJson(result);
  const header = ['nodes', 'down', 'latency ms', 'l', 'trials', 'split', 'model', 'dissertation', 'terms', 'model', 'mean ms', 'model'];
  const rows = json.cases.map((row) => [
    String(row.nodes),
    String(row.failures),
    String(row.latencyMs),
    String(row.latencyFraction),
    String(row.trials),
    percent(row.splitVoteRate),
    percent(row.predictedSplitVoteRate),
    percent(row.publishedSplitVoteRate),
    fixed(row.meanElectionTerms, 3),
    fixed(row.predictedElectionTerms, 3),
    fixed(row.meanMs, 1),
    fixed(row.predictedMeanMs, 1),
  ]);
  const quoted = json.cases.filter((row) => row.published !== null).map((row) => `  ${row.nodes} nodes, ${row.failures} down, latency ${row.latencyMs} ms: ${row.published}`);
  return [
    `split votes: timeouts ${json.timeoutRangeMs[0]}–${json.timeoutRangeMs[1]} ms, tick ${json.tickMs} ms, ${json.trialsPerCase} trials per case, seed ${json.seed}; l is the latency over the range's width`,
    ...alignColumns([header, ...rows], 0),
    ...(quoted.length > 0 ? ['the dissertation:', ...quoted] : []),
  ];
}
