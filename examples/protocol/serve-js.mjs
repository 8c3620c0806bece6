#!/usr/bin/env node
/**
 * Serves a JavaScript module of the node contract (docs/contract.md) over the process protocol
 * (docs/protocol.md), as a program in any other language would speak it:
 *
 *   raftsim run --impl-cmd "node examples/protocol/serve-js.mjs examples/minimal-raft.js"
 *   raftsim run --impl-cmd "node examples/protocol/serve-js.mjs --quiet-advance examples/minimal-raft.js"
 *
 * It is a complete program of the protocol in plain JavaScript, with nothing of raftsim's imported: a
 * reference for anyone writing one, and the test that a node spoken to over the protocol runs exactly
 * as it runs in process (the same seed gives the same trace hash).
 *
 * Flags: --quiet-advance declares quietAdvance in the hello (only for a node whose advance never
 * produces output, such as examples/minimal-raft.js); --random-per-call N sets how many random numbers
 * each request carries.
 *
 * It reads its input with blocking reads, so that a node's draw of a random number can ask raftsim for
 * more in the middle of a call, as the contract's synchronous RandomSource requires.
 */
/* global process, Buffer */
import { readSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const quietAdvance = args.includes('--quiet-advance');
const perCallAt = args.indexOf('--random-per-call');
const randomPerCall = perCallAt < 0 ? 2 : Number(args[perCallAt + 1]);
const modulePath = args.find((arg, index) => !arg.startsWith('--') && !(perCallAt >= 0 && index === perCallAt + 1));
if (modulePath === undefined) {
  process.stderr.write('usage: serve-js.mjs [--quiet-advance] [--random-per-call N] MODULE\n');
  process.exit(2);
}

// ---- Lines in and out ------------------------------------------------------------------------------

const input = Buffer.alloc(1 << 16);
let pending = '';

/** The next line of standard input, or null at its end. */
function readLine() {
  for (;;) {
    const newline = pending.indexOf('\n');
    if (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      return line;
    }
    let count;
    try {
      count = readSync(0, input, 0, input.length, null);
    } catch (error) {
      // A non-blocking descriptor has nothing yet: wait a moment and read again.
      if (error.code === 'EAGAIN') {
        pause();
        continue;
      }
      if (error.code === 'EOF') return null;
      throw error;
    }
    if (count === 0) return null;
    pending += input.toString('utf8', 0, count);
  }
}

function writeLine(value) {
  const bytes = Buffer.from(`${JSON.stringify(value)}\n`, 'utf8');
  // writeSync may write only part of a long line to a pipe: the rest follows.
  for (let written = 0; written < bytes.length; ) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      if (error.code !== 'EAGAIN') throw error;
      pause();
    }
  }
}

/** A millisecond's sleep, while a non-blocking pipe is not ready. */
function pause() {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}

// ---- The module ------------------------------------------------------------------------------------

const module = await import(pathToFileURL(resolve(modulePath)).href);
const implementation = [module.implementation, module.default, module.default?.implementation, module.default?.default, module].find(
  (candidate) => candidate !== null && typeof candidate === 'object' && typeof candidate.create === 'function' && typeof candidate.name === 'string',
);
if (implementation === undefined) {
  process.stderr.write(`serve-js: ${modulePath} exports no { name, create(config) }\n`);
  process.exit(2);
}

/** The optional parts the module's nodes have, as the hello names them. */
function featuresOf() {
  const sample = implementation.create({
    id: 1,
    members: [1, 2, 3],
    options: { electionTimeoutMinTicks: 10, electionTimeoutMaxTicks: 20, heartbeatTicks: 5, maxEntriesPerAppend: 64, maxInflightAppends: 16, preVote: false, checkQuorum: false, leaseReads: false, leaseClockDrift: 0.3 },
    random: { next: () => 0.5 },
    persisted: null,
  });
  const methods = { transfer: 'transferLeadership', snapshots: 'compact', membership: 'proposeConfigChange', reads: 'read' };
  return Object.keys(methods).filter((feature) => typeof sample[methods[feature]] === 'function');
}

// ---- The node's randomness: the numbers of the request, then more asked for ---------------------------

let given = [];
let used = 0;
const random = {
  next() {
    if (used === given.length) {
      writeLine({ type: 'random', count: 1 });
      const answer = JSON.parse(readLine() ?? 'null');
      given = given.concat(answer.values);
    }
    return given[used++];
  },
};

// ---- The conversation ---------------------------------------------------------------------------------

let node = null;
/** The Ready handed out and not yet advanced: until its advance, no other is handed out. */
let outstanding = null;

function handle(request) {
  switch (request.call) {
    case 'create':
      node = implementation.create({ ...request.node, random });
      return undefined;
    case 'tick':
      return node.tick();
    case 'step':
      return node.step(request.message);
    case 'propose':
      return node.propose(request.command);
    case 'advance': {
      const ready = outstanding;
      outstanding = null;
      return node.advance(ready);
    }
    case 'transferLeadership':
      return node.transferLeadership(request.to);
    case 'compact':
      return node.compact(request.index, request.data);
    case 'proposeConfigChange':
      return node.proposeConfigChange(request.change);
    case 'read':
      return node.read(request.context);
    default:
      throw new Error(`unknown call ${request.call}`);
  }
}

writeLine({ type: 'hello', protocol: 1, name: implementation.name, features: featuresOf(), extraMessageTypes: implementation.extraMessageTypes ?? [], quietAdvance, randomPerCall });

for (let line = readLine(); line !== null; line = readLine()) {
  const request = JSON.parse(line);
  given = request.random;
  used = 0;
  try {
    const result = handle(request);
    // What create leaves, the host takes with the next call's reply, as it takes a module's.
    let ready = null;
    if (request.call !== 'create' && outstanding === null && node.hasReady()) ready = outstanding = node.ready();
    writeLine(result === undefined ? { type: 'reply', id: request.id, randomUsed: used, ready } : { type: 'reply', id: request.id, randomUsed: used, ready, result });
  } catch (error) {
    writeLine({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) });
  }
}
