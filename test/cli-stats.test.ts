import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED_STATISTICS_TABLE_COLUMNS } from '../scenarios/index.js';
import { raftsim } from './cli-process.js';

const workspace = mkdtempSync(join(tmpdir(), 'raftsim-stats-'));

describe('raftsim explore --stats', () => {
  it('writes a row per seed and p50/p90/p99/max rows to a .csv file, the same on every run', () => {
    const file = join(workspace, 'stats.csv');
    const result = raftsim(['explore', '--scenario', 'leader-crash', '--seeds', '3', '--stats', file]);
    expect(result.status).toBe(0);
    const text = readFileSync(file, 'utf8');
    const rows = text.trim().split('\n').map((line) => line.split(','));
    expect(rows[0]).toEqual(SEED_STATISTICS_TABLE_COLUMNS);
    const column = (name: string) => SEED_STATISTICS_TABLE_COLUMNS.indexOf(name);
    // Each column means one thing in every row: the label of a summary row has a column of its own,
    // and a seed's own columns stay empty in the summary rows.
    expect(rows.map((row) => row[column('summary')])).toEqual(['summary', '', '', '', 'p50', 'p90', 'p99', 'max']);
    expect(rows.map((row) => row[column('seed')])).toEqual(['seed', '1', '2', '3', '', '', '', '']);
    expect(rows.map((row) => row[column('passed')])).toEqual(['passed', 'true', 'true', 'true', '', '', '', '']);
    expect(rows.slice(4).map((row) => row[column('leaderFailures')])).toEqual(['1', '1', '1', '1']);
    for (const row of rows.slice(1, 4)) {
      // The scenario crashes its leader once; the cluster elects another within its bound.
      expect(row[column('leaderFailures')]).toBe('1');
      expect(Number(row[column('electionTimeMaxMs')])).toBeGreaterThan(50);
      expect(Number(row[column('electionTimeMaxMs')])).toBeLessThan(1500);
    }
    raftsim(['explore', '--scenario', 'leader-crash', '--seeds', '3', '--stats', file]);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('gives each seed its protocol coverage and how the coverage of the seeds so far grows, in CSV and JSON alike', () => {
    const csvFile = join(workspace, 'coverage.csv');
    const jsonFile = join(workspace, 'coverage.json');
    expect(raftsim(['explore', '--seeds', '12', '--duration', '3s', '--stats', csvFile]).status).toBe(0);
    expect(raftsim(['explore', '--seeds', '12', '--duration', '3s', '--stats', jsonFile]).status).toBe(0);
    const rows = readFileSync(csvFile, 'utf8').trim().split('\n').map((line) => line.split(','));
    const column = (name: string) => SEED_STATISTICS_TABLE_COLUMNS.indexOf(name);
    const seeds = rows.slice(1, 13);
    const report = JSON.parse(readFileSync(jsonFile, 'utf8')) as { aggregate: { coverage: string[] }; seeds: { seed: number; coverage: string[]; coverageSoFar: number; newCoverage: number }[] };
    const union = new Set<string>();
    seeds.forEach((row, index) => {
      const features = report.seeds[index]!.coverage;
      const before = union.size;
      for (const feature of features) union.add(feature);
      expect(Number(row[column('coverageFeatures')])).toBe(features.length);
      expect(Number(row[column('newCoverage')])).toBe(union.size - before);
      expect(Number(row[column('coverageSoFar')])).toBe(union.size);
      expect(report.seeds[index]!.coverageSoFar).toBe(union.size);
    });
    // Every run elects a leader and sends AppendEntries; the swarm's faults add more as seeds go by.
    expect(report.seeds[0]!.coverage).toEqual(expect.arrayContaining(['role:candidate>leader', 'message:AppendEntriesRequest:delivered']));
    expect(union.size).toBeGreaterThan(report.seeds[0]!.coverage.length);
    expect(report.aggregate.coverage).toEqual([...union].sort());
    // A running total has no percentile: the summary rows leave it empty.
    for (const row of rows.slice(13)) expect([row[column('newCoverage')], row[column('coverageSoFar')]]).toEqual(['', '']);
  });

  it('writes JSON with the aggregate for a .json file, counting split votes where the vote splits', () => {
    const file = join(workspace, 'stats.json');
    expect(raftsim(['explore', '--scenario', 'split-vote', '--seeds', '2', '--stats', file]).status).toBe(0);
    const report = JSON.parse(readFileSync(file, 'utf8'));
    expect(report.seeds).toHaveLength(2);
    expect(report.aggregate.splitVotes).toBeGreaterThanOrEqual(1);
    expect(report.aggregate.electionTimeMs.count).toBeGreaterThanOrEqual(1);
    expect(Object.keys(report.aggregate.electionTimeMs)).toEqual(['count', 'p50', 'p90', 'p99', 'max']);
  });

  it('refuses a file that is neither .csv, .json nor .html before running anything', () => {
    const result = raftsim(['explore', '--seeds', '3', '--stats', join(workspace, 'stats.txt')]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^raftsim: --stats .*stats\.txt: name a \.csv, \.json or \.html file/);
  });
});

describe('--markdown', () => {
  it('run prints a table of the run and each violation with the replay command', () => {
    const result = raftsim(['run', '--seed', '1', '--nodes', '5', '--bug', 'double-vote', '--markdown']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^### raftsim run: swarm-1, seed 1: failed/);
    expect(result.stdout).toMatch(/^\| 1 \| failed \(violation\) \| \d+ \| [\d.]+m?s \| 5 \| `[0-9a-f]{16}` \|$/m);
    expect(result.stdout).toMatch(/^\| election-safety \| [\d.]+m?s \| nodes \d and \d both became leader of term \d+ \|$/m);
    expect(result.stdout).toContain('Replay: `npx raftsim run --seed 1 --nodes 5 --duration 10s --bug double-vote`');
    expect(raftsim(['run', '--seed', '4', '--faults', 'none', '--duration', '1s', '--markdown']).stdout).toContain('All checks held.');
  });

  it('explore prints the seeds, each failure with its checker and replay command, and the statistics when gathered', () => {
    const result = raftsim(['explore', '--seeds', '3', '--nodes', '5', '--bug', 'double-vote', '--markdown', '--stats', join(workspace, 'bug.csv')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/^\| 3 \| 0 \| 3 \| \d+ \| \d+ s \|$/m);
    for (const seed of [1, 2, 3]) {
      expect(result.stdout).toMatch(new RegExp(`^\\| ${seed} \\| election-safety \\| .* \\| \`npx raftsim run --seed ${seed} --nodes 5 --duration 10s --bug double-vote\` \\|$`, 'm'));
    }
    expect(result.stdout).toMatch(/#### Statistics over 3 seeds/);
    expect(result.stdout).toMatch(/^\| proposal → commit at the leader \| \d+ \|/m);
  });

  it('cannot be combined with --json', () => {
    const result = raftsim(['run', '--markdown', '--json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^raftsim: --json and --markdown/);
  });
});
