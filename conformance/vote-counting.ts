/**
 * §5.2 and §5.4.1, case by case after etcd's paper tests: how a candidate counts its votes (grants
 * only, of its own election, from a majority of the cluster at every size), the voter's up-to-date
 * rule row by row, and how a node starts and falls back.
 */
import type { RaftImplementation } from '../core/contract.js';
import type { ConformanceTest } from './test-case.js';
import { appendRequest, logOfTerms, messagesOfType, voteRequest, voteResponse } from '../core/testing.js';
import type { NodeId } from '../core/types.js';
import { clusterOf, expectThat, majorityOf, onlyMessage, Probe, tickUntilCandidate, tickUntilTermAbove } from './probe.js';

const SIZES = [1, 2, 3, 4, 5, 6, 7];

/** A node of a cluster of `size` that has just stood; returns it and the term of its election. */
function standingCandidate(implementation: RaftImplementation, size: number): { probe: Probe; term: number } {
  const probe = new Probe(implementation, { term: 1, members: clusterOf(size) });
  expectThat(tickUntilCandidate(probe, 11).tick > 0, `in a cluster of ${size}, node 1 did not stand within 11 ticks`);
  return { probe, term: probe.hardState.term };
}

/** Delivers granted votes of `term` one at a time; fails if the candidate leads before `winsAt` of them (1-based) or not after it. */
function expectWinsOnVote(probe: Probe, term: number, voters: readonly NodeId[], winsAt: number, setting: string): void {
  const counted: NodeId[] = [probe.id];
  voters.forEach((voter, position) => {
    probe.step(voteResponse(voter, probe.id, term, true));
    counted.push(voter);
    const shouldLead = position + 1 >= winsAt;
    expectThat(
      (probe.role === 'leader') === shouldLead,
      `${setting}: with the votes of [${counted}] in term ${term}, expected ${shouldLead ? 'a leader' : 'no leader yet'}, got a ${probe.role}`,
    );
  });
}

export const VOTE_COUNTING_TESTS: readonly ConformanceTest[] = [
  {
    name: 'election-won-by-majority-of-grants',
    section: '§5.2',
    rule: 'a candidate wins once a majority of the cluster granted its vote, itself included, and not before; refusals count for nothing (clusters of 1 to 7)',
    run(implementation: RaftImplementation) {
      for (const size of SIZES) {
        const majority = majorityOf(size);
        const { probe, term } = standingCandidate(implementation, size);
        if (size === 1) {
          expectThat(probe.role === 'leader', `a node alone in its cluster stood but is a ${probe.role}, not its leader`);
          continue;
        }
        expectThat(probe.role !== 'leader', `in a cluster of ${size}, node 1 leads term ${term} with only its own vote; a majority is ${majority}`);
        const granting = clusterOf(size).slice(1, majority);
        const refusing = clusterOf(size).slice(majority);
        for (const voter of refusing) probe.step(voteResponse(voter, probe.id, term, false));
        expectThat(probe.role !== 'leader', `in a cluster of ${size}, node 1 leads term ${term} after the refusals of [${refusing}] alone`);
        expectWinsOnVote(probe, term, granting, granting.length, `in a cluster of ${size} (a majority is ${majority}), refused by [${refusing}]`);
        // One grant short of a majority, every other answer a refusal: no leader, and no new term.
        const { probe: losing, term: lostTerm } = standingCandidate(implementation, size);
        const others = clusterOf(size).slice(1);
        const losingGrants = others.slice(0, majority - 2);
        for (const voter of others.slice(majority - 2)) losing.step(voteResponse(voter, losing.id, lostTerm, false));
        for (const voter of losingGrants) losing.step(voteResponse(voter, losing.id, lostTerm, true));
        expectThat(
          losing.role !== 'leader' && losing.hardState.term === lostTerm,
          `in a cluster of ${size}, granted by [${losingGrants}] and refused by the other ${others.length - losingGrants.length}, expected no leader in term ${lostTerm}, got a ${losing.role} of term ${losing.hardState.term}`,
        );
      }
    },
  },
  {
    name: 'stale-vote-replies-ignored',
    section: '§5.1, §5.2',
    rule: 'a candidate counts only votes of its current election: grants from its earlier election are stale (clusters of 3 and 5)',
    run(implementation: RaftImplementation) {
      for (const size of [3, 5]) {
        const { probe, term: first } = standingCandidate(implementation, size);
        const { tick } = tickUntilTermAbove(probe, first, 11);
        const second = probe.hardState.term;
        expectThat(tick > 0 && second > first, `in a cluster of ${size}, the candidate of term ${first} did not stand again within 11 ticks`);
        const voters = clusterOf(size).slice(1, majorityOf(size));
        for (const voter of voters) probe.step(voteResponse(voter, probe.id, first, true));
        expectThat(probe.role !== 'leader', `in a cluster of ${size}, the candidate of term ${second} leads with the votes [${voters}] granted in term ${first}`);
        expectWinsOnVote(probe, second, voters, voters.length, `in a cluster of ${size}, after stale grants of term ${first}`);
      }
    },
  },
  {
    name: 'tally-reset-for-each-election',
    section: '§5.2',
    rule: 'each election counts its own votes: a candidate standing again forgets the grants of its previous election (clusters of 4 to 7)',
    run(implementation: RaftImplementation) {
      for (const size of [4, 5, 6, 7]) {
        const majority = majorityOf(size);
        const { probe, term: first } = standingCandidate(implementation, size);
        const earlier = clusterOf(size).slice(1, majority - 1);
        for (const voter of earlier) probe.step(voteResponse(voter, probe.id, first, true));
        expectThat(probe.role === 'candidate', `in a cluster of ${size}, with the votes of [1,${earlier}] in term ${first}, expected a candidate, got a ${probe.role}`);
        expectThat(tickUntilTermAbove(probe, first, 11).tick > 0, `in a cluster of ${size}, the candidate of term ${first} did not stand again within 11 ticks`);
        const second = probe.hardState.term;
        // A fresh voter first, then the earlier ones again: the win comes only with the last of them.
        expectWinsOnVote(probe, second, [majority, ...earlier], earlier.length + 1, `in a cluster of ${size}, after the grants of [${earlier}] in term ${first}`);
      }
    },
  },
  ...voterRows(),
  {
    name: 'candidate-falls-back-on-higher-term',
    section: '§5.2, §5.1',
    rule: 'a candidate that receives AppendEntries of a higher term adopts the term and follows its sender',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1 });
      expectThat(tickUntilCandidate(probe, 11).tick > 0, 'the node did not stand within 11 ticks');
      const higher = probe.hardState.term + 1;
      const response = onlyMessage(probe.step(appendRequest({ from: 2, to: 1, term: higher, prevLogIndex: 0, prevLogTerm: 0 })), 'AppendEntriesResponse', 'to the leader');
      expectThat(probe.role === 'follower' && probe.leaderId === 2, `expected a follower of node 2, got a ${probe.role} following ${probe.leaderId}`);
      expectThat(probe.hardState.term === higher && response.term === higher && response.success, `expected term ${higher} persisted and a success of that term, got term ${probe.hardState.term} and success ${response.success} in term ${response.term}`);
    },
  },
  {
    name: 'starts-as-follower',
    section: '§5.2',
    rule: 'a node starts, fresh or restarted, as a follower of its persisted term, and sends nothing before its election timeout',
    run(implementation: RaftImplementation) {
      for (const setup of [{}, { term: 5, votedFor: 2, log: logOfTerms([1, 5]) }]) {
        const probe = new Probe(implementation, setup);
        const what = 'term' in setup ? 'restarted in term 5' : 'fresh';
        const sent = [...probe.drain(), ...probe.tick(9)];
        expectThat(probe.role === 'follower', `a ${what} node announced itself a ${probe.role}`);
        const term = 'term' in setup ? 5 : 0;
        expectThat(probe.hardState.term === term, `a ${what} node holds term ${probe.hardState.term}, expected ${term}`);
        expectThat(messagesOfType(sent, 'RequestVoteRequest').length === 0 && messagesOfType(sent, 'AppendEntriesRequest').length === 0, `a ${what} node sent requests within 9 ticks of a 10-tick timeout`);
      }
    },
  },
];

/**
 * etcd's TestVoter, row by row: the voter's log, the candidate's last log term and index, and whether
 * the vote is granted (§5.4.1: a later last term wins; with equal last terms, the longer log).
 */
function voterRows(): ConformanceTest[] {
  const rows: { voterLog: number[]; lastLogTerm: number; lastLogIndex: number; granted: boolean }[] = [
    { voterLog: [1], lastLogTerm: 1, lastLogIndex: 1, granted: true },
    { voterLog: [1], lastLogTerm: 1, lastLogIndex: 2, granted: true },
    { voterLog: [1, 1], lastLogTerm: 1, lastLogIndex: 1, granted: false },
    { voterLog: [1], lastLogTerm: 2, lastLogIndex: 1, granted: true },
    { voterLog: [1], lastLogTerm: 2, lastLogIndex: 2, granted: true },
    { voterLog: [1, 1], lastLogTerm: 2, lastLogIndex: 1, granted: true },
    { voterLog: [2], lastLogTerm: 1, lastLogIndex: 1, granted: false },
    { voterLog: [2], lastLogTerm: 1, lastLogIndex: 2, granted: false },
    { voterLog: [2, 1], lastLogTerm: 1, lastLogIndex: 1, granted: false },
  ];
  return [
    {
      name: 'voter-up-to-date-rows',
      section: '§5.4.1',
      rule: 'the nine rows of etcd’s voter table: same last term (longer or equal wins), candidate’s later last term, voter’s later last term',
      run(implementation: RaftImplementation) {
        for (const row of rows) {
          const probe = new Probe(implementation, { term: 2, log: logOfTerms(row.voterLog) });
          const response = onlyMessage(probe.step(voteRequest(2, 1, 3, row.lastLogIndex, row.lastLogTerm)), 'RequestVoteResponse', 'to node 2');
          expectThat(
            response.voteGranted === row.granted,
            `a voter with the log [${row.voterLog}] ${response.voteGranted ? 'granted' : 'refused'} a candidate whose log ends at index ${row.lastLogIndex} of term ${row.lastLogTerm}; expected it ${row.granted ? 'granted' : 'refused'}`,
          );
        }
      },
    },
  ];
}
