/**
 * The paper's Figure 7: a leader of term 8 and six followers whose logs went astray in different ways.
 * Each follower, with a node that votes for the leader, is driven through plain message exchange until
 * its log equals the leader's.
 */
import type { RaftImplementation } from '../core/contract.js';
import type { Message } from '../core/messages.js';
import type { ConformanceTest } from './test-case.js';
import { logOfTerms, termsOf, TEST_OPTIONS } from '../core/testing.js';
import { expectThat, Probe, tickUntilCandidate } from './probe.js';

const LEADER_LOG = [1, 1, 1, 4, 4, 5, 5, 6, 6, 6];

const FOLLOWER_LOGS: Record<string, readonly number[]> = {
  a: [1, 1, 1, 4, 4, 5, 5, 6, 6],
  b: [1, 1, 1, 4],
  c: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6],
  d: [1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7],
  e: [1, 1, 1, 4, 4, 4, 4],
  f: [1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3],
};

const MAX_ROUNDS = 60;
const MAX_MESSAGES_PER_ROUND = 10_000;

/** Delivers messages in the order sent until none are left. */
function deliverAll(probes: readonly Probe[], first: readonly Message[]): void {
  const queue = first.slice();
  for (let delivered = 0; queue.length > 0; delivered++) {
    expectThat(delivered < MAX_MESSAGES_PER_ROUND, `still exchanging messages after ${MAX_MESSAGES_PER_ROUND}`);
    const message = queue.shift()!;
    const target = probes[message.to - 1];
    expectThat(target !== undefined, `a message went to node ${message.to}, which is not in the cluster`);
    queue.push(...target!.step(message));
  }
}

function figure7Case(letter: string): ConformanceTest {
  const followerTerms = FOLLOWER_LOGS[letter]!;
  return {
    name: `figure-7-${letter}`,
    section: '§5.3, Figure 7',
    rule: `follower (${letter}) [${followerTerms}] ends with the log of the leader of term 8 [${LEADER_LOG}] (plus what the leader appends)`,
    run(implementation: RaftImplementation) {
      // An entry's command is named after its index and term, so entries agree exactly where their terms do.
      const leader = new Probe(implementation, { id: 1, term: 7, log: logOfTerms(LEADER_LOG) });
      const follower = new Probe(implementation, { id: 2, term: 7, log: logOfTerms(followerTerms) });
      const voter = new Probe(implementation, { id: 3, term: 7, log: logOfTerms(LEADER_LOG) });
      const probes = [leader, follower, voter];
      const { requests } = tickUntilCandidate(leader, TEST_OPTIONS.electionTimeoutMaxTicks + 1);
      deliverAll(probes, requests);
      expectThat(leader.role === 'leader' && leader.hardState.term === 8, `expected node 1 to lead term 8, got a ${leader.role} of term ${leader.hardState.term}`);
      deliverAll(probes, leader.propose('new').messages);
      for (let round = 0; round < MAX_ROUNDS && !sameLog(leader, follower); round++) deliverAll(probes, leader.tick(TEST_OPTIONS.heartbeatTicks));
      expectThat(sameLog(leader, follower), `after ${MAX_ROUNDS} heartbeats, expected the follower's log to equal the leader's [${termsOf(leader.log)}], got [${termsOf(follower.log)}]`);
      expectThat(leader.role === 'leader' && leader.hardState.term === 8, `expected node 1 still to lead term 8, got a ${leader.role} of term ${leader.hardState.term}`);
    },
  };
}

function sameLog(a: Probe, b: Probe): boolean {
  return a.log.length === b.log.length && a.log.every((entry, index) => entry.term === b.log[index]!.term && entry.command === b.log[index]!.command);
}

export const FIGURE_7_TESTS: readonly ConformanceTest[] = Object.keys(FOLLOWER_LOGS).map(figure7Case);
