/**
 * No program outlives raftsim: not after a run that passed, nor after one whose program hung past the
 * seed's wall-time limit (its worker thread is thrown away, and its programs with it), nor when raftsim
 * is interrupted with Ctrl-C in the middle of an exploration or a run.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raftsimIn, ROOT, startRaftsim } from '../cli-process.js';
import { leftOver, processesWith, uniqueMarker } from './processes.js';

const SERVE = resolve(ROOT, 'examples/protocol/serve-js.mjs');
const MINIMAL = resolve(ROOT, 'examples/minimal-raft.js');
const MISBEHAVING = resolve(ROOT, 'test/fixtures/protocol/misbehaving-node.mjs');
const WALL_MS = 240_000;
const TEST_MS = 360_000;

describe('every program started for --impl-cmd ends with raftsim', () => {
  it.concurrent('after a run that passed', async () => {
    const mark = uniqueMarker();
    const result = await raftsimIn(ROOT, ['run', '--seed', '3', '--duration', '3s', '--impl-cmd', `node ${SERVE} ${MINIMAL} ${mark}`], WALL_MS);
    expect(result.status).toBe(0);
    expect(await leftOver(mark)).toEqual([]);
  }, TEST_MS);

  it.concurrent('after a program that hangs for good outlasts the seed timeout, and its worker is thrown away', async () => {
    const mark = uniqueMarker();
    const args = ['run', '--seed', '1', '--duration', '2s', '--impl-cmd', `node ${MISBEHAVING} hang 12 ${mark}`, '--impl-timeout', '600000', '--seed-timeout', '2s'];
    const result = await raftsimIn(ROOT, args, WALL_MS);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('✗ hang (seed 1)');
    expect(await leftOver(mark)).toEqual([]);
  }, TEST_MS);

  it.concurrent('after Ctrl-C in the middle of an exploration', async () => {
    const mark = uniqueMarker();
    const cli = startRaftsim(['explore', '--seeds', '200', '--duration', '3s', '--workers', '2', '--impl-cmd', `node ${SERVE} ${MINIMAL} ${mark}`]);
    await cli.waitFor(() => processesWith(mark).length > 0, WALL_MS);
    cli.child.kill('SIGINT');
    const exited = await cli.exited;
    expect(exited.status).toBe(130);
    expect(await leftOver(mark)).toEqual([]);
  }, TEST_MS);

  it.concurrent('after Ctrl-C while a run waits on a program that hangs', async () => {
    const mark = uniqueMarker();
    const cli = startRaftsim(['run', '--seed', '1', '--duration', '2s', '--impl-cmd', `node ${MISBEHAVING} hang 12 ${mark}`, '--impl-timeout', '600000']);
    await cli.waitFor((stdout, stderr) => processesWith(mark).length > 0 && stderr === '' && stdout === '', WALL_MS);
    // Give the run time to reach the request the program never answers.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    cli.child.kill('SIGINT');
    const exited = await cli.exited;
    expect(exited.status).toBe(130);
    expect(await leftOver(mark)).toEqual([]);
  }, TEST_MS);
});
