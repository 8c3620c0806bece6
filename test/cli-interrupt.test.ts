/**
 * Ctrl-C and SIGTERM during a long exploration: the first signal stops it after the seed in progress
 * and still writes and prints everything found; a second ends the process at once. The CLI runs in a
 * separate process with its progress bar forced on, so that the test sees what a terminal would.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTraceText } from '../formats/index.js';
import { startRaftsim } from './cli-process.js';

const CURSOR_HIDDEN = '\u001b[?25l';
const CURSOR_SHOWN = '\u001b[?25h';
const LINE_WRAP_ON = '\u001b[?7h';
const CLEAR_LINE = '\u001b[2K';
/** Generous: the machine running the suite may be busy; the waits end as soon as the output comes. */
const WITHIN_MS = 90_000;

/** The highest seed count and failure count the progress bar has shown. */
function progressShown(stderr: string): { seeds: number; failed: number } {
  let seeds = 0;
  let failed = 0;
  for (const match of stderr.matchAll(/(\d+)\/\d+ seeds · (\d+) failed/g)) {
    seeds = Math.max(seeds, Number(match[1]));
    failed = Math.max(failed, Number(match[2]));
  }
  return { seeds, failed };
}

/** The terminal got its cursor and line wrap back after the bar last hid them. */
function expectTerminalRestored(stderr: string): void {
  const hidden = stderr.lastIndexOf(CURSOR_HIDDEN);
  expect(hidden, 'the progress bar was drawn').toBeGreaterThanOrEqual(0);
  expect(stderr.indexOf(CURSOR_SHOWN, hidden)).toBeGreaterThan(hidden);
  expect(stderr.indexOf(LINE_WRAP_ON, hidden)).toBeGreaterThan(hidden);
}

/** The last line stderr leaves on a terminal: the bar clears its own line (ESC[2K) and the text follows. */
function lastLine(stderr: string): string {
  const cleared = stderr.lastIndexOf(CLEAR_LINE);
  return stderr.slice(cleared < 0 ? 0 : cleared + CLEAR_LINE.length).trimEnd().split('\n').at(-1)!;
}

function expectWholeTrace(path: string): void {
  const read = parseTraceText(readFileSync(path, 'utf8'), path);
  expect(read.ok, read.ok ? path : `${path}: ${read.problem}`).toBe(true);
}

function temporaries(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.partial'));
}

const FORCE_PROGRESS = { RAFTSIM_PROGRESS: 'always' };

describe('an interrupted exploration writes what it found and says it was interrupted', () => {
  it('a first Ctrl-C stops after the seed in progress: exit 130, the failures so far with their traces, the statistics, JSON marked interrupted', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-interrupt-'));
    const args = ['explore', '--bug', 'double-vote', '--seeds', '5000', '--out', 'fails', '--stats', 's.csv', '--json'];
    const cli = startRaftsim(args, { cwd: folder, env: FORCE_PROGRESS });
    await cli.waitFor((_, stderr) => progressShown(stderr).failed >= 3, WITHIN_MS);
    cli.child.kill('SIGINT');
    const result = await cli.exited;

    expect(result.status).toBe(130);
    const stopped = /^raftsim: interrupted \(SIGINT\) after (\d+) of 5000 seeds \(1–(\d+)\): (\d+) failed; the other seeds did not run, so this is not a pass$/.exec(lastLine(result.stderr));
    expect(stopped, lastLine(result.stderr)).not.toBeNull();
    const seedsRun = Number(stopped![1]);
    expect(Number(stopped![2])).toBe(seedsRun);
    expect(seedsRun).toBeGreaterThanOrEqual(progressShown(result.stderr).seeds);
    expect(seedsRun).toBeLessThan(5000);
    expectTerminalRestored(result.stderr);

    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ interrupted: true, seeds: seedsRun, seedsRequested: 5000 });
    expect(json.failed.length).toBe(Number(stopped![3]));
    expect(json.failed.length).toBeGreaterThanOrEqual(3);
    expect(json.passed + json.failed.length).toBe(seedsRun);
    for (const failure of json.failed.slice(0, 20)) {
      expect(failure.replay).toContain(`--seed ${failure.seed}`);
      expect(failure.trace).toBe(join('fails', `seed-${failure.seed}.jsonl`));
      expectWholeTrace(join(folder, failure.trace));
      expect(readFileSync(join(folder, failure.report), 'utf8')).toMatch(/<\/html>\s*$/);
    }

    const rows = readFileSync(join(folder, 's.csv'), 'utf8').trimEnd().split('\n');
    const columns = rows[0]!.split(',').length;
    expect(rows[0]!.split(',').slice(0, 2)).toEqual(['summary', 'seed']);
    expect(rows.slice(1, 1 + seedsRun).map((row) => Number(row.split(',')[1]))).toEqual(Array.from({ length: seedsRun }, (_, index) => index + 1));
    expect(rows.slice(1 + seedsRun).map((row) => row.split(',')[0])).toEqual(['p50', 'p90', 'p99', 'max']);
    for (const row of rows) expect(row.split(',')).toHaveLength(columns);
    expect(temporaries(folder)).toEqual([]);
  });

  it('SIGTERM does the same with exit 143, and a run that found nothing is still not reported as passed', async () => {
    const cli = startRaftsim(['explore', '--seeds', '5000'], { env: FORCE_PROGRESS });
    await cli.waitFor((_, stderr) => progressShown(stderr).seeds >= 3, WITHIN_MS);
    cli.child.kill('SIGTERM');
    const result = await cli.exited;

    expect(result.status).toBe(143);
    expect(result.stdout).toMatch(/^explored (\d+) of 5000 seeds \(1–\1\) of swarm scenarios against reference: \1 passed, 0 failed/);
    expect(lastLine(result.stderr)).toMatch(/^raftsim: interrupted \(SIGTERM\) after \d+ of 5000 seeds \(1–\d+\): 0 failed; the other seeds did not run, so this is not a pass$/);
    expectTerminalRestored(result.stderr);
  });

  it('two Ctrl-Cs in a row end the exploration promptly with exit 130, every file present whole, the terminal given back', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-interrupt-'));
    const cli = startRaftsim(['explore', '--seeds', '5000', '--stats', 's.csv'], { cwd: folder, env: FORCE_PROGRESS });
    await cli.waitFor((_, stderr) => progressShown(stderr).seeds >= 2, WITHIN_MS);
    cli.child.kill('SIGINT');
    cli.child.kill('SIGINT');
    const signalled = performance.now();
    const result = await cli.exited;

    expect(result.status).toBe(130);
    // Promptly: within the seed in progress, not after the thousands still to run.
    expect(performance.now() - signalled).toBeLessThan(30_000);
    expectTerminalRestored(result.stderr);
    expect(temporaries(folder)).toEqual([]);
    // Two signals sent this close together may reach the process as one (the kernel keeps one pending);
    // then it stops as after one, and the statistics are written whole.
    const again = 'raftsim: SIGINT again: stopped at once; the files already written are whole, the others were not written';
    if (lastLine(result.stderr) === again) {
      expect(result.stdout).toBe('');
      expect(existsSync(join(folder, 's.csv'))).toBe(false);
    } else {
      expect(lastLine(result.stderr)).toMatch(/^raftsim: interrupted \(SIGINT\) after \d+ of 5000 seeds/);
      expect(readFileSync(join(folder, 's.csv'), 'utf8').trimEnd().split('\n').at(-1)).toMatch(/^max,/);
    }
  });

  it('a second Ctrl-C while the files are written ends the process at once, leaving every file whole and no temporary', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-interrupt-'));
    const out = join(folder, 'fails');
    const cli = startRaftsim(['explore', '--bug', 'double-vote', '--seeds', '5000', '--out', out, '--stats', join(folder, 's.json'), '--json'], { env: FORCE_PROGRESS });
    await cli.waitFor((_, stderr) => progressShown(stderr).failed >= 20, WITHIN_MS);
    cli.child.kill('SIGINT');
    // The first trace file shows that writing has begun.
    await cli.waitFor(() => existsSync(out) && readdirSync(out).some((name) => name.endsWith('.html')), WITHIN_MS);
    cli.child.kill('SIGINT');
    const result = await cli.exited;

    expect(result.status).toBe(130);
    expect(lastLine(result.stderr)).toBe('raftsim: SIGINT again: stopped at once; the files already written are whole, the others were not written');
    expect(result.stdout).toBe('');
    expectTerminalRestored(result.stderr);
    expect(temporaries(folder)).toEqual([]);
    const traces = readdirSync(out).filter((name) => name.endsWith('.jsonl'));
    expect(traces.length).toBeGreaterThan(0);
    for (const name of traces) expectWholeTrace(join(out, name));
    for (const name of readdirSync(out).filter((file) => file.endsWith('.html'))) expect(readFileSync(join(out, name), 'utf8')).toMatch(/<\/html>\s*$/);
    if (existsSync(join(folder, 's.json'))) expect(() => JSON.parse(readFileSync(join(folder, 's.json'), 'utf8'))).not.toThrow();
  });
});

describe('the other long commands stop on a first Ctrl-C with what they have, and say so', () => {
  it('experiment: exit 130, the trials run so far in the CSV file and the JSON, marked interrupted', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-interrupt-'));
    const csv = join(folder, 'timing.csv');
    const cli = startRaftsim(['experiment', 'election-timing', '--trials', '100000', '--ranges', '150-300', '--csv', csv, '--json'], { env: FORCE_PROGRESS });
    await cli.waitFor((_, stderr) => /[1-9]\d*\/100000 trials/.test(stderr), WITHIN_MS);
    cli.child.kill('SIGINT');
    const result = await cli.exited;

    expect(result.status).toBe(130);
    const stopped = /^raftsim: interrupted \(SIGINT\) after (\d+) of 100000 trials; the other trials did not run, and the figures cover only those that did$/.exec(lastLine(result.stderr));
    expect(stopped, lastLine(result.stderr)).not.toBeNull();
    const json = JSON.parse(result.stdout);
    expect(json.interrupted).toBe(true);
    expect(json.ranges).toHaveLength(1);
    expect(json.ranges[0].trials).toBe(Number(stopped![1]));
    // Below the # lines of the command, the version and the seed.
    const rows = readFileSync(csv, 'utf8').trimEnd().split('\n').filter((line) => !line.startsWith('#'));
    expect(rows).toHaveLength(2);
    expect(rows[1]!.split(',')[4]).toBe(stopped![1]);
    expectTerminalRestored(result.stderr);
  });

  it('shrink: exit 130, and the file holds the smallest scenario found until then, which still fails', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-interrupt-'));
    const out = join(folder, 'shrunk.yaml');
    const cli = startRaftsim(['shrink', '--seed', '186', '--bug', 'commit-old-term', '--out', out, '--json'], { env: FORCE_PROGRESS });
    await cli.waitFor((_, stderr) => /[1-9]\d*\/1000 runs/.test(stderr), WITHIN_MS);
    cli.child.kill('SIGINT');
    const result = await cli.exited;

    expect(result.status).toBe(130);
    expect(lastLine(result.stderr)).toMatch(/^raftsim: interrupted \(SIGINT\) after \d+ runs: the search stopped early, and the file holds the smallest failing scenario it had found$/);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ failed: true, interrupted: true, file: out });
    expect(json.runs).toBeLessThan(1000);
    expect(readFileSync(out, 'utf8')).toContain('interrupted before the search had finished');
    const replayed = startRaftsim(['replay', out, '--bug', 'commit-old-term', '--json']);
    const replay = await replayed.exited;
    expect(replay.status).toBe(1);
    expect(JSON.parse(replay.stdout).failures[0].checker).toBe(json.checker);
    expectTerminalRestored(result.stderr);
  });

  it('bugs --measure: exit 130 with the bugs measured so far, the one in progress left out', async () => {
    const names = ['double-vote', 'keep-conflicting-entries', 'vote-before-durable', 'apply-before-commit'];
    const cli = startRaftsim(['bugs', ...names, '--measure', '--roots', '1']);
    await cli.waitFor((_, stderr) => stderr.includes('measured double-vote'), WITHIN_MS);
    cli.child.kill('SIGINT');
    const result = await cli.exited;

    expect(result.status).toBe(130);
    const stopped = /^raftsim: interrupted \(SIGINT\) after measuring (\d) of 4 bugs; \d not measured, the one in progress left out$/.exec(lastLine(result.stderr));
    expect(stopped, lastLine(result.stderr)).not.toBeNull();
    const rows = result.stdout.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toHaveLength(Number(stopped![1]));
    expect(rows[0]).toMatch(/^\| `double-vote` \|/);
  });
});
