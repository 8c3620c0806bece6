/**
 * etcd's own raft library (etcd 3.4, Go) under raftsim, through examples/go/etcd-raft and the command
 * line: it passes conformance, explores a short fixed seed range clean, and gives one trace for one
 * seed in two processes; with etcd's clock-seeded election timeouts left alone (-etcd-own-random),
 * raftsim's determinism check says so. A failure here is raftsim judging real Raft wrongly, or a bug
 * in etcd 3.4: find out which before changing anything.
 */
import { describe, expect, it } from 'vitest';
import { joinCommand } from '../../bridge/index.js';
import { ROOT, raftsimIn, stackTraceIn } from '../cli-process.js';
import { etcdRaftProgram, skipGoTests } from './etcd-raft-program.js';

const TIMEOUT_MS = 240_000;
const SHORT = ['--duration', '3s'];

describe.skipIf(skipGoTests())('etcd/raft 3.4 (Go) through the process protocol', () => {
  const command = (...flags: string[]) => joinCommand([etcdRaftProgram(), ...flags]);

  it('passes every conformance test it is given, exit 0', async () => {
    const run = await raftsimIn(ROOT, ['conformance', '--impl-cmd', command()], TIMEOUT_MS);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/etcd\/raft 3\.4\.\d+ \(Go\): (\d+) conformance tests run, \1 passed, 0 failed/);
    expect(run.stdout).not.toMatch(/✗/);
  }, TIMEOUT_MS);

  it('explores seeds 1 to 3 clean, and two more with PreVote and CheckQuorum', async () => {
    const [drawn, sticky] = await Promise.all([
      raftsimIn(ROOT, ['explore', '--seeds', '3', ...SHORT, '--impl-cmd', command()], TIMEOUT_MS),
      raftsimIn(ROOT, ['explore', '--seeds', '2', '--from', '4', ...SHORT, '--policy', 'preVote=true', '--policy', 'checkQuorum=true', '--impl-cmd', command()], TIMEOUT_MS),
    ]);
    expect(drawn.status, drawn.stdout + drawn.stderr).toBe(0);
    expect(drawn.stdout).toMatch(/^explored 3 seeds \(1–3\) of swarm scenarios against etcd\/raft 3\.4\.\d+ \(Go\): 3 passed, 0 failed/);
    expect(sticky.status, sticky.stdout + sticky.stderr).toBe(0);
    expect(sticky.stdout).toMatch(/: 2 passed, 0 failed/);
    expect(stackTraceIn(drawn.stderr + sticky.stderr)).toBeUndefined();
  }, TIMEOUT_MS);

  it('gives the same trace for one seed in two processes', async () => {
    const args = ['run', '--seed', '5', ...SHORT, '--json', '--impl-cmd', command()];
    const runs = await Promise.all([raftsimIn(ROOT, args, TIMEOUT_MS), raftsimIn(ROOT, args, TIMEOUT_MS)]);
    for (const run of runs) expect(run.status, run.stdout + run.stderr).toBe(0);
    const [first, second] = runs.map((run) => JSON.parse(run.stdout) as { traceHash: string; events: number });
    expect(first!.events).toBeGreaterThan(1000);
    expect(second!.traceHash).toBe(first!.traceHash);
  }, TIMEOUT_MS);

  it('is reported as nondeterministic, exit 1, when etcd draws its election timeouts from its clock-seeded generator', async () => {
    const run = await raftsimIn(ROOT, ['run', '--seed', '5', '--nodes', '5', ...SHORT, '--impl-cmd', command('-etcd-own-random')], TIMEOUT_MS);
    expect(run.status, run.stdout + run.stderr).toBe(1);
    expect(run.stdout + run.stderr).toMatch(/determinism: seed 5 gave two different traces/);
  }, TIMEOUT_MS);
});
