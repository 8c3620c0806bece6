import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_BUGS } from '../bugs/index.js';
import { raftsim, replayArguments } from './cli-process.js';
import { FIRST_CATCHING_SEED } from './known-bug-seeds.js';

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
  expect(lines).toHaveLength(1);
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
    expect(report).toMatchObject({ seed: 81723, violations: [], failures: [], passed: true, virtualMs: 15_000 });
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

  it.each(KNOWN_BUGS.map((bug) => bug.name))('finds %s on its first catching seed, within the default count, and the replay reproduces it', (bug) => {
    const known = FIRST_CATCHING_SEED[bug]!;
    expect(known.seed).toBeLessThanOrEqual(2000);
    // A bug in a defence beyond Raft's fault model shows only under the attacks that defence is for.
    const attacks = KNOWN_BUGS.find((entry) => entry.name === bug)!.integrity === undefined ? [] : ['--attacks'];
    const result = raftsim(['explore', '--bug', bug, ...attacks, '--from', String(known.seed), '--seeds', '1', '--json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.failed.length).toBeGreaterThan(0);
    const first = report.failed[0];
    expect(first.checker).toBe(known.checker);
    expect(first.replay).toContain(`--seed ${first.seed}`);
    for (const flag of attacks) expect(first.replay).toContain(flag);
    const replay = raftsim([...replayArguments(first.replay), '--json']);
    expect(replay.status).toBe(1);
    const replayed = JSON.parse(replay.stdout);
    expect(replayed.traceHash).toBe(first.traceHash);
    expect(replayed.failures[0]).toMatchObject({ checker: first.checker, message: first.message });
  });

  it('prints one replay command per failing seed in text mode', () => {
    const result = raftsim(['explore', '--seeds', '5', '--bug', 'double-vote']);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/explored 5 seeds \(1–5\)/);
    expect(result.stdout).toMatch(/replay: npx raftsim run --seed \d+ --duration 10s --bug double-vote/);
  });
});

describe('raftsim scenarios, run --scenario, replay and shrink', () => {
  const workspace = mkdtempSync(join(tmpdir(), 'raftsim-cli-'));

  it('lists the named scenarios, as JSON too', () => {
    const listed = JSON.parse(raftsim(['scenarios', '--json']).stdout) as { name: string; description: string }[];
    expect(listed.length).toBeGreaterThanOrEqual(15);
    expect(listed.map((entry) => entry.name)).toEqual(expect.arrayContaining(['leader-crash', 'split-vote', 'figure-7', 'figure-8']));
    expect(raftsim(['scenarios']).stdout).toMatch(/^split-vote\s+The followers/m);
  });

  it('shows a scenario as YAML that can be saved, edited and run', () => {
    const shown = raftsim(['scenarios', 'show', 'split-vote']);
    expect(shown.status).toBe(0);
    const file = join(workspace, 'split.yaml');
    writeFileSync(file, shown.stdout.replace('seed: 17', 'seed: 17\n# edited by hand'));
    const run = raftsim(['run', '--scenario', file, '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ scenario: 'split-vote', passed: true, seed: 17 });
    expect(report.expectations.map((outcome: { passed: boolean }) => outcome.passed)).toEqual([true, true]);
    expect(raftsim(['scenarios', 'show', 'nope']).status).toBe(2);
  });

  it('runs a named scenario and shows its expectations', () => {
    const result = raftsim(['run', '--scenario', 'leader-crash']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/✓ expected a leader within 1\.500s after "crash"/);
  });

  it('a bad scenario file gets one line naming the file, the place and what was expected', () => {
    const file = join(workspace, 'bad.yaml');
    writeFileSync(file, 'name: bad\ntimeline:\n  - at: soon\n    heal: true\n');
    expectUsageError(['run', '--scenario', file], `${file}: timeline[0].at: expected number or a duration`);
    expectUsageError(['run', '--scenario', join(workspace, 'missing.yaml')], 'missing.yaml: cannot read it (no such file)');
    expectUsageError(['run', '--scenario', 'no-such-scenario'], 'neither a named scenario');
    expectUsageError(['run', '--scenario', 'split-vote', '--nodes', '3'], '--nodes cannot be combined with --scenario');
  });

  it('shrink writes a minimal scenario file that replay reproduces, exit 1', () => {
    const file = join(workspace, 'shrunk.yaml');
    const shrunk = raftsim(['shrink', '--seed', '1', '--bug', 'double-vote', '--out', file, '--json']);
    expect(shrunk.status).toBe(1);
    const report = JSON.parse(shrunk.stdout);
    expect(report).toMatchObject({ failed: true, checker: 'election-safety', file });
    expect(report.shrunk.actions).toBeLessThanOrEqual(report.original.actions);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^# Shrunk from seed 1/);
    expect(text).toContain(`# Replay: npx raftsim replay ${file} --bug double-vote`);
    const replay = raftsim(['replay', file, '--bug', 'double-vote', '--json']);
    expect(replay.status).toBe(1);
    expect(JSON.parse(replay.stdout).failures[0]).toMatchObject({ checker: 'election-safety', message: report.message });
    expect(raftsim(['replay', file]).status).toBe(0);
  });

  it('explore --shrink --out writes one shrunk file per failing seed; a file in the way is refused before any work', () => {
    const folder = join(workspace, 'failures');
    const result = raftsim(['explore', '--seeds', '3', '--bug', 'double-vote', '--shrink', '--out', folder, '--json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    for (const failure of report.failed) {
      expect(failure.shrunk.file).toBe(join(folder, `seed-${failure.seed}.yaml`));
      expect(existsSync(failure.shrunk.file)).toBe(true);
    }
    const blocker = join(workspace, 'a-file');
    writeFileSync(blocker, 'keep me');
    expectUsageError(['explore', '--seeds', '3', '--shrink', '--out', blocker], 'is a file, not a folder');
    expect(readFileSync(blocker, 'utf8')).toBe('keep me');
  });

  it('explore --scenario explores one scenario over many seeds', () => {
    const result = raftsim(['explore', '--scenario', 'leader-crash', '--seeds', '20', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ scenario: 'leader-crash', passed: 20 });
  });
});

describe('disk faults beyond Raft’s model', () => {
  it('explore --disk-faults lost-fsync shows the reference core failing, with a replay that keeps the mode', () => {
    const result = raftsim(['explore', '--seeds', '40', '--disk-faults', 'lost-fsync', '--json']);
    expect(result.status).toBe(1);
    const first = JSON.parse(result.stdout).failed[0];
    expect(first.replay).toContain('--disk-faults lost-fsync');
    expect(raftsim(replayArguments(first.replay)).status).toBe(1);
    expect(raftsim(['explore', '--seeds', '40', '--json']).status).toBe(0);
    expectUsageError(['run', '--disk-faults', 'sometimes'], '--disk-faults');
  });
});

describe('--policy', () => {
  it('switches a protocol option on top of a seed, and the replay command carries it', () => {
    const result = raftsim(['run', '--seed', '3', '--policy', 'preVote=true', '--policy', 'electionTimeout=150ms-300ms', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).replay).toBe('npx raftsim run --seed 3 --duration 10s --policy preVote=true --policy electionTimeout=150ms-300ms');
    const plain = raftsim(['run', '--seed', '3', '--json']);
    expect(JSON.parse(result.stdout).traceHash).not.toBe(JSON.parse(plain.stdout).traceHash);
  });

  it('refuses an unknown policy or a bad value', () => {
    expectUsageError(['run', '--policy', 'nope=1'], '--policy "nope" is not a policy');
    expectUsageError(['explore', '--policy', 'preVote=maybe'], '--policy preVote must be true or false');
    expectUsageError(['run', '--policy', 'electionTimeout=300ms-150ms'], 'low ≤ high');
  });
});
