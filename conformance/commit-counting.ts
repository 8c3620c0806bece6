/**
 * §5.3 and Figure 2, leader side, case by case after etcd's paper tests: when a leader commits (a
 * majority at every cluster size, indices of two digits), what it tells its followers of that, how its
 * matchIndex and nextIndex start and move, and what an idle heartbeat carries.
 */
import type { RaftImplementation } from '../core/contract.js';
import type { AppendEntriesRequest, Message } from '../core/messages.js';
import type { ConformanceTest } from './test-case.js';
import { appendRefusal, appendRequest, appendSuccess, logOfTerms, messagesOfType, TEST_OPTIONS, voteResponse } from '../core/testing.js';
import type { NodeId } from '../core/types.js';
import { clusterOf, electLeader, exchangeWithFollowers, expectThat, majorityOf, Probe, tickUntilCandidate } from './probe.js';

/** A leader of a cluster of `size` elected by a bare majority, with one proposal; returns the proposal's index. */
function leaderWithProposal(implementation: RaftImplementation, size: number, setup: { term?: number; log?: ReturnType<typeof logOfTerms> } = {}) {
  const probe = new Probe(implementation, { term: 1, ...setup, members: clusterOf(size) });
  const term = electLeader(probe, clusterOf(size).slice(1, majorityOf(size)));
  const { result } = probe.propose('set x');
  expectThat(result.accepted, `in a cluster of ${size}, the leader refused a proposal: ${JSON.stringify(result)}`);
  return { probe, term, index: result.accepted ? result.index : 0 };
}

/** Whether an AppendEntries agrees with the leader's log: its prevLogTerm and entries are the leader's at those indexes. */
function consistencyProblem(probe: Probe, request: AppendEntriesRequest): string | null {
  const { prevLogIndex, prevLogTerm } = request;
  if (!Number.isInteger(prevLogIndex) || prevLogIndex < 0 || prevLogIndex > probe.log.length) return `prevLogIndex ${prevLogIndex} with ${probe.log.length} entries in the leader's log`;
  const expectedTerm = prevLogIndex === 0 ? 0 : probe.log[prevLogIndex - 1]!.term;
  if (prevLogTerm !== expectedTerm) return `prevLogTerm ${prevLogTerm} at index ${prevLogIndex}, where the leader's log holds term ${expectedTerm}`;
  const differs = request.entries.findIndex((entry, offset) => {
    const own = probe.log[prevLogIndex + offset];
    return own === undefined || own.term !== entry.term || own.command !== entry.command;
  });
  return differs < 0 ? null : `an entry at index ${prevLogIndex + differs + 1} that is not the leader's`;
}

export const COMMIT_COUNTING_TESTS: readonly ConformanceTest[] = [
  {
    name: 'commit-on-majority-at-every-size',
    section: '§5.3',
    rule: 'a leader commits its entry once a majority of the cluster holds it, itself included, and not before (clusters of 1 to 7: etcd’s acknowledge-commit rows and more)',
    run(implementation: RaftImplementation) {
      for (const size of [1, 2, 3, 4, 5, 6, 7]) {
        const majority = majorityOf(size);
        const { probe, term, index } = leaderWithProposal(implementation, size);
        const holders: NodeId[] = [1];
        const check = (): void => {
          const committed = probe.commitIndex >= index;
          const shouldCommit = holders.length >= majority;
          expectThat(committed === shouldCommit, `in a cluster of ${size} (a majority is ${majority}), index ${index} held by [${holders}]: expected it ${shouldCommit ? 'committed' : 'not committed'}, got commit index ${probe.commitIndex}`);
        };
        check();
        for (const follower of clusterOf(size).slice(1)) {
          probe.step(appendSuccess(follower, 1, term, index));
          holders.push(follower);
          check();
        }
      }
    },
  },
  {
    name: 'leader-commit-applied-and-carried',
    section: '§5.3, Figure 2',
    rule: 'a leader applies what it commits, and its later AppendEntries to followers that hold it carry that commit index as leaderCommit (clusters of 3 and 5)',
    run(implementation: RaftImplementation) {
      for (const size of [3, 5]) {
        const { probe, term, index } = leaderWithProposal(implementation, size);
        const holders = clusterOf(size).slice(1, majorityOf(size));
        for (const follower of holders) probe.step(appendSuccess(follower, 1, term, index));
        expectThat(probe.commitIndex >= index, `in a cluster of ${size}, index ${index} held by [1,${holders}] was not committed (commit index ${probe.commitIndex})`);
        expectThat(probe.applied.some((entry) => entry.command === 'set x'), `in a cluster of ${size}, the leader committed index ${index} but applied [${probe.applied.map((entry) => entry.command)}]`);
        const sent = exchangeWithFollowers(probe, [], holders, 2 * TEST_OPTIONS.heartbeatTicks);
        for (const follower of holders) {
          const carried = messagesOfType(sent, 'AppendEntriesRequest').filter((request) => request.to === follower).map((request) => request.leaderCommit);
          expectThat(carried.some((leaderCommit) => leaderCommit >= index), `in a cluster of ${size}, after committing index ${index}, the AppendEntries to node ${follower}, which holds it, carried leaderCommit [${carried}] over two heartbeat intervals`);
        }
      }
    },
  },
  {
    name: 'commit-index-at-two-digit-indexes',
    section: '§5.3',
    rule: 'the commit index is the highest index of the leader’s term a majority holds, at indexes of 10 and above too (clusters of 3 and 5)',
    run(implementation: RaftImplementation) {
      const acknowledgements: Record<number, [NodeId, number][]> = { 3: [[2, 10], [3, 9], [3, 12]], 5: [[2, 12], [3, 10], [4, 9], [5, 11]] };
      for (const size of [3, 5]) {
        const probe = new Probe(implementation, { term: 1, log: logOfTerms([1, 1, 1, 1, 1, 1, 1, 1]), members: clusterOf(size) });
        const term = electLeader(probe, clusterOf(size).slice(1, majorityOf(size)));
        for (const command of ['a', 'b', 'c']) probe.propose(command);
        const last = probe.log.length;
        expectThat(last >= 12, `in a cluster of ${size}, expected the leader's log to reach index 12 after three proposals, got ${last} entries`);
        const matched = new Map<NodeId, number>([[1, last]]);
        for (const [follower, matchIndex] of acknowledgements[size]!) {
          probe.step(appendSuccess(follower, 1, term, matchIndex));
          matched.set(follower, Math.max(matched.get(follower) ?? 0, matchIndex));
          const expected = highestOwnTermIndexOfMajority(probe, term, [...matched.values()], majorityOf(size));
          const held = [...matched].map(([node, match]) => `${node}:${match}`).join(', ');
          expectThat(probe.commitIndex === expected, `in a cluster of ${size}, with match indexes ${held}, expected commit index ${expected}, got ${probe.commitIndex}`);
        }
      }
    },
  },
  {
    name: 'match-index-reset-on-election',
    section: 'Figure 2, §5.3',
    rule: 'a leader elected again starts every matchIndex at 0: what its earlier leadership learned may have been truncated since',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1, members: clusterOf(5) });
      const first = electLeader(probe, [2, 3]);
      for (const command of ['a', 'b', 'c', 'd']) probe.propose(command);
      const acknowledged = probe.log.length;
      probe.step(appendSuccess(2, 1, first, acknowledged));
      // Node 3 leads the next term with an entry of its own at index 2, replacing what node 1 appended.
      probe.step(appendRequest({ from: 3, to: 1, term: first + 1, prevLogIndex: 1, prevLogTerm: first, entries: [{ term: first + 1, kind: 'command', command: 'other' }] }));
      expectThat(probe.log.length === 2, `expected node 1's log cut to 2 entries by node 3's AppendEntries, got ${probe.log.length}`);
      const { tick } = tickUntilCandidate(probe, 11);
      expectThat(tick > 0, 'node 1 did not stand again within 11 ticks');
      const second = probe.hardState.term;
      for (const voter of [4, 5]) probe.step(voteResponse(voter, 1, second, true));
      expectThat(probe.role === 'leader', `expected node 1 to lead term ${second} with the votes of 4 and 5, got a ${probe.role}`);
      for (const command of ['e', 'f']) probe.propose(command);
      const last = probe.log.length;
      probe.step(appendSuccess(4, 1, second, last));
      expectThat(probe.commitIndex <= 2, `in term ${second}, index ${probe.commitIndex} was committed held by nodes 1 and 4 alone of 5 (a majority is 3); node 2 acknowledged index ${acknowledged} only in term ${first}, before the truncation`);
      probe.step(appendSuccess(5, 1, second, last));
      expectThat(probe.commitIndex === last, `expected index ${last} committed once nodes 1, 4 and 5 hold it, got commit index ${probe.commitIndex}`);
    },
  },
  ...nextIndexTests(),
  {
    name: 'idle-heartbeat-contents',
    section: '§5.2, §5.3, Figure 2',
    rule: 'every AppendEntries of an idle leader, heartbeats included, carries its term, a prevLogIndex and prevLogTerm from its own log, its own entries, and a leaderCommit no higher than its commit index',
    run(implementation: RaftImplementation) {
      const { probe, term, index } = leaderWithProposal(implementation, 3);
      probe.step(appendSuccess(2, 1, term, index));
      const sent = messagesOfType(exchangeWithFollowers(probe, [], [2, 3], 3 * TEST_OPTIONS.heartbeatTicks), 'AppendEntriesRequest');
      expectThat(new Set(sent.map((request) => request.to)).size === 2, `expected AppendEntries to nodes 2 and 3 over three heartbeat intervals, got them to [${[...new Set(sent.map((request) => request.to))]}]`);
      for (const request of sent) {
        const problem = consistencyProblem(probe, request);
        expectThat(request.term === term, `an AppendEntries to node ${request.to} carried term ${request.term}; the leader's term is ${term}`);
        expectThat(problem === null, `an AppendEntries to node ${request.to} carried ${problem}`);
        expectThat(request.leaderCommit <= probe.commitIndex, `an AppendEntries to node ${request.to} carried leaderCommit ${request.leaderCommit} above the leader's commit index ${probe.commitIndex}`);
      }
    },
  },
];

/** The highest index of `term` that `majority` of the match indexes reach, counted one index at a time; 0 if none. */
function highestOwnTermIndexOfMajority(probe: Probe, term: number, matchIndexes: readonly number[], majority: number): number {
  for (let index = probe.log.length; index > 0; index--) {
    if (probe.log[index - 1]!.term !== term) return 0;
    if (matchIndexes.filter((match) => match >= index).length >= majority) return index;
  }
  return 0;
}

/**
 * The leader's nextIndex for a follower whose log is empty, backed up by refusals that the network
 * duplicates: it never drops below 1 (prevLogIndex 0). A late refusal may send it below what the
 * follower acknowledged (Figure 2 says only "decrement nextIndex and retry"): that is safe, so no test
 * holds a leader to ignoring it.
 */
function nextIndexTests(): ConformanceTest[] {
  /**
   * Answers AppendEntries to node 2 as a follower that starts empty would, each refusal twice, for at
   * most `rounds` heartbeat intervals; returns how many of the leader's entries node 2 ends with and the
   * prevLogIndexes of the leader's last requests to it.
   */
  function repairEmptyFollower(probe: Probe, term: number, first: readonly Message[], rounds: number): { held: number; lastSent: number[] } {
    let held = 0;
    let pending = messagesOfType(first, 'AppendEntriesRequest').filter((request) => request.to === 2);
    let lastSent = pending.map((request) => request.prevLogIndex);
    for (let round = 0; round < rounds && held < probe.log.length; round++) {
      const next: Message[] = [];
      for (const request of pending) {
        expectThat(request.prevLogIndex >= 0, `the leader sent node 2 prevLogIndex ${request.prevLogIndex}: nextIndex went below 1`);
        if (request.prevLogIndex <= held) {
          held = Math.max(held, request.prevLogIndex + request.entries.length);
          next.push(...probe.step(appendSuccess(2, 1, term, request.prevLogIndex + request.entries.length)));
        } else for (let copy = 0; copy < 2; copy++) next.push(...probe.step({ ...appendRefusal(2, 1, term, request.prevLogIndex), conflictIndex: held + 1 }));
      }
      next.push(...probe.tick(TEST_OPTIONS.heartbeatTicks));
      pending = messagesOfType(next, 'AppendEntriesRequest').filter((request) => request.to === 2);
      if (pending.length > 0) lastSent = pending.map((request) => request.prevLogIndex);
    }
    return { held, lastSent };
  }
  function leaderWithLog(implementation: RaftImplementation) {
    const probe = new Probe(implementation, { term: 1, log: logOfTerms([1, 1]) });
    const { requests } = tickUntilCandidate(probe, 11);
    expectThat(requests.length > 0, 'node 1 did not stand within 11 ticks');
    const term = probe.hardState.term;
    const sent = probe.step(voteResponse(3, 1, term, true));
    expectThat(probe.role === 'leader', `expected node 1 to lead term ${term} with node 3's vote, got a ${probe.role}`);
    return { probe, term, sent };
  }
  return [
    {
      name: 'next-index-floor',
      section: 'Figure 2, §5.3',
      rule: 'a leader backing up nextIndex for an empty follower, through duplicated refusals, never goes below index 1 and ends with the follower’s log equal to its own',
      run(implementation: RaftImplementation) {
        const { probe, term, sent } = leaderWithLog(implementation);
        const rounds = 20;
        const { held, lastSent } = repairEmptyFollower(probe, term, sent, rounds);
        const last = lastSent.length === 0 ? 'the leader never sent it an AppendEntries' : `the leader's last AppendEntries to it had prevLogIndex [${lastSent}]`;
        expectThat(held === probe.log.length, `after ${rounds} heartbeat intervals of repair, node 2 holds ${held} of the leader's ${probe.log.length} entries: ${last}`);
      },
    },
  ];
}
