import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RAFTSIM_VERSION } from '../formats/index.js';
import { raftsim, startRaftsim } from './cli-process.js';
import { expectUsageError } from './usage-error.js';

const BUDGET = ['--seeds', '4', '--from', '3', '--nodes', '3', '--duration', '2s', '--resamples', '300'];
const PREVOTE = ['--a', 'preVote=false', '--b', 'preVote=true'];
const MINIMAL = 'examples/minimal-raft.js';
/** raftsim's reference core, given as a module of its own: the same node, run in a worker thread. */
const REFERENCE_MODULE = 'test/fixtures/protocol/reference-core.mjs';
const SMALL = ['--seeds', '3', '--from', '3', '--nodes', '3', '--duration', '2s', '--resamples', '300'];

interface DiffJson {
  readonly command: string;
  readonly version: string;
  readonly fromSeed: number;
  readonly seeds: number;
  readonly differences: readonly { measure: string; meanA: number | null; meanB: number | null; difference: { count: number; mean: number | null; low: number | null; high: number | null } }[];
  readonly b: string;
  readonly seedResults: readonly { seed: number; divergence: { event: number; a: string; b: string } | null; b: { measured?: boolean } }[];
  readonly failures: readonly string[];
  readonly failedRuns: readonly { seed: number; variant: string; kind: string; replay: string }[];
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
    // Each side names its own implementation: there is no --impl for both.
    expectUsageError(['diff', '--seeds', '1', '--impl', MINIMAL], 'Unknown argument: impl');
    expectUsageError(['diff', '--seeds', '1', '--b-bug', 'double-vote', '--b-impl', MINIMAL], "--b-bug and --b-impl each name variant b's implementation; give at most one");
    expectUsageError(['diff', '--seeds', '1', '--a-impl', MINIMAL, '--a-impl-cmd', 'python3 my_raft.py'], "--a-impl and --a-impl-cmd each name variant a's implementation");
    expectUsageError(['diff', '--seeds', '1', '--b-impl', MINIMAL, '--impl-timeout', '5s'], '--impl-timeout needs --a-impl-cmd or --b-impl-cmd');
    expectUsageError(['diff', '--seeds', '1', '--b-impl', 'test/fixtures/nowhere.js'], '--b-impl test/fixtures/nowhere.js: no such file');
    expectUsageError(['diff', '--seeds', '1', '--a-impl', MINIMAL, '--csv', MINIMAL], `--csv ${MINIMAL} would overwrite --a-impl ${MINIMAL}`);
    expectUsageError(['diff', '--seeds', '1', '--scenario', 'leader-crash', '--nodes', '3'], '--nodes cannot be combined with --scenario');
    expectUsageError(['diff', '--seeds', '1', '--csv', '-', '--json'], 'would both go to standard output');
    expectUsageError(['diff', '--seeds', '1', '--csv', 'same.out', '--html', 'same.out'], 'same.out');
    expectUsageError(['diff', '--seeds', '1', '--resamples', '0'], '--resamples');
    expectUsageError(['diff', '--seeds', '1', '--policy', 'leaseReads=true', '--b', 'checkQuorum=false'], '--b with --policy:');
  });
});

describe('raftsim diff on implementations under test', () => {
  it('gives zero differences and no divergence on any seed for a module that is the reference core', () => {
    const { status, report } = diffJson([...SMALL, '--b-impl', REFERENCE_MODULE]);
    expect(status).toBe(0);
    expect(report.command).toBe(`raftsim diff ${[...SMALL, '--b-impl', REFERENCE_MODULE, '--json'].join(' ')}`);
    expect(report.seedResults.map((seed) => seed.divergence)).toEqual([null, null, null]);
    for (const row of report.differences) {
      expect(row.difference.count).toBe(3);
      expect(row.meanB).toBe(row.meanA);
      expect(row.difference).toMatchObject({ mean: 0, low: 0, high: 0 });
    }
  });

  it('finds the event at which a module that behaves otherwise parts from the reference core, and measures the difference', () => {
    const result = raftsim(['diff', ...SMALL, '--b-impl', MINIMAL]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`command: raftsim diff ${[...SMALL, '--b-impl', MINIMAL].join(' ')}`);
    expect(result.stdout).toContain('b: minimal-raft');
    // The reference core reads its clock at 50 ms where the minimal example only ticks.
    expect(result.stdout).toContain('seed 3: event 16: a read node 1 (a=1, b=0) at 50 ms; b tick node 1 (a=0, b=0) at 53.13 ms');
    expect(result.stdout).toMatch(/^ {2}seed 4: event 54: /m);
    expect(result.stdout).toMatch(/^ {2}seed 5: event 42: a node 2 became precandidate at 97\.914 ms; b node 2 moved to term 1/m);
    expect(result.stdout).toMatch(/^elections +6\.333 +5\.333 +-1 /m);
  });

  it('exits 1 naming the seed, the side and the kind when a module ends its thread, leaves those seeds out, and goes on', () => {
    const misbehaving = 'test/fixtures/misbehaving/exits-zero.js';
    const json = raftsim(['diff', '--seeds', '2', '--duration', '2s', '--resamples', '100', '--a-impl', MINIMAL, '--b-impl', misbehaving, '--b', 'preVote=true', '--json']);
    expect(json.status).toBe(1);
    expect(json.stderr).not.toContain('variant a');
    const report = JSON.parse(json.stdout) as DiffJson;
    expect(report.failedRuns).toEqual([1, 2].map((seed) => ({
      seed,
      variant: 'b',
      kind: 'implementation-exit',
      checker: 'implementation-exit',
      message: expect.stringContaining('process.exit(0)') as unknown,
      replay: `npx raftsim run --seed ${seed} --duration 2s --impl ${misbehaving} --policy preVote=true`,
    })));
    expect(report.seedResults.map((seed) => seed.b.measured)).toEqual([false, false]);
    for (const row of report.differences) expect(row.difference.count).toBe(0);
    const text = raftsim(['diff', '--seeds', '1', '--duration', '2s', '--resamples', '100', '--b-impl', misbehaving]);
    expect(text.status).toBe(1);
    expect(text.stdout).toContain("1 of 1 seeds left out of every row: a variant's run did not finish on them (1)");
    expect(text.stderr).toContain('✗ seed 1, variant b: implementation-exit: the implementation ended its thread with process.exit(0)');
    expect(text.stderr).toContain(`  replay: npx raftsim run --seed 1 --duration 2s --impl ${misbehaving}\n`);
  });
});
