/**
 * The Python example is the JavaScript one's counterpart, rule for rule: given the same inputs and the
 * same random numbers, examples/python/minimal_raft.py (over the process protocol) and
 * examples/minimal-raft.js (called in process) hand out the same Readies, results and draws. The inputs
 * are drawn at random, stale and contradictory ones included, for node 2 of three.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RaftImplementation, RaftNodeInstance } from '../../core/contract.js';
import { ROOT } from '../cli-process.js';
import { OPTIONS, programsKilledAfterEach, skipPythonTests } from './protocol-session.js';

type Input = { readonly call: 'create' } | { readonly call: 'tick' } | { readonly call: 'step'; readonly message: Record<string, unknown> } | { readonly call: 'propose'; readonly command: string };

const peer = fc.constantFrom(1, 3);
const small = fc.integer({ min: 0, max: 4 });
// A message's term, relative to the node's: mostly its own, so that votes and appends count.
const term = fc.constantFrom(-1, 0, 0, 0, 1);
const entries = fc.array(
  fc.record({ term: fc.integer({ min: 1, max: 4 }), kind: fc.constantFrom('command', 'noop'), command: fc.constantFrom('a', 'b', '') }),
  { maxLength: 3 },
);
const message = fc.oneof(
  fc.record({ type: fc.constant('RequestVoteRequest'), from: peer, to: fc.constant(2), term, lastLogIndex: small, lastLogTerm: small }),
  fc.record({ type: fc.constant('RequestVoteResponse'), from: peer, to: fc.constant(2), term, voteGranted: fc.boolean() }),
  fc.record({ type: fc.constant('AppendEntriesRequest'), from: peer, to: fc.constant(2), term, prevLogIndex: small, prevLogTerm: small, entries, leaderCommit: small }),
  fc.record({
    type: fc.constant('AppendEntriesResponse'),
    from: peer,
    to: fc.constant(2),
    term,
    success: fc.boolean(),
    matchIndex: small,
    rejectedIndex: small,
    conflictTerm: fc.constant(0),
    conflictIndex: small,
  }),
);
// Many ticks, so that elections happen between the messages.
const input: fc.Arbitrary<Input> = fc.oneof(
  { arbitrary: fc.constant({ call: 'tick' as const }), weight: 6 },
  { arbitrary: message.map((m) => ({ call: 'step' as const, message: m })), weight: 4 },
  { arbitrary: fc.constantFrom('x', 'y').map((command) => ({ call: 'propose' as const, command })), weight: 1 },
);

let javascript: RaftImplementation;
beforeAll(async () => {
  javascript = ((await import(pathToFileURL(join(ROOT, 'examples/minimal-raft.js')).href)) as { default: RaftImplementation }).default;
});

const startProgram = programsKilledAfterEach();

/** Runs `inputs` through both nodes; returns the first difference (or null) and the roles the nodes took. */
async function compare(inputs: readonly Input[], stream: readonly number[]): Promise<{ difference: string | null; roles: Set<string> }> {
  let drawn = 0; // how many numbers of the stream the nodes have used
  const numberAt = (position: number) => stream[position % stream.length]!;
  const random = { next: () => numberAt(drawn++) };
  const python = startProgram('examples/python/minimal_raft.py');
  await python.read();
  const calls: Input[] = [{ call: 'create' }, ...inputs];
  const roles = new Set<string>();
  let node: RaftNodeInstance | null = null;
  let currentTerm = 0;
  for (const [step, drawnInput] of calls.entries()) {
    const before = drawn;
    const each = drawnInput.call === 'step' ? { ...drawnInput, message: { ...drawnInput.message, term: Math.max(0, currentTerm + (drawnInput.message.term as number)) } } : drawnInput;
    const { call, ...fields } = each;
    const request = call === 'create' ? { node: { id: 2, members: [1, 2, 3], options: OPTIONS, persisted: null } } : fields;
    const reply = await python.request(call, [numberAt(before), numberAt(before + 1)], request);
    let result: unknown;
    if (node === null) node = javascript.create({ id: 2, members: [1, 2, 3], options: OPTIONS, random, persisted: null });
    else if (each.call === 'tick') node.tick();
    else if (each.call === 'step') node.step(structuredClone(each.message) as never);
    else if (each.call === 'propose') result = node.propose(each.command);
    const ready = node.hasReady() ? node.ready() : null;
    if (ready?.softState) roles.add(ready.softState.role);
    if (ready?.hardState) currentTerm = ready.hardState.term;
    const expected = { type: 'reply', id: reply.id, randomUsed: drawn - before, ready: JSON.parse(JSON.stringify(ready)) as unknown, ...(call === 'propose' ? { result } : {}) };
    if (JSON.stringify(reply) !== JSON.stringify(expected)) {
      return { difference: `after input ${step} (${JSON.stringify(each)}):\n python ${JSON.stringify(reply)}\n     js ${JSON.stringify(expected)}`, roles };
    }
    if (ready === null) continue;
    node.advance(ready);
    // raftsim takes one Ready at a time: the next comes after the advance.
    const advanced = await python.request('advance', [numberAt(drawn), numberAt(drawn + 1)]);
    if (advanced.ready !== null || advanced.randomUsed !== 0) return { difference: `advance after input ${step} answered ${JSON.stringify(advanced)}`, roles };
  }
  return { difference: null, roles };
}

describe.skipIf(skipPythonTests())('the Python minimal Raft and the JavaScript one', () => {
  it('hand out the same Readies, results and draws for the same inputs', async () => {
    const roles = new Set<string>();
    const stream = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 1, maxLength: 8 });
    await fc.assert(
      fc.asyncProperty(fc.array(input, { minLength: 50, maxLength: 300 }), stream, async (inputs, numbers) => {
        const compared = await compare(inputs, numbers);
        expect(compared.difference).toBeNull();
        for (const role of compared.roles) roles.add(role);
      }),
      { numRuns: 25 },
    );
    // The inputs reach every role of Figure 2, so every rule had its turn.
    expect([...roles].sort()).toEqual(['candidate', 'follower', 'leader']);
  });
});
