/** §5.2 and the contract: when the election timer restarts, and where its randomness comes from. */
import type { RaftImplementation } from '../core/contract.js';
import type { Message } from '../core/messages.js';
import type { ConformanceTest } from './test-case.js';
import { appendRequest, logOfTerms, messagesOfType, voteRequest, voteResponse } from '../core/testing.js';
import { expectThat, Probe, tickUntilCandidate } from './probe.js';

/** Ticks `times` times and says whether the node asked for votes meanwhile. */
function stoodWithin(probe: Probe, times: number): boolean {
  return messagesOfType(probe.tick(times), 'RequestVoteRequest').length > 0;
}

/** What a follower of term 5 with log [1, 5] may get from others than its leader, none of which restarts its timer. */
const NOT_FROM_THE_LEADER: readonly { what: string; message: Message }[] = [
  { what: 'a vote request of its term from a candidate whose log is behind its own', message: voteRequest(3, 1, 5, 1, 1) },
  { what: 'an AppendEntries of the older term 4', message: appendRequest({ from: 2, to: 1, term: 4, prevLogIndex: 0, prevLogTerm: 0 }) },
  { what: 'a vote response it did not ask for', message: voteResponse(3, 1, 5, false) },
];

/** How the node answered a request, in words. */
function answerOf(sent: readonly Message[]): string {
  const answers = sent.flatMap((message) => {
    if (message.type === 'RequestVoteResponse') return [message.voteGranted ? 'vote granted' : 'vote refused'];
    if (message.type === 'AppendEntriesResponse') return [message.success ? 'accepted' : 'refused'];
    return [];
  });
  return answers.length === 0 ? 'no answer' : `answered: ${answers.join(', ')}`;
}

export const TIMER_TESTS: readonly ConformanceTest[] = [
  {
    name: 'election-timer-reset-by-leader',
    section: '§5.2, Figure 2',
    rule: 'AppendEntries from the current leader restarts a follower’s election timer',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1 });
      expectThat(!stoodWithin(probe, 7), 'stood within 7 ticks of a 10-tick timeout');
      probe.step(appendRequest({ from: 2, to: 1, term: 1, prevLogIndex: 0, prevLogTerm: 0 }));
      expectThat(!stoodWithin(probe, 7), 'stood 7 ticks after hearing from its leader, with a 10-tick timeout');
      expectThat(stoodWithin(probe, 4), 'did not stand 11 ticks after its leader fell silent');
    },
  },
  {
    name: 'election-timer-reset-by-granted-vote',
    section: '§5.2, Figure 2',
    rule: 'granting a vote restarts a follower’s election timer',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1 });
      expectThat(!stoodWithin(probe, 7), 'stood within 7 ticks of a 10-tick timeout');
      const answers = probe.step(voteRequest(2, 1, 2, 0, 0));
      const granted = messagesOfType(answers, 'RequestVoteResponse').some((response) => response.voteGranted);
      expectThat(granted, `expected a vote granted to node 2, a candidate of the newer term 2 with an up-to-date log, got ${answerOf(answers)}`);
      expectThat(!stoodWithin(probe, 7), 'stood 7 ticks after granting a vote, with a 10-tick timeout');
    },
  },
  {
    name: 'election-timer-not-reset-by-others',
    section: '§5.2, Figure 2',
    rule: 'only the current leader or a granted vote restarts the timer: a refused vote request, a stale leader or a stray response does not',
    run(implementation: RaftImplementation) {
      for (const { what, message } of NOT_FROM_THE_LEADER) {
        const probe = new Probe(implementation, { term: 5, log: logOfTerms([1, 5]) });
        expectThat(!stoodWithin(probe, 7), 'stood within 7 ticks of a 10-tick timeout');
        const answers = probe.step(message);
        // Granting restarts the timer by right; that this vote should have been refused is the vote tests' to judge.
        if (messagesOfType(answers, 'RequestVoteResponse').some((response) => response.voteGranted)) continue;
        const stood = tickUntilCandidate(probe, 4).tick > 0;
        const late = stood ? 0 : tickUntilCandidate(probe, 20).tick;
        expectThat(stood, `got ${what} on tick 7 (${answerOf(answers)}), then did not stand by tick 11 with a 10-tick timeout: ${late === 0 ? 'nor by tick 31' : `it stood on tick ${11 + late}`}`);
      }
    },
  },
  {
    name: 'election-timeout-from-random-source',
    section: '§5.2, contract',
    rule: 'the election timeout is drawn from [min, max] ticks with the RandomSource the host gives, and nothing else',
    run(implementation: RaftImplementation) {
      const options = { electionTimeoutMinTicks: 10, electionTimeoutMaxTicks: 20 };
      // Several nodes each way, so that timeouts drawn from anywhere else cannot pass by luck.
      for (let attempt = 0; attempt < 5; attempt++) {
        const low = new Probe(implementation, { term: 1, options, random: { next: () => 0 } });
        const lowTick = tickUntilCandidate(low, 21).tick;
        expectThat(lowTick >= 10 && lowTick <= 11, `with every draw 0, expected to stand on tick 10 or 11, ${lowTick === 0 ? 'did not stand' : `stood on tick ${lowTick}`}`);
        const high = new Probe(implementation, { term: 1, options, random: { next: () => 0.999999 } });
        const highTick = tickUntilCandidate(high, 22).tick;
        expectThat(highTick >= 19 && highTick <= 21, `with every draw 0.999999, expected to stand on tick 19 to 21, ${highTick === 0 ? 'did not stand' : `stood on tick ${highTick}`}`);
      }
    },
  },
];
