/**
 * The decisive property of the process protocol: a node spoken to over it runs exactly as the same node
 * in process. examples/protocol/serve-js.mjs serves a JavaScript module of the contract as a program
 * would; the same seed must give the same trace hash through the program as in process, with crashes
 * and restarts (a new process each), disk latencies (a Ready held across inputs), aligned timers (a
 * node's random source switched between calls), snapshots, membership changes and reads.
 */
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { programImplementation } from '../../bridge/index.js';
import type { ProgramImplementation } from '../../bridge/index.js';
import { referenceImplementation } from '../../core/index.js';
import type { RaftImplementation } from '../../core/index.js';
import { runConformance } from '../../conformance/index.js';
import { exploreSeedScenario, findNamedScenario, runScenario } from '../../scenarios/index.js';
import type { Scenario } from '../../scenarios/index.js';
import { ROOT } from '../cli-process.js';

const SERVE = resolve(ROOT, 'examples/protocol/serve-js.mjs');
const MINIMAL = resolve(ROOT, 'examples/minimal-raft.js');
const REFERENCE = resolve(ROOT, 'test/fixtures/protocol/reference-core.mjs');
const TEST_MS = 600_000;

const programs: ProgramImplementation[] = [];
afterAll(() => {
  for (const program of programs) program.close();
});

function served(module: string, flags = ''): ProgramImplementation {
  const program = programImplementation(`node ${SERVE} ${flags} ${module}`);
  programs.push(program);
  return program;
}

async function minimalRaft(): Promise<RaftImplementation> {
  const module = (await import(MINIMAL)) as { default: RaftImplementation };
  return module.default;
}

function hashes(scenario: Scenario, seed: number, inProcess: RaftImplementation, program: RaftImplementation): { inProcess: string; program: string; crashes: number } {
  const local = runScenario(scenario, { seed, implementation: inProcess, trace: 'hash' });
  const remote = runScenario(scenario, { seed, implementation: program, trace: 'hash' });
  return { inProcess: local.run.traceHash, program: remote.run.traceHash, crashes: remote.run.stats.crashes };
}

/** Swarm seeds of a short exploration: each draws its own cluster, faults, disk latency and options. */
function swarmSeed(seed: number): Scenario {
  return exploreSeedScenario(seed, { durationMs: 3000 });
}

describe('a node over the process protocol runs as it runs in process: the same seed, the same trace hash', () => {
  it('the reference core, with every optional part, on swarm seeds with crashes, restarts and disk latency', () => {
    const program = served(REFERENCE);
    expect(program.hello.features).toEqual(['transfer', 'snapshots', 'membership', 'reads']);
    let crashes = 0;
    for (const seed of [1, 3, 7, 10]) {
      const run = hashes(swarmSeed(seed), seed, referenceImplementation, program);
      expect(run.program, `seed ${seed}`).toBe(run.inProcess);
      crashes += run.crashes;
    }
    // The seeds must exercise what they are here for: nodes that crash and come back as new processes.
    expect(crashes).toBeGreaterThan(3);
  }, TEST_MS);

  it('examples/minimal-raft.js, answering every advance and with quietAdvance, on swarm seeds', async () => {
    const inProcess = await minimalRaft();
    for (const program of [served(MINIMAL), served(MINIMAL, '--quiet-advance')]) {
      for (const seed of [2, 5]) {
        const run = hashes(swarmSeed(seed), seed, inProcess, program);
        expect(run.program, `seed ${seed}, quietAdvance ${program.hello.quietAdvance}`).toBe(run.inProcess);
      }
    }
  }, TEST_MS);

  it('a split vote: election timers aligned mid-run switch the random stream a node draws from between calls', async () => {
    const scenario = findNamedScenario('split-vote')!;
    expect(JSON.stringify(scenario)).toContain('align-timers');
    const run = hashes(scenario, scenario.seed, await minimalRaft(), served(MINIMAL, '--random-per-call 0'));
    expect(run.program).toBe(run.inProcess);
  }, TEST_MS);

  it('a quiet advance is not waited for only when no request went out after the reply that carried its Ready', async () => {
    // truncation-and-append-in-one-ready steps a node twice before the host takes its Ready: the second
    // step's output stays in the program and comes with the advance's reply, which must be read.
    const only = ['truncation-and-append-in-one-ready'];
    const inProcess = runConformance(await minimalRaft(), only);
    const quiet = runConformance(served(MINIMAL, '--quiet-advance'), only);
    expect(inProcess.outcomes.map((test) => test.status)).toEqual(['passed']);
    expect(quiet.outcomes.map((test) => [test.name, test.status, test.message])).toEqual(inProcess.outcomes.map((test) => [test.name, test.status, test.message]));
  }, TEST_MS);
});
