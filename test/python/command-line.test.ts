/**
 * The Python example through raftsim's command line, as a student runs it: `--impl-cmd` with
 * examples/python/minimal_raft.py passes every conformance test and explores clean, and the broken copy
 * (test/fixtures/python/broken_vote.py, a vote granted without §5.4.1's check) is caught across the
 * process boundary with a replay command that names the program and fails again the same way.
 */
import { describe, expect, it } from 'vitest';
import { joinCommand, splitCommand } from '../../bridge/index.js';
import { ROOT, raftsimIn, stackTraceIn } from '../cli-process.js';
import { python, skipPythonTests } from './protocol-session.js';

const TIMEOUT_MS = 120_000;

/** The --impl-cmd that runs `script` with the interpreter python3 stands for. */
const commandFor = (script: string): string => joinCommand([python(), script]);

describe.skipIf(skipPythonTests())('the Python example through the command line', () => {
  it('passes every conformance test, exit 0', async () => {
    const run = await raftsimIn(ROOT, ['conformance', '--impl-cmd', commandFor('examples/python/minimal_raft.py')], TIMEOUT_MS);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/minimal_raft\.py: (\d+) conformance tests run, \1 passed, 0 failed, \d+ skipped \(\d+ strict, run with --strict; \d+ about optional methods it does not have\)/);
    expect(run.stdout).not.toMatch(/✗/);
  }, TIMEOUT_MS);

  it('explores clean, every checker on, with faults: crashes, partitions, loss, duplication, reordering', async () => {
    const run = await raftsimIn(ROOT, ['explore', '--seeds', '4', '--impl-cmd', commandFor('examples/python/minimal_raft.py')], TIMEOUT_MS);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^explored 4 seeds \(1–4\) of swarm scenarios against minimal_raft\.py: 4 passed, 0 failed/);
    expect(stackTraceIn(run.stderr)).toBeUndefined();
  }, TIMEOUT_MS);

  it('explores 100 seeds by default, not 2,000, since every event is a round trip to the program', async () => {
    // The first of five shards of 100 seeds in chunks of 25 has none, so the default shows without running a seed.
    const run = await raftsimIn(ROOT, ['explore', '--shard', '1/5', '--json', '--impl-cmd', commandFor('examples/python/minimal_raft.py')], TIMEOUT_MS);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ seeds: 0, shard: { range: { fromSeed: 1, seeds: 100 } } });
  }, TIMEOUT_MS);

  it('catches the broken copy, exit 1, with a replay command that repeats --impl-cmd and fails the same way', async () => {
    const command = commandFor('test/fixtures/python/broken_vote.py');
    const run = await raftsimIn(ROOT, ['explore', '--seeds', '1', '--impl-cmd', command], TIMEOUT_MS);
    expect(run.status, run.stdout + run.stderr).toBe(1);
    const violation = /^✗ (leader-completeness|election-safety|state-machine-safety) at .*\(event \d+, seed 1\).*$/m.exec(run.stdout);
    expect(violation, run.stdout).not.toBeNull();
    const replay = /^\s+replay: (npx raftsim run --seed 1 .*)$/m.exec(run.stdout)?.[1];
    expect(replay, run.stdout).toBeDefined();
    const words = splitCommand(replay!);
    expect(words.ok && words.words.slice(0, 2)).toEqual(['npx', 'raftsim']);
    const args = words.ok ? words.words.slice(2) : [];
    expect(args.slice(args.indexOf('--impl-cmd'), args.indexOf('--impl-cmd') + 2)).toEqual(['--impl-cmd', command]);
    const replayed = await raftsimIn(ROOT, args, TIMEOUT_MS);
    expect(replayed.status, replayed.stdout + replayed.stderr).toBe(1);
    expect(replayed.stdout).toContain(violation![0]);
  }, TIMEOUT_MS);
});
