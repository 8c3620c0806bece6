/**
 * Exploration over several workers gives what one worker gives, byte for byte, misbehaving seeds
 * included; a module given with --impl is loaded, re-run for its traces and shrunk only in workers.
 */
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTraceText } from '../formats/index.js';
import { batchSize } from '../cli/isolation/ordered-pool.js';
import { exploreSeedScenario } from '../scenarios/index.js';
import { raftsimIn, ROOT, stackTraceIn } from './cli-process.js';

const FIXTURES = resolve(ROOT, 'test/fixtures/misbehaving');
const WALL_MS = 240_000;
/** Each test may start a few CLIs, on a machine that may be busy. */
const TEST_MS = 360_000;

function folder(): string {
  return mkdtempSync(join(tmpdir(), 'raftsim-workers-'));
}

describe('explore --workers N gives the result of --workers 1', () => {
  it.concurrent('a known bug over 40 seeds: the same JSON and the same --stats file, byte for byte, failures in seed order', async () => {
    const [one, two] = [folder(), folder()];
    const args = (workers: string) => ['explore', '--bug', 'double-vote', '--seeds', '40', '--workers', workers, '--stats', 's.csv', '--json'];
    const [a, b] = await Promise.all([raftsimIn(one, args('1'), WALL_MS), raftsimIn(two, args('2'), WALL_MS)]);
    expect([a.status, b.status]).toEqual([1, 1]);
    expect(b.stdout).toBe(a.stdout);
    expect(readFileSync(join(two, 's.csv'), 'utf8')).toBe(readFileSync(join(one, 's.csv'), 'utf8'));
    const seeds = (JSON.parse(a.stdout) as { failed: { seed: number }[] }).failed.map((failure) => failure.seed);
    expect(seeds.length).toBeGreaterThan(3);
    expect(seeds).toEqual([...seeds].sort((x, y) => x - y));
  }, TEST_MS);

  it.concurrent('a seed that hangs fails alone as a hang, its worker is replaced, the later seeds run, and its --stats row names it', async () => {
    const [one, two] = [folder(), folder()];
    const impl = join(FIXTURES, 'hangs-with-four-nodes.js');
    const args = (workers: string) => ['explore', '--impl', impl, '--seeds', '5', '--workers', workers, '--seed-timeout', '3s', '--stats', 's.csv', '--json'];
    const [a, b] = await Promise.all([raftsimIn(one, args('1'), WALL_MS), raftsimIn(two, args('2'), WALL_MS)]);
    expect(a.status).toBe(1);
    expect(stackTraceIn(a.stderr)).toBeUndefined();
    const json = JSON.parse(a.stdout) as { seeds: number; passed: number; failed: { seed: number; kind: string }[] };
    expect(json.seeds).toBe(5);
    expect(json.failed.map((failure) => [failure.seed, failure.kind])).toEqual([[2, 'hang']]);
    expect(json.passed).toBe(4);
    expect(b.stdout).toBe(a.stdout);
    const csv = readFileSync(join(one, 's.csv'), 'utf8');
    expect(readFileSync(join(two, 's.csv'), 'utf8')).toBe(csv);
    const [header, ...rows] = csv.trimEnd().split('\n').map((row) => row.split(','));
    const cell = (row: string[], name: string) => row[header!.indexOf(name)];
    const hung = rows.find((row) => cell(row, 'seed') === '2')!;
    expect([cell(hung, 'passed'), cell(hung, 'failure'), cell(hung, 'messagesSent')]).toEqual(['false', 'hang', '']);
    expect(rows.filter((row) => cell(row, 'failure') === '' && cell(row, 'seed') !== '').length).toBe(4);
  }, TEST_MS);

  it.concurrent('a worker given several seeds at once loses none to a seed that ends it: that seed fails alone and the seeds after it run on a fresh worker', async () => {
    const [one, two] = [folder(), folder()];
    const impl = join(FIXTURES, 'exits-with-three-members.js');
    const seeds = 24;
    const threeMembers = Array.from({ length: seeds }, (_, index) => index + 1).filter((seed) => {
      const { cluster } = exploreSeedScenario(seed, {});
      return (cluster.members?.length ?? cluster.nodes) === 3;
    });
    // At one worker the first seeds go out together: a failing seed among them has seeds after it in what its worker was given.
    expect(threeMembers[0]).toBeLessThan(batchSize(seeds, 0, 1, 16));
    const args = (workers: string) => ['explore', '--impl', impl, '--seeds', String(seeds), '--workers', workers, '--json'];
    const [a, b] = await Promise.all([raftsimIn(one, args('1'), WALL_MS), raftsimIn(two, args('2'), WALL_MS)]);
    expect(a.status).toBe(1);
    const json = JSON.parse(a.stdout) as { seeds: number; passed: number; failed: { seed: number; kind: string }[] };
    expect(json.failed.map((failure) => [failure.seed, failure.kind])).toEqual(threeMembers.map((seed) => [seed, 'implementation-exit']));
    expect([json.seeds, json.passed]).toEqual([seeds, seeds - threeMembers.length]);
    expect(b.stdout).toBe(a.stdout);
  }, TEST_MS);

  it.concurrent('--workers must be a whole number from 1: bad input, one line, exit 2', async () => {
    const result = await raftsimIn(ROOT, ['explore', '--seeds', '2', '--workers', '0'], WALL_MS);
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual(['raftsim: --workers must be a whole number from 1 to 256, got 0']);
  }, TEST_MS);
});

describe('a module given with --impl runs only in workers', () => {
  it.concurrent('explore --out --shrink writes each failure\'s trace and explorer, and shrinks it, from runs in a worker', async () => {
    const cwd = folder();
    const impl = join(FIXTURES, 'double-vote.js');
    const result = await raftsimIn(cwd, ['explore', '--impl', impl, '--seeds', '4', '--workers', '2', '--out', 'fails', '--shrink', '--shrink-limit', '1', '--json'], WALL_MS);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as { implementation: string; failed: { seed: number; trace: string; traceHash: string; shrunk?: { file: string } }[] };
    expect(json.implementation).toBe('double-vote-module');
    const first = json.failed[0]!;
    const read = parseTraceText(readFileSync(join(cwd, first.trace), 'utf8'), first.trace);
    expect(read.ok).toBe(true);
    expect(readFileSync(join(cwd, first.shrunk!.file), 'utf8')).toContain('Fails election-safety');
    expect(readdirSync(join(cwd, 'fails')).filter((name) => name.endsWith('.html')).length).toBe(json.failed.length);
  }, TEST_MS);

  it.concurrent('run --impl streams its records from the worker: the trace file holds the run the summary describes', async () => {
    const cwd = folder();
    const result = await raftsimIn(cwd, ['run', '--impl', join(ROOT, 'examples/minimal-raft.js'), '--seed', '3', '--trace', 't.jsonl', '--json'], WALL_MS);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { traceHash: string; events: number; determinism: { deterministic: boolean } };
    expect(json.determinism.deterministic).toBe(true);
    const read = parseTraceText(readFileSync(join(cwd, 't.jsonl'), 'utf8'), 't.jsonl');
    expect(read.ok).toBe(true);
    if (read.ok) expect([read.trace.trailer.events, read.trace.trailer.traceHash]).toEqual([json.events, json.traceHash]);
  }, TEST_MS);

  it.concurrent.each([
    ['exits-on-load.js', 'implementation-exit'],
    ['loops-in-create.js', 'hang'],
  ])('a module that misbehaves as it loads (%s) is bad input for run, explore and conformance: one line naming it, exit 2', async (file, kind) => {
    const impl = join(FIXTURES, file);
    for (const command of [['run'], ['explore', '--seeds', '2'], ['conformance']]) {
      const result = await raftsimIn(ROOT, [...command, '--impl', impl, '--seed-timeout', '2s'], WALL_MS);
      expect(result.timedOut).toBe(false);
      expect(result.status, `${command[0]}: ${result.stderr}`).toBe(2);
      expect(stackTraceIn(result.stderr)).toBeUndefined();
      expect(result.stderr.trim().split('\n')).toEqual([expect.stringContaining(`${impl}: loading it ended in ${kind}`)]);
    }
  }, TEST_MS);
});
