/**
 * examples/python/raftsim_protocol.py, the module that lets a node's author write only the node, driven
 * over the process protocol with a probe node (test/fixtures/python/probe_node.py) that has no Raft in it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli-process.js';
import { programsKilledAfterEach, skipPythonTests } from './protocol-session.js';

const PROBE = 'test/fixtures/python/probe_node.py';

const startProgram = programsKilledAfterEach();
const start = () => startProgram(PROBE);

/** The line of `file` (from the root) that holds `text`, counted from 1. */
function lineOf(file: string, text: string): number {
  const lines = readFileSync(join(ROOT, file), 'utf8').split('\n');
  expect(lines.filter((line) => line.includes(text))).toHaveLength(1);
  return lines.findIndex((line) => line.includes(text)) + 1;
}

describe.skipIf(skipPythonTests())('the Python protocol helper', () => {
  it("says hello with the node class's name, features, extra message types and numbers per call", async () => {
    const session = start();
    expect(await session.read()).toEqual({
      type: 'hello',
      protocol: 1,
      name: 'probe',
      features: ['reads'],
      quietAdvance: false,
      extraMessageTypes: ['Ping'],
      randomPerCall: 3,
    });
  });

  it("sends what the node prints to standard error, keeping standard output for the protocol", async () => {
    const session = start();
    expect(await session.create(1, [1, 2, 3], [0.1, 0.2, 0.3])).toEqual({ type: 'reply', id: 1, randomUsed: 0, ready: null });
    expect(await session.endInput()).toBe(0);
    expect(session.stderr).toBe('node 1 created\n');
    expect(session.unread()).toEqual([]);
  });

  it('serves random numbers from the request first, then asks for one more at a time, and counts them all', async () => {
    const session = start();
    await session.create(1, [1, 2, 3], [0.5, 0.5, 0.5]);
    const id = session.sendRequest('propose', [0.1, 0.2, 0.30000000000000004], { command: 'draw 5' });
    expect(await session.read()).toEqual({ type: 'random', count: 1 });
    session.send({ type: 'random', values: [0.4] });
    expect(await session.read()).toEqual({ type: 'random', count: 1 });
    session.send({ type: 'random', values: [0.9999999999999999] });
    const reply = await session.read();
    expect(reply).toMatchObject({ type: 'reply', id, randomUsed: 5, ready: null });
    // Every double comes back as the same double: Python writes the shortest form that reads back.
    expect(reply.result).toEqual({ accepted: true, index: 1, term: 1, draws: [0.1, 0.2, 0.30000000000000004, 0.4, 0.9999999999999999] });
  });

  it('takes only the numbers the node uses, and asks for none while the request has enough', async () => {
    const session = start();
    await session.create(1, [1, 2, 3], []);
    expect(await session.request('propose', [0.25, 0.5, 0.75], { command: 'draw 1' })).toMatchObject({ randomUsed: 1, result: { draws: [0.25] } });
    expect(await session.request('propose', [0.5, 0.75, 0.125], { command: 'draw 0' })).toMatchObject({ randomUsed: 0, result: { draws: [] } });
  });

  it("answers the calls with a result with the node's return value, and the others without one", async () => {
    const session = start();
    await session.create(1, [1, 2, 3], []);
    expect(await session.request('read', [], { context: 7 })).toEqual({ type: 'reply', id: 2, randomUsed: 0, ready: null, result: true });
    expect(await session.request('read', [], { context: 8 })).toMatchObject({ id: 3, result: false });
    expect(await session.request('tick', [])).toEqual({ type: 'reply', id: 4, randomUsed: 0, ready: null });
    expect(await session.request('advance', [])).toEqual({ type: 'reply', id: 5, randomUsed: 0, ready: null });
  });

  it("turns an exception in the node into an error naming it and the node's line, and goes on", async () => {
    const session = start();
    await session.create(1, [1, 2, 3], []);
    const line = lineOf(PROBE, 'return log[4]');
    expect(await session.request('propose', [], { command: 'fail' })).toEqual({
      type: 'error',
      id: 2,
      message: `IndexError: list index out of range (probe_node.py line ${line})`,
    });
    expect(await session.request('tick', [])).toMatchObject({ type: 'reply', id: 3 });
    // The traceback goes to standard error (read once the program has ended: the two pipes are not ordered).
    expect(await session.endInput()).toBe(0);
    expect(session.stderr).toMatch(/\nTraceback[\s\S]*line \d+, in fifth_entry\n[\s\S]*IndexError/);
  });

  it('answers an unknown call, or a request before create, with an error', async () => {
    const session = start();
    await session.read();
    expect(await session.request('tick', [])).toMatchObject({ type: 'error', id: 1, message: expect.stringContaining('"tick" before create') });
    await session.request('create', [], { node: { id: 1, members: [1], options: {}, persisted: null } });
    expect(await session.request('dance', [])).toMatchObject({ type: 'error', id: 3, message: expect.stringContaining('unknown call "dance"') });
  });

  it('exits once its standard input ends', async () => {
    const session = start();
    await session.read();
    expect(await session.endInput()).toBe(0);
  });
});
