/**
 * The election-timing experiment as CSV, JSON and a text table. A statistic that falls on a trial
 * still without a leader at the cap is known only to exceed the cap: CSV and text write it as
 * ">30000", JSON as null beside the count of capped trials.
 */
import type { ElectionTimingResult, RangeOutcome } from '../scenarios/index.js';
import { rangeLabel } from '../scenarios/index.js';
import type { ExperimentProvenance } from './experiment-provenance.js';
import { provenanceFields, withProvenanceComments } from './experiment-provenance.js';
import { alignColumns } from './text-table.js';

/** The CSV's columns: the JSON's fields of a range, by the same names (docs/stats.md describes each). */
export const ELECTION_TIMING_COLUMNS = [
  'range',
  'minTimeoutMs',
  'maxTimeoutMs',
  'heartbeatMs',
  'trials',
  'capped',
  'medianMs',
  'p90Ms',
  'p99Ms',
  'maxMs',
  'meanMs',
  'splitVoteRate',
  'meanElectionTerms',
] as const;

export interface ElectionTimingRangeJson {
  readonly range: string;
  readonly minTimeoutMs: number;
  readonly maxTimeoutMs: number;
  readonly heartbeatMs: number;
  readonly trials: number;
  readonly capped: number;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
  readonly meanMs: number | null;
  readonly splitVoteRate: number;
  readonly meanElectionTerms: number;
}

export interface ElectionTimingJson {
  readonly experiment: 'election-timing';
  /** The command line that wrote this, and the raftsim version: absent when not run from the command line. */
  readonly command?: string;
  readonly raftsimVersion?: string;
  readonly seed: number;
  readonly nodes: number;
  readonly latencyMs: readonly [number, number];
  readonly diskLatencyMs: readonly [number, number];
  readonly tickMs: number;
  readonly until: 'leader' | 'heartbeat-received';
  readonly logs: 'equal' | 'unequal';
  readonly capMs: number;
  readonly trialsPerRange: number;
  readonly ranges: readonly ElectionTimingRangeJson[];
  /** Trials in which a safety checker complained; there should be none. */
  readonly violations: readonly { readonly range: string; readonly seed: number; readonly message: string }[];
  readonly events: number;
  readonly virtualMs: number;
}

/** Milliseconds to the microsecond, the simulator's resolution, so the numbers print the same everywhere. */
function roundMs(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms * 1000) / 1000;
}

function rangeJson(outcome: RangeOutcome): ElectionTimingRangeJson {
  const summary = outcome.summary;
  return {
    range: rangeLabel(outcome.range),
    minTimeoutMs: outcome.range.minMs,
    maxTimeoutMs: outcome.range.maxMs,
    heartbeatMs: outcome.heartbeatMs,
    trials: summary.trials,
    capped: summary.capped,
    medianMs: roundMs(summary.medianMs),
    p90Ms: roundMs(summary.p90Ms),
    p99Ms: roundMs(summary.p99Ms),
    maxMs: roundMs(summary.maxMs),
    meanMs: roundMs(summary.meanMs),
    splitVoteRate: Math.round(summary.splitVoteRate * 10_000) / 10_000,
    meanElectionTerms: Math.round(summary.meanElectionTerms * 1000) / 1000,
  };
}

export function electionTimingToJson(result: ElectionTimingResult, provenance: ExperimentProvenance | null = null): ElectionTimingJson {
  const options = result.options;
  return {
    experiment: 'election-timing',
    ...provenanceFields(provenance),
    seed: options.seed,
    nodes: options.nodeCount,
    latencyMs: [options.latencyMinMs, options.latencyMaxMs],
    diskLatencyMs: [options.diskLatencyMinMs, options.diskLatencyMaxMs],
    tickMs: options.tickMs,
    until: options.until,
    logs: options.logs,
    capMs: options.capMs,
    trialsPerRange: options.trials,
    ranges: result.ranges.map(rangeJson),
    violations: result.ranges.flatMap((outcome) =>
      outcome.trials.filter((trial) => trial.violation !== null).map((trial) => ({ range: rangeLabel(outcome.range), seed: trial.seed, message: trial.violation! })),
    ),
    events: result.events,
    virtualMs: roundMs(result.virtualMs)!,
  };
}

/** A cell: the number, or ">cap" where the statistic lies beyond the cap. */
function cell(value: number | null, capMs: number, digits: number): string {
  return value === null ? `>${capMs}` : value.toFixed(digits);
}

function rangeCells(range: ElectionTimingRangeJson, capMs: number): string[] {
  return [
    range.range,
    String(range.minTimeoutMs),
    String(range.maxTimeoutMs),
    String(range.heartbeatMs),
    String(range.trials),
    String(range.capped),
    cell(range.medianMs, capMs, 1),
    cell(range.p90Ms, capMs, 1),
    cell(range.p99Ms, capMs, 1),
    cell(range.maxMs, capMs, 1),
    cell(range.meanMs, capMs, 1),
    range.splitVoteRate.toFixed(3),
    range.meanElectionTerms.toFixed(2),
  ];
}

/** The table, below the provenance in `#` lines when there is one. */
export function electionTimingToCsv(result: ElectionTimingResult, provenance: ExperimentProvenance | null = null): string {
  const json = electionTimingToJson(result);
  return withProvenanceComments(provenance, [ELECTION_TIMING_COLUMNS.join(','), ...json.ranges.map((range) => rangeCells(range, json.capMs).join(','))]);
}

const END_POINT_TEXT = { leader: 'a new leader', 'heartbeat-received': "the others' receipt of the new leader's first heartbeat" } as const;

/** An aligned table for a terminal. */
export function renderElectionTimingTable(result: ElectionTimingResult): string[] {
  const json = electionTimingToJson(result);
  const header = ['range (ms)', 'trials', 'capped', 'median', 'p90', 'p99', 'max', 'mean', 'split votes'];
  const rows = json.ranges.map((range) => {
    const cells = rangeCells(range, json.capMs);
    return [cells[0]!, cells[4]!, cells[5]!, cells[6]!, cells[7]!, cells[8]!, cells[9]!, cells[10]!, `${(range.splitVoteRate * 100).toFixed(1)}%`];
  });
  return [
    `election timing: ${json.nodes} nodes, one-way latency ${json.latencyMs[0]}–${json.latencyMs[1]} ms, disk ${json.diskLatencyMs[0]}–${json.diskLatencyMs[1]} ms, tick ${json.tickMs} ms, ${json.logs} logs, ${json.trialsPerRange} trials per range, seed ${json.seed}; times in ms from the leader's crash to ${END_POINT_TEXT[json.until]}`,
    ...alignColumns([header, ...rows], 1),
  ];
}
