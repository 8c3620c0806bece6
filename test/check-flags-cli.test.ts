import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raftsim, replayArguments } from './cli-process.js';

/** A correct cluster too slow to converge within 5 s (see scenarios/liveness-progress.test.ts). */
const SLOW = [
  'name: slow-catch-up',
  'seed: 7',
  'cluster: { nodes: 3, duration: 15s, preVote: true, maxEntriesPerAppend: 1, maxInflightAppends: 1 }',
  'network: { latency: [40ms, 60ms] }',
  'workload: { requestsPerSecond: 30 }',
  'timeline:',
  '  - at: 3s',
  '    isolate: 3',
  'liveness: { at: 10s, within: 5s }',
  '',
].join('\n');

describe('--liveness-within and --skip-checker', () => {
  it('refuse a name that is no check and a duration that is none, with one line and exit 2', () => {
    for (const [args, says] of [
      [['run', '--skip-checker', 'leader-quorum', '--skip-checker', 'quorum'], '--skip-checker "quorum" is not a check (names: election-safety,'],
      [['explore', '--seeds', '1', '--skip-checker', 'nope'], '--skip-checker "nope" is not a check'],
      [['replay', 'x.yaml', '--skip-checker', 'nope'], '--skip-checker "nope" is not a check'],
      [['run', '--liveness-within', 'soon'], '--liveness-within must be a duration such as 10s'],
      [['run', '--scenario', 'leader-crash', '--liveness-within', '30s'], '--liveness-within: scenario leader-crash has no liveness phase'],
      [['run', '--liveness-within', '-5s'], '--liveness-within must be a positive duration, got "-5s"'],
      [['run', '--liveness-within'], '--liveness-within needs a value'],
    ] as const) {
      const result = raftsim(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toContain(says);
    }
  });

  it('refuse a --skip-checker without a name on run, explore and replay, with one line and exit 2', () => {
    for (const args of [
      ['run', '--skip-checker'],
      ['run', '--skip-checker='],
      ['run', '--skip-checker', 'liveness', '--skip-checker'],
      ['explore', '--seeds', '1', '--skip-checker'],
      ['explore', '--seeds', '1', '--skip-checker='],
      ['replay', 'x.yaml', '--skip-checker'],
      ['replay', 'x.yaml', '--skip-checker='],
    ]) {
      const result = raftsim(args);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toBe('raftsim: --skip-checker needs a value\n');
    }
  });

  it('name the skipped checks beside the verdict of a Markdown summary', () => {
    const run = raftsim(['run', '--seed', '3', '--markdown', '--skip-checker', 'liveness']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('\nAll checks held (not checked: liveness).\n');
    const explored = raftsim(['explore', '--seeds', '2', '--markdown', '--skip-checker', 'liveness']);
    expect(explored.status).toBe(0);
    expect(explored.stdout).toContain('\nNo seed failed a check (not checked: liveness).');
  });

  it('skip a check on run: another catches the bug, and the replay line carries the flag', () => {
    const result = raftsim(['run', '--seed', '1', '--bug', 'off-by-one-consistency-check', '--skip-checker', 'state-machine-safety', '--json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.failures[0].checker).toBe('log-matching');
    expect(report.skippedCheckers).toEqual(['state-machine-safety']);
    expect(report.livenessWithinMs).toBe(5000);
    expect(report.replay).toBe('npx raftsim run --seed 1 --duration 10s --bug off-by-one-consistency-check --skip-checker state-machine-safety');
    const again = JSON.parse(raftsim([...replayArguments(report.replay), '--json']).stdout);
    expect(again.traceHash).toBe(report.traceHash);
  });

  it('judge a slow cluster by the bound given, on replay of a file too', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'raftsim-liveness-')), 'slow.yaml');
    writeFileSync(file, SLOW);
    const failed = raftsim(['replay', file]);
    expect(failed.status).toBe(1);
    expect(failed.stdout).toMatch(/✗ liveness: .*; progress in the window, still converging: leader node \d of term \d+ committed \d+ entries/);
    const passed = raftsim(['replay', file, '--liveness-within', '60s', '--json']);
    expect(passed.status).toBe(0);
    const report = JSON.parse(passed.stdout);
    expect(report.livenessWithinMs).toBe(60_000);
    expect(report.replay).toBe(`npx raftsim replay ${file} --liveness-within 60s`);
    expect(raftsim(['replay', file, '--skip-checker', 'liveness']).stdout).toContain('not checked (skipped): liveness');
  });

  it('carry into explore: every seed judged alike, and each failure replayed with the same flags', () => {
    const skipped = JSON.parse(raftsim(['explore', '--seeds', '3', '--bug', 'keep-vote-in-new-term', '--skip-checker', 'liveness', '--json']).stdout);
    expect(skipped.passed).toBe(3);
    expect(skipped.skippedCheckers).toEqual(['liveness']);
    const caught = JSON.parse(raftsim(['explore', '--seeds', '1', '--bug', 'keep-vote-in-new-term', '--liveness-within', '2s', '--json']).stdout);
    expect(caught.livenessWithinMs).toBe(2000);
    expect(caught.failed[0].message).toMatch(/after 2000 ms; no progress in the window/);
    expect(caught.failed[0].replay).toBe('npx raftsim run --seed 1 --duration 10s --bug keep-vote-in-new-term --liveness-within 2s');
  });
});
