/**
 * Failures across the process boundary are the program's, never raftsim's: each kind is reported as the
 * implementation's failure with the seed, the virtual time, the last request sent and line received, the
 * program's standard error and the command that replays it (exit 1), or, at load time, as bad input (one
 * line, exit 2). And whatever happens, no program outlives the run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raftsimIn, ROOT, stackTraceIn } from '../cli-process.js';
import { leftOver, uniqueMarker as marker } from './processes.js';

const MISBEHAVING = resolve(ROOT, 'test/fixtures/protocol/misbehaving-node.mjs');
const SERVE = resolve(ROOT, 'examples/protocol/serve-js.mjs');
const WALL_MS = 240_000;
const TEST_MS = 360_000;

function misbehaving(mode: string, mark: string): string {
  return `node ${MISBEHAVING} ${mode} 12 ${mark}`;
}

interface Case {
  readonly mode: string;
  readonly kind: string;
  readonly says: RegExp;
  readonly flags?: readonly string[];
}

const RUN_CASES: readonly Case[] = [
  { mode: 'exit', kind: 'implementation-exit', says: /node \d's program: exited with code 3/ },
  { mode: 'killed', kind: 'implementation-exit', says: /was killed by SIGKILL/ },
  { mode: 'print', kind: 'protocol-error', says: /wrote a line that is not JSON[^\n]*\n[^\n]*\n {2}last line received: debug: got here/ },
  { mode: 'malformed', kind: 'protocol-error', says: /wrote a line that is not JSON[^\n]*\n[^\n]*\n {2}last line received: \{"type":"reply","id":/ },
  { mode: 'wrong-id', kind: 'protocol-error', says: /a reply to request 19 where the reply to request 12 \(tick\) was due/ },
  { mode: 'quiet-output', kind: 'protocol-error', says: /output after a quiet advance/ },
  { mode: 'hang', kind: 'hang', says: /did not answer within 4000 ms \(--impl-timeout\)/, flags: ['--impl-timeout', '4000'] },
  { mode: 'slow', kind: 'hang', says: /did not answer within 4000 ms \(--impl-timeout\)/, flags: ['--impl-timeout', '4s'] },
];

describe('a program that misbehaves mid-run fails the run as the implementation, with its evidence, exit 1', () => {
  it.concurrent.each(RUN_CASES)('$mode: $kind', async ({ mode, kind, says, flags = [] }) => {
    const mark = marker();
    const command = misbehaving(mode, mark);
    const result = await raftsimIn(ROOT, ['run', '--seed', '1', '--duration', '2s', '--impl-cmd', command, ...flags], WALL_MS);
    expect(result.timedOut).toBe(false);
    expect(result.status).toBe(1);
    expect(stackTraceIn(result.stderr)).toBeUndefined();
    expect(result.stdout).toMatch(new RegExp(`✗ ${kind} \\(seed 1\\): node \\d's program: `));
    expect(result.stdout).toMatch(says);
    expect(result.stdout).toMatch(/\(at [\d.]+ ms of virtual time, in event \d+\)/);
    expect(result.stdout).toMatch(/ {2}last request sent: \{"id":\d+,"call":"\w+","random":\[/);
    expect(result.stdout).toContain(`misbehaving-node (${mode}): `);
    expect(result.stdout).toContain(`replay: npx raftsim run --seed 1 --duration 2s --impl-cmd '${command}'`);
    expect(await leftOver(mark)).toEqual([]);
  }, TEST_MS);

  it.concurrent('an error answered is the node\'s exception: an implementation-error at its seed and time, with the replay command', async () => {
    const mark = marker();
    const result = await raftsimIn(ROOT, ['run', '--seed', '1', '--duration', '2s', '--impl-cmd', misbehaving('error', mark)], WALL_MS);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/✗ implementation-error at [\d.]+ms \(event \d+, seed 1\): node \d threw: node \d's program answered request 12 \(tick\) with an error: KeyError: 4/);
    expect(result.stdout).toContain('replay: npx raftsim run --seed 1 --duration 2s --impl-cmd');
    expect(await leftOver(mark)).toEqual([]);
  }, TEST_MS);

  it.concurrent('--json names the kind and the seed', async () => {
    const mark = marker();
    const result = await raftsimIn(ROOT, ['run', '--seed', '4', '--duration', '2s', '--impl-cmd', misbehaving('print', mark), '--json'], WALL_MS);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as { passed: boolean; failure: { kind: string; seed: number; message: string }; replay: string };
    expect(json.passed).toBe(false);
    expect(json.failure).toMatchObject({ kind: 'protocol-error', seed: 4 });
    expect(json.failure.message).toContain('last line received: debug: got here');
    expect(json.replay).toContain(`--impl-cmd '${misbehaving('print', mark)}'`);
  }, TEST_MS);

  it.concurrent('explore fails the seed alone, goes on, and names the kind in its --stats rows', async () => {
    const mark = marker();
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-protocol-'));
    try {
      const result = await raftsimIn(folder, ['explore', '--seeds', '3', '--duration', '2s', '--workers', '2', '--impl-cmd', misbehaving('wrong-id', mark), '--stats', 's.csv', '--json'], WALL_MS);
      expect(result.status).toBe(1);
      const json = JSON.parse(result.stdout) as { seeds: number; failed: { seed: number; kind: string; replay: string }[] };
      expect(json.seeds).toBe(3);
      expect(json.failed.map((failure) => failure.kind)).toEqual(['protocol-error', 'protocol-error', 'protocol-error']);
      expect(json.failed[0]!.replay).toContain('--impl-cmd');
      expect(readFileSync(join(folder, 's.csv'), 'utf8')).toContain('protocol-error');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
    expect(await leftOver(mark)).toEqual([]);
  }, TEST_MS);

  it.concurrent('a program that gives two traces for one seed is reported as nondeterministic', async () => {
    const result = await raftsimIn(ROOT, ['run', '--seed', '2', '--duration', '2s', '--impl-cmd', `node ${SERVE} ${resolve(ROOT, 'test/fixtures/protocol/nondeterministic-raft.mjs')}`], WALL_MS);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/✗ determinism: seed 2 gave two different traces/);
  }, TEST_MS);
});

describe('a program that cannot start properly is bad input: one line naming it, exit 2', () => {
  it.concurrent.each([
    ['version', /the program speaks protocol version 2; raftsim speaks version 1/],
    ['feature', /the hello names a feature raftsim does not know: "teleport"/],
    ['exit-before-hello', /exited with code 1; its standard error ends: misbehaving-node \(exit-before-hello\): exiting before the hello/],
  ])('%s', async (mode, says) => {
    const mark = marker();
    const result = await raftsimIn(ROOT, ['run', '--impl-cmd', misbehaving(mode, mark)], WALL_MS);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(says);
    expect(result.stderr).toContain('--impl-cmd "node ');
    expect(await leftOver(mark)).toEqual([]);
  }, TEST_MS);

  it.concurrent.each([
    [['--impl-cmd', 'no-such-program-here --x'], /could not be started: no such program: no-such-program-here/],
    [['--impl-cmd', './README.md'], /could not be started: \.\/README\.md is not executable/],
    [['--impl-cmd', 'node a.js | tee log'], /"\|" at character 11 \(a pipe\): the command runs without a shell/],
    [['--impl-cmd', 'node a.js', '--impl', 'examples/minimal-raft.js'], /--impl-cmd cannot be combined with --impl/],
    [['--impl-cmd', 'node a.js', '--bug', 'double-vote'], /--bug cannot be combined with --impl-cmd/],
    [['--impl-timeout', '100'], /--impl-timeout needs --impl-cmd/],
  ])('%j', async (args, says) => {
    const result = await raftsimIn(ROOT, ['run', ...args], WALL_MS);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(says);
  }, TEST_MS);
});
