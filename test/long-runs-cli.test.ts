import { existsSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raftsim, replayArguments } from './cli-process.js';
import { expectUsageError } from './usage-error.js';

const workspace = mkdtempSync(join(tmpdir(), 'raftsim-long-'));

describe('a run stopped at its event bound (--max-events)', () => {
  it('fails as truncated, says where it stopped and why, and claims nothing it did not check', () => {
    const result = raftsim(['run', '--seed', '1', '--max-events', '3000']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/✗ truncated: stopped at its event bound \(3000 events\) at \d+\.\d{3}s of virtual time, short of its end at 15\.000s/);
    expect(result.stdout).toContain('not judged (the run stopped short of its end): liveness');
    expect(result.stdout).toMatch(/raise its event bound: --max-events \d+/);
    expect(result.stdout).not.toContain('all checks held');
    expect(result.stdout).not.toContain('converged');
  });

  it('is not passed in JSON, and its replay line gives the same run again', () => {
    const result = raftsim(['run', '--seed', '1', '--max-events', '3000', '--json']);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ passed: false, outcome: 'event-limit', events: 3000 });
    expect(json.failures).toHaveLength(1);
    expect(json.failures[0]).toMatchObject({ kind: 'truncated', checker: 'truncated', atMs: json.virtualMs });
    expect(json.virtualMs).toBeLessThan(15_000);
    expect(json.replay).toBe('npx raftsim run --seed 1 --duration 10s --max-events 3000');
    const again = raftsim([...replayArguments(json.replay), '--json']);
    expect(again.status).toBe(1);
    expect(JSON.parse(again.stdout).traceHash).toBe(json.traceHash);
  });

  it('passes with a bound it does not reach, and the bound is then the only difference from a run without one', () => {
    const bounded = JSON.parse(raftsim(['run', '--seed', '1', '--max-events', '100000', '--json']).stdout);
    const free = JSON.parse(raftsim(['run', '--seed', '1', '--json']).stdout);
    expect(bounded.passed).toBe(true);
    expect(bounded.traceHash).toBe(free.traceHash);
  });

  it('counts as a failed seed in explore, reported as truncated, with no trace, report or shrinking for it', () => {
    const out = join(workspace, 'explore-out');
    const result = raftsim(['explore', '--seeds', '2', '--max-events', '3000', '--out', out, '--shrink', '--json']);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ passed: 0, eventLimited: 2 });
    expect(json.failed.map((failure: { kind: string }) => failure.kind)).toEqual(['truncated', 'truncated']);
    expect(json.failed[0].replay).toBe('npx raftsim run --seed 1 --duration 10s --max-events 3000');
    expect(json.failed[0].shrunk).toBeUndefined();
    expect(readdirSync(out)).toEqual([]);
    const text = raftsim(['explore', '--seeds', '2', '--max-events', '3000']);
    expect(text.stdout).toContain('0 passed, 2 failed');
    expect(text.stdout).toContain('2 runs stopped at their event bound before their duration');
  });

  it('is a scenario file setting, cluster.maxEvents, which --max-events overrides', () => {
    const file = join(workspace, 'bounded.yaml');
    writeFileSync(file, 'name: bounded\ncluster: { nodes: 3, duration: 5s, maxEvents: 500 }\n');
    const cut = raftsim(['replay', file, '--json']);
    expect(cut.status).toBe(1);
    expect(JSON.parse(cut.stdout)).toMatchObject({ passed: false, outcome: 'event-limit', events: 500 });
    const through = raftsim(['replay', file, '--max-events', '1000000', '--json']);
    expect(through.status).toBe(0);
    expect(JSON.parse(through.stdout).replay).toBe(`npx raftsim replay ${file} --max-events 1000000`);
    writeFileSync(join(workspace, 'zero.yaml'), 'name: zero\ncluster: { maxEvents: 0 }\n');
    expectUsageError(['replay', join(workspace, 'zero.yaml')], 'cluster.maxEvents');
  });

  it('writes a trace that says so, and report exits as the truncated run did', () => {
    const trace = join(workspace, 'cut.jsonl');
    expect(raftsim(['run', '--seed', '2', '--max-events', '2000', '--trace', trace]).status).toBe(1);
    const lines = readFileSync(trace, 'utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[lines.length - 1]!)).toMatchObject({ outcome: 'event-limit', passed: false, events: 2000 });
    const report = raftsim(['report', trace, '--html', join(workspace, 'cut.html')]);
    expect(report.status).toBe(1);
    expect(report.stdout).toContain('a check failed');
  });

  it('is refused at once, before any run, unless it is a whole number of at least one', () => {
    for (const value of ['0', '-5', 'many', '1.5', '']) {
      expectUsageError(['run', '--max-events', value], '--max-events');
      expectUsageError(['explore', '--seeds', '1', '--max-events', value], '--max-events');
    }
    expectUsageError(['run', '--max-events'], '--max-events needs a value');
    expectUsageError(['shrink', '--seed', '1', '--max-events', '0'], '--max-events must be a whole number at least 1, got 0');
  });
});

describe('the explorer for a long trace', () => {
  /** Limits low enough that a run of seconds is too long for one page, cut into windows of about 200 kB. */
  const LOW_LIMITS = { RAFTSIM_EXPLORER_PAGE_BYTES: '100000', RAFTSIM_EXPLORER_WINDOW_BYTES: '200000' };

  /** The window files a page lists, checked to be there. */
  function listedWindows(html: string): { file: string; records: number }[] {
    const index = /<script type="application\/json" id="explorer-index">(.*?)<\/script>/s.exec(readFileSync(html, 'utf8'));
    expect(index).not.toBeNull();
    const windows = (JSON.parse(index![1]!) as { windows: { file: string; records: number }[] }).windows;
    for (const window of windows) expect(existsSync(join(workspace, window.file))).toBe(true);
    return windows;
  }

  it('from report: a page and a folder of windows beside it, exit 0, the whole trace in its windows', () => {
    const trace = join(workspace, 'long.jsonl');
    expect(raftsim(['run', '--seed', '4', '--duration', '20s', '--trace', trace]).status).toBe(0);
    const html = join(workspace, 'long.html');
    const result = raftsim(['report', trace, '--html', html], LOW_LIMITS);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^wrote .*long\.html and (\d+) windows in .*long\.windows\/: seed 4, (\d+) records, trace [0-9a-f]{16} verified, all checks held\n$/);
    const windows = listedWindows(html);
    expect(windows.length).toBeGreaterThan(5);
    const records = readFileSync(trace, 'utf8').trimEnd().split('\n').length - 2;
    expect(windows.reduce((sum, window) => sum + window.records, 0)).toBe(records);
    expect(readdirSync(join(workspace, 'long.windows')).sort()).toEqual(windows.map((window) => window.file.split('/')[1]!).sort());
    // Without the lowered limits the same trace fits one page, with no folder.
    const single = raftsim(['report', trace, '--html', join(workspace, 'single.html')]);
    expect(single.status).toBe(0);
    expect(readFileSync(join(workspace, 'single.html'), 'utf8')).toContain('id="trace-data"');
    expect(existsSync(join(workspace, 'single.windows'))).toBe(false);
  });

  it('from run --report: a long run writes its trace, the page and its windows, exit 0; a failing one lists its violation', () => {
    const html = join(workspace, 'run-long.html');
    const trace = join(workspace, 'run-long.jsonl');
    const result = raftsim(['run', '--seed', '4', '--duration', '20s', '--trace', trace, '--report', html], LOW_LIMITS);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`wrote ${trace}\nwrote ${html}\nwrote ${join(workspace, 'run-long.windows')}/ (`);
    expect(listedWindows(html).length).toBeGreaterThan(5);
    const failing = join(workspace, 'failing.html');
    const bug = raftsim(['run', '--seed', '1', '--bug', 'double-vote', '--report', failing], { ...LOW_LIMITS, RAFTSIM_EXPLORER_PAGE_BYTES: '1000' });
    expect(bug.status).toBe(1);
    expect(readFileSync(failing, 'utf8')).toMatch(/"violations":\[\{"record":\d+,"timeUs":\d+,"detail":\{"checker":"election-safety"/);
  });

  it('is refused in one line, leaving nothing, for a damaged trace, standard output or a bad limit', () => {
    const sound = join(workspace, 'sound.jsonl');
    expect(raftsim(['run', '--seed', '4', '--duration', '5s', '--trace', sound]).status).toBe(0);
    const trace = join(workspace, 'damaged.jsonl');
    // Damaged near its end, so that several windows were written before the damage is found.
    const lines = readFileSync(sound, 'utf8').split('\n');
    const damaged = Math.floor(lines.length * 0.9);
    writeFileSync(trace, [...lines.slice(0, damaged - 1), '{"i":', ...lines.slice(damaged)].join('\n'));
    const html = join(workspace, 'damaged.html');
    const result = raftsim(['report', trace, '--html', html], LOW_LIMITS);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^raftsim: ${trace}:${damaged}: not JSON \\([^\\n]+\\)\\n$`));
    expect(existsSync(html)).toBe(false);
    expect(existsSync(join(workspace, 'damaged.windows'))).toBe(false);
    const stdout = raftsim(['report', sound, '--html', '-'], LOW_LIMITS);
    expect(stdout.status).toBe(2);
    expect(stdout.stderr).toMatch(/^raftsim: --html -: the trace is \d+\.\d MiB, too long for one page: its explorer is a page with a folder of windows beside it, which - cannot be \(name a file\)\n$/);
    const bad = raftsim(['report', sound, '--html', html], { RAFTSIM_EXPLORER_PAGE_BYTES: 'lots' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('raftsim: RAFTSIM_EXPLORER_PAGE_BYTES must be a whole number of bytes, at least 1, got "lots"\n');
  });

  it('is read in bounded memory: a trace larger than one page, sparse beyond its end, is refused only for what it holds', () => {
    const big = join(workspace, 'big.jsonl');
    writeFileSync(big, '');
    // A sparse file: as large as a long run's trace without writing one; its bytes are zeros, not text.
    truncateSync(big, 40 * 1024 * 1024);
    const html = join(workspace, 'big.html');
    expectUsageError(['report', big, '--html', html], `${big}: not a text file: it holds the control byte 0x00 at byte offset 0, not a raftsim trace`);
    expect(existsSync(html)).toBe(false);
  });
});
