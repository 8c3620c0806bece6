import { describe, expect, it } from 'vitest';
import { KNOWN_BUGS } from '../core/index.js';
import { raftsim, replayArguments } from './cli-process.js';

// eslint-disable-next-line no-control-regex -- ANSI escapes are exactly what these tests look for
const ANSI = /\u001b\[/;

function expectUsageError(args: string[], mentions: string): void {
  const result = raftsim(args);
  expect(result.status).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines[0]).toContain(mentions);
  expect(lines[0]).toMatch(/^raftsim: /);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(lines.length).toBeLessThanOrEqual(2);
}

describe('bad usage: one line on stderr, exit 2, no stack trace', () => {
  it('a negative seed count', () => expectUsageError(['explore', '--seeds', '-3'], '--seeds'));
  it('a cluster of no nodes', () => expectUsageError(['run', '--nodes', '0'], '--nodes'));
  it('a duration that is not one', () => expectUsageError(['run', '--duration', 'banana'], '--duration'));
  it('a seed that is not a number', () => expectUsageError(['run', '--seed', 'x1'], '--seed'));
  it('an unknown bug', () => expectUsageError(['explore', '--bug', 'nope'], '--bug'));
  it('an unknown flag', () => expectUsageError(['run', '--sed', '3'], 'sed'));
  it('an unknown command', () => expectUsageError(['fly'], 'fly'));
  it('no command', () => expectUsageError([], 'command'));
});

describe('raftsim run', () => {
  it('--json prints the seed, trace hash, events, virtual time, violations and statistics', () => {
    const result = raftsim(['run', '--seed', '81723', '--json']);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ seed: 81723, violations: [], virtualMs: 10_000 });
    expect(report.traceHash).toMatch(/^[0-9a-f]{16}$/);
    expect(report.events).toBeGreaterThan(1000);
    for (const field of ['elections', 'leaderChanges', 'highestTerm', 'committedEntries', 'messagesSent', 'messagesDropped']) {
      expect(report.stats[field], field).toBeTypeOf('number');
    }
    expect(report.stats.leaderChanges).toBeGreaterThan(0);
  });

  it('prints a timeline with elections and commits, and a summary, in plain text when piped', () => {
    const result = raftsim(['run', '--seed', '4', '--faults', 'none', '--duration', '3s']);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toMatch(ANSI);
    expect(result.stdout).toMatch(/became candidate: election for term 1/);
    expect(result.stdout).toMatch(/became leader of term \d+/);
    expect(result.stdout).toMatch(/commit index \d+/);
    expect(result.stdout).toMatch(/all checks held/);
  });

  it('colours only when asked: --color colours, NO_COLOR and --no-color do not', () => {
    expect(raftsim(['run', '--duration', '1s', '--color']).stdout).toMatch(ANSI);
    expect(raftsim(['run', '--duration', '1s', '--color'], { NO_COLOR: '1' }).stdout).not.toMatch(ANSI);
    expect(raftsim(['run', '--duration', '1s', '--no-color'], { FORCE_COLOR: '1' }).stdout).not.toMatch(ANSI);
  });

  it('a run with a bug that breaks a check exits 1 and names the checker and the replay command', () => {
    const result = raftsim(['run', '--seed', '1', '--bug', 'double-vote', '--json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.violations[0]).toMatchObject({ checker: 'election-safety' });
    expect(report.violations[0].atMs).toBeTypeOf('number');
    expect(report.violations[0].message).toMatch(/both became leader of term/);
    expect(report.replay).toBe('npx raftsim run --seed 1 --duration 10s --bug double-vote');
  });
});

describe('raftsim bugs', () => {
  it('lists every known bug, as JSON too', () => {
    const result = raftsim(['bugs', '--json']);
    expect(result.status).toBe(0);
    const names = JSON.parse(result.stdout).map((bug: { name: string }) => bug.name);
    expect(names).toEqual(KNOWN_BUGS.map((bug) => bug.name));
    expect(names).toEqual(expect.arrayContaining(['double-vote', 'skip-log-check', 'commit-old-term']));
    expect(raftsim(['bugs']).stdout).toMatch(/double-vote .*two|every candidate/);
  });
});

describe('raftsim explore', () => {
  it('finds nothing on the reference core', () => {
    const result = raftsim(['explore', '--seeds', '150', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ seeds: 150, passed: 150, failed: [] });
  });

  it.each(KNOWN_BUGS.map((bug) => bug.name))('finds %s within its default seed count, and each replay reproduces the failure', (bug) => {
    const result = raftsim(['explore', '--bug', bug, '--json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.failed.length).toBeGreaterThan(0);
    const first = report.failed[0];
    expect(first.replay).toContain(`--seed ${first.seed}`);
    const replay = raftsim([...replayArguments(first.replay), '--json']);
    expect(replay.status).toBe(1);
    const replayed = JSON.parse(replay.stdout);
    expect(replayed.traceHash).toBe(first.traceHash);
    expect(replayed.violations[0]).toMatchObject({ checker: first.checker, message: first.message });
  });

  it('prints one replay command per failing seed in text mode', () => {
    const result = raftsim(['explore', '--seeds', '5', '--bug', 'double-vote']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/explored 5 seeds \(1–5\)/);
    expect(result.stdout).toMatch(/replay: npx raftsim run --seed \d+ --duration 10s --bug double-vote/);
  });
});
