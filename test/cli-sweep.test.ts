import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RAFTSIM_VERSION } from '../formats/index.js';
import { raftsim } from './cli-process.js';
import { expectUsageError } from './usage-error.js';

const BUDGET = ['--seeds', '3', '--from', '4', '--nodes', '3', '--duration', '2s', '--resamples', '200'];
const GRID = ['--param', 'latency=1ms,25ms', '--param', 'preVote=false,true'];

interface SweepJson {
  readonly command: string;
  readonly version: string;
  readonly fromSeed: number;
  readonly seeds: number;
  readonly parameters: readonly string[];
  readonly measures: readonly string[];
  readonly points: readonly { settings: Record<string, string>; summaries: Record<string, { count: number; mean: number | null; low: number | null; high: number | null }>; seedResults: readonly { seed: number }[] }[];
  readonly failures: readonly string[];
}

function sweepJson(args: readonly string[]): { status: number | null; stdout: string; report: SweepJson } {
  const result = raftsim(['experiment', 'sweep', ...args, '--json']);
  expect(result.stderr).toBe('');
  return { status: result.status, stdout: result.stdout, report: JSON.parse(result.stdout) as SweepJson };
}

describe('raftsim experiment sweep', () => {
  it('runs every setting on the same seeds and prints the same JSON twice, with its command, version and seeds', () => {
    const first = sweepJson([...BUDGET, ...GRID]);
    expect(first.status).toBe(0);
    expect(sweepJson([...BUDGET, ...GRID]).stdout).toBe(first.stdout);
    expect(first.report).toMatchObject({ command: `raftsim experiment sweep ${[...BUDGET, ...GRID, '--json'].join(' ')}`, version: RAFTSIM_VERSION, fromSeed: 4, seeds: 3, parameters: ['latency', 'preVote'] });
    expect(first.report.measures).toEqual(['electionTimeMs', 'unavailableMs', 'splitVotes', 'commitLatencyMs', 'messagesPerEntry']);
    expect(first.report.points.map((point) => `${point.settings['latency']} ${point.settings['preVote']}`)).toEqual(['1ms false', '1ms true', '25ms false', '25ms true']);
    for (const point of first.report.points) expect(point.seedResults.map((run) => run.seed)).toEqual([4, 5, 6]);
    // The latency is laid over each seed's drawn network: commits take longer at 25 ms than at 1 ms.
    const commit = (index: number) => first.report.points[index]!.summaries['commitLatencyMs']!.mean!;
    expect(commit(2)).toBeGreaterThan(commit(0));
    expect(commit(3)).toBeGreaterThan(commit(1));
  });

  it('writes CSV and HTML whose recorded command, run again, writes the same bytes', () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-sweep-'));
    const csv = join(folder, 'sweep.csv');
    const html = join(folder, 'sweep.html');
    const args = ['experiment', 'sweep', ...BUDGET, '--param', 'heartbeat=30ms,60ms', '--measure', 'messagesSent,elections', '--csv', csv, '--html', html];
    const result = raftsim(args);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^heartbeat +messagesSent +elections$/m);
    const first = readFileSync(csv, 'utf8');
    const page = readFileSync(html, 'utf8');
    expect(page.match(/<g class="panel">/g)).toHaveLength(2);
    expect(page.match(/<circle /g)).toHaveLength(4);
    const recorded = first.split('\n')[0]!.replace(/^# command: /, '');
    expect(recorded).toBe(`raftsim ${args.join(' ')}`);
    // More heartbeats, more messages, on the very same seeds.
    const rows = first.split('\n').filter((line) => /^\d+ms,/.test(line)).map((line) => line.split(','));
    const sent = (heartbeat: string) => rows.filter((row) => row[0] === heartbeat).reduce((sum, row) => sum + Number(row[2]), 0);
    expect(sent('30ms')).toBeGreaterThan(sent('60ms'));
    expect(raftsim(recorded.split(' ').slice(1)).status).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe(first);
    expect(readFileSync(html, 'utf8')).toBe(page);
  });

  it('exits 1 naming the setting, seed and check when a known bug fails', () => {
    const result = raftsim(['experiment', 'sweep', '--seeds', '1', '--duration', '2s', '--param', 'preVote=false', '--bug', 'double-vote']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('· double-vote ·');
    expect(result.stderr).toContain('✗ preVote=false, seed 1: election-safety');
  });

  it('refuses bad flags with one line and exit 2', () => {
    expectUsageError(['experiment', 'sweep'], '--param is required');
    expectUsageError(['experiment', 'sweep', '--param', 'latency'], '--param must be NAME=VALUE');
    expectUsageError(['experiment', 'sweep', '--param', 'nonsense=1,2'], '--param "nonsense" is neither a network setting nor a policy');
    expectUsageError(['experiment', 'sweep', '--param', 'latency=fast'], '--param latency=fast must be a duration');
    expectUsageError(['experiment', 'sweep', '--param', 'latency=5ms-1ms'], 'low ≤ high');
    expectUsageError(['experiment', 'sweep', '--param', 'loss=1.5'], 'is not a probability');
    expectUsageError(['experiment', 'sweep', '--param', 'preVote=maybe'], '--param preVote must be');
    expectUsageError(['experiment', 'sweep', '--param', 'latency=1ms,,2ms'], 'every value must be non-empty');
    expectUsageError(['experiment', 'sweep', '--param', 'latency=1ms,1ms'], 'is given twice');
    expectUsageError(['experiment', 'sweep', '--param', 'latency=1ms', '--param', 'latency=2ms'], '--param latency is given twice');
    expectUsageError(['experiment', 'sweep', '--param', 'latency=300ms'], "--param latency=300ms: Raft's timing requirement");
    expectUsageError(['experiment', 'sweep', '--param', 'latency=1ms', '--measure', 'speed'], '--measure "speed" is not a measure');
    expectUsageError(['experiment', 'sweep', '--param', 'latency=1ms', '--seeds', '0'], '--seeds');
    expectUsageError(['experiment', 'sweep', '--param', 'latency=1ms', '--csv', '-', '--json'], 'would both go to standard output');
    expectUsageError(['experiment', 'sweep', '--param', 'checkQuorum=false', '--policy', 'leaseReads=true'], '--param checkQuorum=false:');
  });
});
