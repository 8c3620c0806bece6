/**
 * An implementation under test that ends its process, hangs, fills its heap or throws outside the
 * simulator's calls: the built CLI reports it as the seed's failure, with its kind, the seed and a
 * replay command, exits 1, and never hangs itself or passes.
 */
import { describe, expect, it } from 'vitest';
import { raftsimIn, ROOT, stackTraceIn } from './cli-process.js';

const FIXTURES = 'test/fixtures/misbehaving';
const LIMITS = ['--seed-timeout', '2s', '--seed-memory', '64'];
const WALL_MS = 30_000;

const CASES = [
  { file: 'exits-zero.js', kind: 'implementation-exit', says: 'process.exit(0)' },
  { file: 'exits-three.js', kind: 'implementation-exit', says: 'process.exit(3)' },
  { file: 'loops-forever.js', kind: 'hang', says: 'no progress for 2 s of wall time' },
  // More time: a heap near its limit spends it collecting garbage, within one event, before it gives up.
  { file: 'allocates-forever.js', kind: 'out-of-memory', says: 'over the 64 MiB heap', timeout: '60s' },
  { file: 'throws-from-timer.js', kind: 'implementation-error', says: 'thrown from a timer' },
  { file: 'rejects-unhandled.js', kind: 'implementation-error', says: 'a promise nobody awaits' },
] as const;

describe('a misbehaving implementation fails its seed, never raftsim', () => {
  it.concurrent.each(CASES)('explore: $file fails every seed as $kind, with a replay command, and goes on to the next seed', async (expected) => {
    const { file, kind, says } = expected;
    const impl = `${FIXTURES}/${file}`;
    const limits = 'timeout' in expected ? ['--seed-timeout', expected.timeout, '--seed-memory', '64'] : LIMITS;
    const result = await raftsimIn(ROOT, ['explore', '--impl', impl, '--seeds', '2', ...limits, '--json'], WALL_MS * 4);
    expect(result.timedOut).toBe(false);
    expect(result.status).toBe(1);
    expect(stackTraceIn(result.stderr)).toBeUndefined();
    const json = JSON.parse(result.stdout) as { seeds: number; passed: number; failed: { seed: number; kind: string; message: string; replay: string }[] };
    expect(json.seeds).toBe(2);
    expect(json.passed).toBe(0);
    expect(json.failed.map((failure) => [failure.seed, failure.kind])).toEqual([[1, kind], [2, kind]]);
    expect(json.failed[0]!.message).toContain(says);
    expect(json.failed[0]!.message).toMatch(/at [\d.]+ ms of virtual time, in event [1-9]\d*/);
    expect(json.failed[1]!.replay).toBe(`npx raftsim run --seed 2 --duration 10s --impl ${impl}`);
  }, WALL_MS * 5);

  it.concurrent('explore prints the kind, the seed and the replay command as text', async () => {
    const result = await raftsimIn(ROOT, ['explore', '--impl', `${FIXTURES}/exits-zero.js`, '--seeds', '1', ...LIMITS], WALL_MS);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✗ implementation-exit (seed 1): the implementation ended its thread with process.exit(0)');
    expect(result.stdout).toContain(`replay: npx raftsim run --seed 1 --duration 10s --impl ${FIXTURES}/exits-zero.js`);
  });

  it.concurrent('run --impl reports a hang with its seed and replay command, exit 1', async () => {
    const result = await raftsimIn(ROOT, ['run', '--seed', '7', '--impl', `${FIXTURES}/loops-forever.js`, ...LIMITS], WALL_MS);
    expect(result.timedOut).toBe(false);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✗ hang (seed 7)');
    expect(result.stdout).toContain(`replay: npx raftsim run --seed 7 --duration 10s --impl ${FIXTURES}/loops-forever.js`);
  });

  it.concurrent('run --impl --json reports process.exit(0) as a failure, exit 1', async () => {
    const result = await raftsimIn(ROOT, ['run', '--impl', `${FIXTURES}/exits-zero.js`, ...LIMITS, '--json'], WALL_MS);
    expect(result.status).toBe(1);
    const json = JSON.parse(result.stdout) as { passed: boolean; failure: { kind: string; seed: number } };
    expect(json.passed).toBe(false);
    expect(json.failure).toMatchObject({ kind: 'implementation-exit', seed: 1 });
  });

  it.concurrent('conformance --impl reports a throwing timer as a failure with the command to run it again, exit 1', async () => {
    const impl = `${FIXTURES}/throws-from-timer.js`;
    const result = await raftsimIn(ROOT, ['conformance', '--impl', impl, ...LIMITS], WALL_MS);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✗ implementation-error');
    expect(result.stdout).toContain(`replay: npx raftsim conformance --impl ${impl}`);
  });
});
