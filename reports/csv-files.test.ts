import { describe, expect, it } from 'vitest';
import { createAllCheckers } from '../sim/index.js';
import { differentialRun, explore, pairedDifferences, runElectionTiming, runSplitVotes, seedMeasures, seedMeasuresNamed, seedStatisticsTable, sweep } from '../scenarios/index.js';
import type { SharedRunOptions } from '../scenarios/index.js';
import { differentialToCsv } from './differential-report.js';
import * as reports from './index.js';
import { electionTimingToCsv, electionTimingToJson } from './election-timing-report.js';
import { seedStatisticsToCsv } from './seed-statistics-report.js';
import { splitVotesToCsv } from './split-votes-report.js';
import { sweepToCsv } from './sweep-report.js';

/** diff's CSV of two seeds, PreVote off against on. */
function differentialCsv(): string {
  const shared: SharedRunOptions = { fromSeed: 1, seeds: 2, nodeCount: 3, durationMs: 1000, faults: 'swarm', scenario: null, policies: {} };
  const seeds = differentialRun({ shared, a: { label: 'a', policies: { preVote: false } }, b: { label: 'b', policies: { preVote: true } } });
  const bootstrap = { resamples: 50, seed: 1, level: 0.95 };
  const provenance = { command: 'raftsim diff', version: '0', fromSeed: 1, seeds: 2, scenario: null, a: 'a', b: 'b', resamples: bootstrap.resamples, level: bootstrap.level };
  return differentialToCsv({ provenance, seeds, measures: seeds.map(seedMeasures), differences: pairedDifferences(seeds, bootstrap) });
}

/** experiment sweep's CSV of two settings on two seeds. */
function sweepCsv(): string {
  const shared: SharedRunOptions = { fromSeed: 1, seeds: 2, nodeCount: 3, durationMs: 1000, faults: 'swarm', scenario: null, policies: {} };
  const parameters = [{ name: 'preVote', values: [false, true].map((preVote) => ({ label: String(preVote), policies: { preVote }, network: {} })) }];
  const result = sweep({ shared, parameters, measures: seedMeasuresNamed(['electionTimeMs', 'messagesSent']), bootstrap: { resamples: 50, seed: 1, level: 0.95 } });
  const provenance = { command: 'raftsim experiment sweep', version: '0', fromSeed: 1, seeds: 2, scenario: null, implementation: 'reference', resamples: 50, level: 0.95 };
  return sweepToCsv({ provenance, result });
}

/** Every CSV raftsim writes, from a small run of each: the experiment's table, explore's --stats and diff's table. */
function everyCsv(): Record<string, string> {
  const timing = runElectionTiming({ ranges: [{ minMs: 150, maxMs: 200 }], trials: 3, capMs: 3000, checkers: createAllCheckers });
  const explored = explore({ scenario: null, seeds: 2, nodeCount: 3, durationMs: 500, determinismEvery: 0, statistics: true });
  return {
    electionTimingToCsv: electionTimingToCsv(timing),
    seedStatisticsToCsv: seedStatisticsToCsv(seedStatisticsTable(explored.statistics!)),
    differentialToCsv: differentialCsv(),
    sweepToCsv: sweepCsv(),
    splitVotesToCsv: splitVotesToCsv(runSplitVotes({ failures: [1], latencies: [{ minMs: 10, maxMs: 10 }, { minMs: 10, maxMs: 20 }], trials: 2, tickMs: 1 }), {
      command: 'raftsim experiment split-votes',
      version: '0',
      seed: 1,
    }),
  };
}

/** The table's lines: `#` lines above it are comments, as CSV readers take them. */
function parse(csv: string): string[][] {
  return csv
    .trimEnd()
    .split('\n')
    .filter((line) => !line.startsWith('#'))
    .map((line) => line.split(','));
}

describe('the CSV files', () => {
  const files = everyCsv();

  it('are all covered here: a new CSV writer must be added to this test', () => {
    const writers = Object.keys(reports).filter((name) => /Csv$/.test(name));
    expect(writers.sort()).toEqual(Object.keys(files).sort());
  });

  it('have a header in which every column name is unique, and rows as wide as it', () => {
    for (const [writer, csv] of Object.entries(files)) {
      const [header, ...rows] = parse(csv);
      expect(new Set(header).size, `${writer}: ${header!.join(',')}`).toBe(header!.length);
      for (const row of rows) expect(row, writer).toHaveLength(header!.length);
    }
  });

  it('the experiment’s columns are the JSON’s fields of a range, by the same names', () => {
    const timing = runElectionTiming({ ranges: [{ minMs: 150, maxMs: 200 }], trials: 2, capMs: 3000, checkers: createAllCheckers });
    const [header, row] = parse(electionTimingToCsv(timing));
    const range = electionTimingToJson(timing).ranges[0]!;
    expect(header).toEqual(Object.keys(range));
    expect(row!.slice(0, 4)).toEqual(['150-200', '150', '200', '75']);
  });

  it('the statistics CSV keeps each column to one meaning: summary rows fill no seed’s own cells', () => {
    const [header, ...rows] = parse(files.seedStatisticsToCsv!);
    const column = (name: string) => header!.indexOf(name);
    const seedRows = rows.filter((row) => row[column('summary')] === '');
    const summaryRows = rows.filter((row) => row[column('summary')] !== '');
    expect(seedRows.map((row) => row[column('seed')])).toEqual(['1', '2']);
    for (const row of seedRows) expect(['true', 'false']).toContain(row[column('passed')]);
    expect(summaryRows.map((row) => row[column('summary')])).toEqual(['p50', 'p90', 'p99', 'max']);
    for (const row of summaryRows) {
      expect(row[column('seed')]).toBe('');
      expect(row[column('passed')]).toBe('');
    }
  });
});
