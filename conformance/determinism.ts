/**
 * The contract's determinism: a node is a function of its inputs and the draws of its RandomSource. A
 * node that reads a clock, draws from Math.random or keeps state between instances gives two different
 * transcripts for the same inputs, and a seed could no longer replay a failure.
 */
import type { RaftImplementation } from '../core/contract.js';
import type { Message } from '../core/messages.js';
import { runSimulation, simulationOptions } from '../sim/index.js';
import type { ConformanceTest } from './test-case.js';
import { seededRandom } from '../core/testing.js';
import { expectThat, Probe } from './probe.js';

/**
 * How long the script keeps every message from being delivered. Alone, each node stands again and again,
 * and the tick of each candidacy shows one whole draw of its election timeout, so that a node drawing
 * from anywhere but its RandomSource cannot match its first run by luck. With timeouts of 10 to 20 ticks
 * (a conforming node stands by tick 21, see election-timeout-from-random-source) each node stands at
 * least floor(300 / 21) = 14 times here: 42 draws in all, each of which a second run must repeat to give
 * the same transcript. For draws uniform over the 11 allowed timeouts that happens with probability
 * 11^-42, about 2e-44; even a node choosing between only two timeouts at even odds matches with 2^-42,
 * about 2e-13. In the connected part that follows, a stable leader's heartbeats keep the timers from
 * firing, so there only the first election's draws show.
 */
const ISOLATED_STEPS = 300;
const CONNECTED_STEPS = 300;

/** A three-node cluster driven by a fixed script; returns every Ready of every node, as text. */
function scriptedTranscript(implementation: RaftImplementation): string {
  const options = { electionTimeoutMinTicks: 10, electionTimeoutMaxTicks: 20 };
  const probes = [1, 2, 3].map((id) => new Probe(implementation, { id, options, random: seededRandom(1000 + id) }));
  let proposals = 0;
  // How many Readies each node had handed out after each step: when things happened, not only what.
  const timeline: number[][] = [];
  for (let step = 0; step < ISOLATED_STEPS + CONNECTED_STEPS; step++) {
    const queue: Message[] = [];
    for (const probe of probes) queue.push(...probe.tick());
    const connected = step - ISOLATED_STEPS;
    // Once connected, every fifth exchange loses the messages to node 3, so that elections and catching up both happen.
    for (let index = 0; connected >= 0 && index < queue.length && index < 10_000; index++) {
      const message = queue[index]!;
      if (connected % 5 === 0 && message.to === 3) continue;
      queue.push(...probes[message.to - 1]!.step(message));
    }
    if (connected >= 0 && connected % 10 === 0) for (const probe of probes) if (probe.role === 'leader') probe.propose(`command-${++proposals}`);
    timeline.push(probes.map((probe) => probe.readies.length));
  }
  return JSON.stringify({ timeline, readies: probes.map((probe) => probe.readies) });
}

export const DETERMINISM_TESTS: readonly ConformanceTest[] = [
  {
    name: 'same-inputs-same-outputs',
    section: 'contract',
    rule: 'fresh nodes given the same inputs and the same random draws hand out the same Readies',
    run(implementation: RaftImplementation) {
      const first = scriptedTranscript(implementation);
      const second = scriptedTranscript(implementation);
      expectThat(first === second, 'two runs of one script gave different Readies: the node draws on something besides its inputs and its RandomSource');
    },
  },
  {
    name: 'same-seed-same-trace',
    section: 'contract',
    rule: 'a simulated run with crashes and a partition gives the same trace twice for one seed',
    run(implementation: RaftImplementation) {
      const options = simulationOptions({
        seed: 11,
        nodeCount: 3,
        durationMs: 3_000,
        implementation,
        trace: 'hash',
        stopOnViolation: true,
        faults: [
          { atMs: 800, action: { type: 'crash', nodes: 'leader' } },
          { atMs: 1_200, action: { type: 'restart', nodes: 'crashed' } },
          { atMs: 1_600, action: { type: 'partition', groups: [[1], 'rest'] } },
          { atMs: 2_200, action: { type: 'heal' } },
        ],
      });
      const first = runSimulation(options);
      const second = runSimulation(options);
      expectThat(first.traceHash === second.traceHash, `seed 11 gave the trace ${first.traceHash}, then ${second.traceHash}`);
    },
  },
];
