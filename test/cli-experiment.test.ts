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
  const args = ['experiment', 'election-timing', '--trials', '12', '--ranges', '150-150,150-200,150-300', '--cap', '2s'];

  it('prints the same JSON for the same seed, with the paper’s statistics per range', () => {
    const first = raftsim([...args, '--json']);
    expect(first.status).toBe(0);
    expect(raftsim([...args, '--json']).stdout).toBe(first.stdout);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ experiment: 'election-timing', nodes: 5, trialsPerRange: 12, capMs: 2000, violations: [] });
    const [none, fifty, wide] = report.ranges;
    for (const range of report.ranges) {
      for (const field of ['range', 'trials', 'medianMs', 'p99Ms', 'maxMs', 'meanMs', 'splitVoteRate']) expect(range).toHaveProperty(field);
    }
    expect(fifty).toMatchObject({ range: '150-200', trials: 12, capped: 0 });
    expect(fifty.medianMs).toBeGreaterThan(150 / 2);
    expect(fifty.medianMs).toBeLessThan(600);
    expect(none.splitVoteRate).toBeGreaterThan(wide.splitVoteRate);
    expect(none.capped).toBeGreaterThan(0);
  });

  it('prints CSV by default, writes --csv and --html files, and a table when the CSV goes to a file', () => {
    const csv = raftsim(args);
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trim().split('\n').filter((line) => !line.startsWith('#'));
    expect(lines[0]).toBe('range,minTimeoutMs,maxTimeoutMs,heartbeatMs,trials,capped,medianMs,p90Ms,p99Ms,maxMs,meanMs,splitVoteRate,meanElectionTerms');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^150-150,150,150,75,12,\d+,/);
    const csvFile = join(workspace, 'timing.csv');
    const htmlFile = join(workspace, 'timing.html');
    const table = raftsim([...args, '--csv', csvFile, '--html', htmlFile]);
    expect(table.status).toBe(0);
    // The same table below a command line that names the files.
    const withoutCommand = (text: string) => text.split('\n').slice(1).join('\n');
    expect(withoutCommand(readFileSync(csvFile, 'utf8'))).toBe(withoutCommand(csv.stdout));
    expect(table.stdout).toMatch(/^150-200\s+12\s+0\s+\d/m);
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

  it('refuses bad values of --tick, --until, --logs and --disk-latency, naming the flag', () => {
    for (const tick of ['0', '0.0001']) expectUsageError(['experiment', 'election-timing', '--tick', tick], '--tick');
    expectUsageError(['experiment', 'election-timing', '--until', 'vote'], '--until');
    expectUsageError(['experiment', 'election-timing', '--logs', 'longer'], '--logs');
    expectUsageError(['experiment', 'election-timing', '--disk-latency', '10-5'], '--disk-latency');
    expectUsageError(['experiment', 'election-timing', '--disk-latency', 'slow'], '--disk-latency');
  });

  it('takes the paper’s conditions as flags, and records them with the command, the version and the seed', () => {
    const conditions = ['--tick', '0.5', '--until', 'leader', '--logs', 'equal', '--disk-latency', '1-2', '--latency', '2-4'];
    const run = raftsim(['experiment', 'election-timing', '--trials', '4', '--ranges', '150-200', ...conditions, '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ tickMs: 0.5, until: 'leader', logs: 'equal', diskLatencyMs: [1, 2], latencyMs: [2, 4], seed: 1, raftsimVersion: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(report.command).toBe(`raftsim experiment election-timing --trials 4 --ranges 150-200 ${conditions.join(' ')} --json`);
  });

  it('writes its command, version and seed above the CSV and in the HTML page; the recorded command gives the same output again', () => {
    const first = raftsim(['experiment', 'election-timing', '--trials', '3', '--ranges', '150-175,25-50', '--seed', '4']);
    expect(first.status).toBe(0);
    const [command, version] = first.stdout.split('\n');
    expect(command).toBe('# command: raftsim experiment election-timing --trials 3 --ranges 150-175,25-50 --seed 4');
    expect(version).toMatch(/^# raftsim \d+\.\d+\.\d+\S* · seed 4 /);
    const again = raftsim(command!.replace('# command: raftsim ', '').split(' '));
    expect(again.stdout).toBe(first.stdout);
    const htmlFile = join(workspace, 'again.html');
    expect(raftsim(['experiment', 'election-timing', '--trials', '2', '--ranges', '150-175', '--html', htmlFile]).status).toBe(0);
    expect(readFileSync(htmlFile, 'utf8')).toContain(`<code>command: raftsim experiment election-timing --trials 2 --ranges 150-175 --html ${htmlFile}</code>`);
  });
});
