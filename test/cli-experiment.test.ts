import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raftsim } from './cli-process.js';

function expectUsageError(args: string[], mentions: string): void {
  const result = raftsim(args);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^raftsim: /);
  expect(lines[0]).toContain(mentions);
}

describe('raftsim experiment election-timing', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'raftsim-experiment-'));
  const args = ['experiment', 'election-timing', '--trials', '30', '--ranges', '150-150,150-200,150-300', '--cap', '3s'];

  it('prints the same JSON for the same seed, with the paper’s statistics per range', () => {
    const first = raftsim([...args, '--json']);
    expect(first.status).toBe(0);
    expect(raftsim([...args, '--json']).stdout).toBe(first.stdout);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ experiment: 'election-timing', nodes: 5, trialsPerRange: 30, capMs: 3000, violations: [] });
    const [none, fifty, wide] = report.ranges;
    for (const range of report.ranges) {
      for (const field of ['range', 'trials', 'medianMs', 'p99Ms', 'maxMs', 'meanMs', 'splitVoteRate']) expect(range).toHaveProperty(field);
    }
    expect(fifty).toMatchObject({ range: '150-200', trials: 30, capped: 0 });
    expect(fifty.medianMs).toBeGreaterThan(150 / 2);
    expect(fifty.medianMs).toBeLessThan(600);
    expect(none.splitVoteRate).toBeGreaterThan(wide.splitVoteRate);
    expect(none.capped).toBeGreaterThan(0);
  });

  it('prints CSV by default, writes --csv and --html files, and a table when the CSV goes to a file', () => {
    const csv = raftsim(args);
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('range,minTimeoutMs,maxTimeoutMs,heartbeatMs,trials,capped,medianMs,p90Ms,p99Ms,maxMs,meanMs,splitVoteRate,meanElectionTerms');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^150-150,150,150,75,30,\d+,/);
    const csvFile = join(workspace, 'timing.csv');
    const htmlFile = join(workspace, 'timing.html');
    const table = raftsim([...args, '--csv', csvFile, '--html', htmlFile]);
    expect(table.status).toBe(0);
    expect(readFileSync(csvFile, 'utf8')).toBe(csv.stdout);
    expect(table.stdout).toMatch(/^150-200\s+30\s+0\s+\d/m);
    const html = readFileSync(htmlFile, 'utf8');
    expect(html).toMatch(/<svg[^>]*>/);
    expect(html.match(/<polyline /g)!.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain('150-300 ms');
  });

  it('refuses bad ranges and other bad values with one line and exit 2', () => {
    expectUsageError(['experiment', 'election-timing', '--ranges', '150-abc'], '--ranges');
    expectUsageError(['experiment', 'election-timing', '--ranges', '300-150'], '--ranges');
    expectUsageError(['experiment', 'election-timing', '--ranges', ''], '--ranges');
    expectUsageError(['experiment', 'election-timing', '--ranges', '1-2'], 'two ticks');
    expectUsageError(['experiment', 'election-timing', '--trials', '0'], '--trials');
    expectUsageError(['experiment', 'election-timing', '--latency', 'fast'], '--latency');
    expectUsageError(['experiment', 'election-timing', '--nodes', '2'], '--nodes');
    expectUsageError(['experiment', 'nope'], 'nope');
  });
});
