import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RAFTSIM_VERSION } from '../formats/index.js';
import { raftsim, startRaftsim } from './cli-process.js';
import { expectUsageError } from './usage-error.js';

const BUDGET = ['--seeds', '4', '--from', '3', '--nodes', '3', '--duration', '2s', '--resamples', '300'];
const PREVOTE = ['--a', 'preVote=false', '--b', 'preVote=true'];

interface DiffJson {
  readonly command: string;
  readonly version: string;
  readonly fromSeed: number;
  readonly seeds: number;
  readonly differences: readonly { measure: string; meanA: number | null; meanB: number | null; difference: { count: number; mean: number | null; low: number | null; high: number | null } }[];
  readonly seedResults: readonly { seed: number; divergence: { event: number; a: string; b: string } | null }[];
  readonly failures: readonly string[];
}

function diffJson(args: readonly string[]): { status: number | null; stdout: string; report: DiffJson } {
  const result = raftsim(['diff', ...args, '--json']);
  expect(result.stderr).toBe('');
  return { status: result.status, stdout: result.stdout, report: JSON.parse(result.stdout) as DiffJson };
}

describe('raftsim diff', () => {
  it('prints the same JSON twice, with its command line, version and seeds', () => {
    const first = diffJson([...BUDGET, ...PREVOTE]);
    expect(first.status).toBe(0);
    expect(diffJson([...BUDGET, ...PREVOTE]).stdout).toBe(first.stdout);
    expect(first.report).toMatchObject({ command: `raftsim diff ${[...BUDGET, ...PREVOTE, '--json'].join(' ')}`, version: RAFTSIM_VERSION, fromSeed: 3, seeds: 4 });
    expect(first.report.seedResults.map((seed) => seed.seed)).toEqual([3, 4, 5, 6]);
  });

  it('gives zero differences and no divergence for the same variant on both sides', () => {
    const { status, report } = diffJson([...BUDGET, '--a', 'checkQuorum=true', '--b', 'checkQuorum=true']);
    expect(status).toBe(0);
    for (const seed of report.seedResults) expect(seed.divergence).toBeNull();
    for (const row of report.differences) {
      expect(row.meanB).toBe(row.meanA);
      if (row.difference.count > 0) expect(row.difference).toMatchObject({ mean: 0, low: 0, high: 0 });
    }
  });

  it('finds where each seed’s runs part when a policy changes behaviour, after the first event', () => {
    const { report } = diffJson([...BUDGET, ...PREVOTE]);
    for (const seed of report.seedResults) {
      expect(seed.divergence).not.toBeNull();
      expect(seed.divergence!.event).toBeGreaterThan(0);
    }
    // PreVote makes a node a precandidate where it would have stood at once: fewer terms begun.
    const elections = report.differences.find((row) => row.measure === 'elections')!;
    expect(elections.difference.mean!).toBeLessThan(0);
  });

  it('gives an interval that contains the mean, and the same one on every run', () => {
    const { report } = diffJson([...BUDGET, ...PREVOTE]);
    const measured = report.differences.filter((row) => row.difference.count > 0);
    expect(measured.length).toBeGreaterThan(3);
    for (const { difference } of measured) {
      expect(difference.low!).toBeLessThanOrEqual(difference.mean!);
      expect(difference.high!).toBeGreaterThanOrEqual(difference.mean!);
    }
    expect(diffJson([...BUDGET, ...PREVOTE]).report.differences).toEqual(report.differences);
  });

  it('writes the table, and one CSV row per seed under its command line, version and seeds', () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-diff-'));
    const csv = join(folder, 'diff.csv');
    const result = raftsim(['diff', ...BUDGET, ...PREVOTE, '--csv', csv]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`command: raftsim diff ${BUDGET.join(' ')}`);
    expect(result.stdout).toContain(`raftsim ${RAFTSIM_VERSION} · seeds 3–6 (4)`);
    expect(result.stdout).toMatch(/^leaderChanges +-?\d/m);
    const lines = readFileSync(csv, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(`# command: raftsim diff ${[...BUDGET, ...PREVOTE, '--csv', csv].join(' ')}`);
    expect(lines[1]).toContain(`raftsim ${RAFTSIM_VERSION} · seeds 3–6`);
    const rows = lines.filter((line) => !line.startsWith('#'));
    expect(rows[0]).toMatch(/^seed,availabilityPercentA,/);
    expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(['3', '4', '5', '6']);
    const header = rows[0]!.split(',');
    for (const row of rows.slice(1).map((line) => line.split(','))) {
      const cell = (name: string) => Number(row[header.indexOf(name)]);
      expect(cell('leaderChangesDifference')).toBe(cell('leaderChangesB') - cell('leaderChangesA'));
      expect(cell('divergenceEvent')).toBeGreaterThan(0);
    }
  });

  it('charts each measure’s paired difference with its interval, on a page that names its command', () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-diff-'));
    const html = join(folder, 'diff.html');
    const args = ['diff', ...BUDGET, ...PREVOTE, '--html', html, '--json'];
    const result = raftsim(args);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as DiffJson;
    const page = readFileSync(html, 'utf8');
    expect(page).toContain(`command: raftsim ${args.join(' ')}`);
    const measured = report.differences.filter((row) => row.difference.count > 0);
    expect(page.match(/<circle /g)).toHaveLength(measured.length);
    expect(page.match(/class="interval"/g)).toHaveLength(measured.length);
    // PreVote ends elections before they begin a term: the elections row's interval lies below zero.
    const elections = report.differences.find((row) => row.measure === 'elections')!;
    expect(page).toContain(`elections: b − a = ${Math.round(elections.difference.mean! * 1000) / 1000} [`);
    expect(raftsim(args).status).toBe(0);
    expect(readFileSync(html, 'utf8')).toBe(page);
  });

  it('exits 1 naming the variant, seed and check when a known bug on one side fails', () => {
    const result = raftsim(['diff', '--seeds', '1', '--duration', '2s', '--b-bug', 'double-vote']);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('b: double-vote');
    expect(result.stderr).toContain('✗ seed 1, variant b: election-safety');
    expect(result.stderr).not.toContain('variant a');
  });


  it('stops after the seed in progress on Ctrl-C, prints what ran marked interrupted, and exits 130', async () => {
    const cli = startRaftsim(['diff', '--seeds', '5000', '--duration', '2s', ...PREVOTE, '--json'], { env: { RAFTSIM_PROGRESS: 'always' } });
    await cli.waitFor((_stdout, stderr) => /[3-9]\/5000 seeds/.test(stderr), 90_000);
    cli.child.kill('SIGINT');
    const run = await cli.exited;
    expect(run.status).toBe(130);
    const report = JSON.parse(run.stdout) as DiffJson & { seedsRequested: number; interrupted: boolean };
    expect(report).toMatchObject({ seedsRequested: 5000, interrupted: true });
    expect(report.seeds).toBeGreaterThanOrEqual(3);
    expect(report.seeds).toBeLessThan(5000);
    expect(report.seedResults).toHaveLength(report.seeds);
    expect(run.stderr).toContain(`raftsim: interrupted (SIGINT) after ${report.seeds} of 5000 seeds`);
  }, 120_000);

  it('refuses bad flags with one line and exit 2', () => {
    expectUsageError(['diff', '--seeds', '0'], '--seeds');
    expectUsageError(['diff', '--seeds', '1', '--a', 'nonsense=1'], '--a "nonsense" is not a policy');
    expectUsageError(['diff', '--seeds', '1', '--b', 'preVote=yes'], '--b preVote');
    expectUsageError(['diff', '--seeds', '1', '--a-bug', 'nope'], '--a-bug must name a known bug');
    // Both runs of a seed happen in the command's own thread: an implementation under test is never loaded there.
    expectUsageError(['diff', '--seeds', '1', '--b-impl', 'examples/minimal-raft.js'], 'Unknown arguments: b-impl, bImpl');
    expectUsageError(['diff', '--seeds', '1', '--impl', 'examples/minimal-raft.js'], 'Unknown argument: impl');
    expectUsageError(['diff', '--seeds', '1', '--scenario', 'leader-crash', '--nodes', '3'], '--nodes cannot be combined with --scenario');
    expectUsageError(['diff', '--seeds', '1', '--csv', '-', '--json'], 'would both go to standard output');
    expectUsageError(['diff', '--seeds', '1', '--csv', 'same.out', '--html', 'same.out'], 'same.out');
    expectUsageError(['diff', '--seeds', '1', '--resamples', '0'], '--resamples');
    expectUsageError(['diff', '--seeds', '1', '--policy', 'leaseReads=true', '--b', 'checkQuorum=false'], '--b with --policy:');
  });
});
