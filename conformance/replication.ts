/** §5.3, follower side: the consistency check, conflicts, and what a follower may commit and apply. */
import type { RaftImplementation } from '../core/contract.js';
import type { ConformanceTest } from './test-case.js';
import { appendRequest, logOfTerms, termsOf } from '../core/testing.js';
import { expectThat, onlyMessage, Probe } from './probe.js';

function answer(probe: Probe, fields: Parameters<typeof appendRequest>[0]) {
  return onlyMessage(probe.step(appendRequest(fields)), 'AppendEntriesResponse', 'to the leader');
}

function expectLog(probe: Probe, terms: readonly number[], why: string): void {
  expectThat(termsOf(probe.log).join() === terms.join(), `${why}: expected the log [${terms}], got [${termsOf(probe.log)}]`);
}

export const REPLICATION_TESTS: readonly ConformanceTest[] = [
  {
    name: 'append-rejects-missing-prev',
    section: '§5.3, Figure 2',
    rule: 'a follower with no entry at prevLogIndex refuses the request (here prevLogIndex is one past its last entry)',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1, log: logOfTerms([1, 1]) });
      const response = answer(probe, { from: 2, to: 1, term: 1, prevLogIndex: 3, prevLogTerm: 1, entries: logOfTerms([1, 1, 1, 1]).slice(3) });
      expectThat(!response.success, 'accepted a request whose prevLogIndex 3 is past its last entry 2');
      expectLog(probe, [1, 1], 'after the refusal');
    },
  },
  {
    name: 'append-rejects-mismatched-prev-term',
    section: '§5.3, Figure 2',
    rule: 'a follower whose entry at prevLogIndex has another term than prevLogTerm refuses the request',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 3, log: logOfTerms([1, 1, 2]) });
      const response = answer(probe, { from: 2, to: 1, term: 3, prevLogIndex: 3, prevLogTerm: 3, entries: logOfTerms([1, 1, 3, 3]).slice(3) });
      expectThat(!response.success, 'accepted a request whose prevLogTerm 3 differs from its term 2 at index 3');
      expectLog(probe, [1, 1, 2], 'after the refusal');
    },
  },
  {
    name: 'append-accepts-and-appends',
    section: '§5.3, Figure 2',
    rule: 'a request that passes the check appends its new entries and is acknowledged with the last index it covers',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 2, log: logOfTerms([1, 1]) });
      const leaderLog = logOfTerms([1, 1, 2, 2]);
      const response = answer(probe, { from: 2, to: 1, term: 2, prevLogIndex: 2, prevLogTerm: 1, entries: leaderLog.slice(2) });
      expectThat(response.success && response.matchIndex === 4, `expected a success with matchIndex 4, got success ${response.success}, matchIndex ${response.matchIndex}`);
      expectLog(probe, [1, 1, 2, 2], 'after the append');
      answer(probe, { from: 2, to: 1, term: 2, prevLogIndex: 2, prevLogTerm: 1, entries: leaderLog.slice(2) });
      expectLog(probe, [1, 1, 2, 2], 'after the same request again');
    },
  },
  {
    name: 'append-truncates-conflicts',
    section: '§5.3, Figure 2',
    rule: 'an existing entry that conflicts with a new one (same index, other term) is deleted with all that follow it',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 3, log: logOfTerms([1, 1, 2, 2]) });
      const leaderLog = logOfTerms([1, 1, 3]);
      const response = answer(probe, { from: 2, to: 1, term: 3, prevLogIndex: 1, prevLogTerm: 1, entries: leaderLog.slice(1) });
      expectThat(response.success && response.matchIndex === 3, `expected a success with matchIndex 3, got success ${response.success}, matchIndex ${response.matchIndex}`);
      expectLog(probe, [1, 1, 3], 'after a request that conflicts at index 3');
    },
  },
  {
    name: 'append-conflict-at-first-index',
    section: '§5.3, Figure 2',
    rule: 'a conflict at index 1 replaces the whole log: prevLogIndex 0 always matches',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1, log: logOfTerms([1, 1]) });
      const response = answer(probe, { from: 2, to: 1, term: 2, prevLogIndex: 0, prevLogTerm: 0, entries: logOfTerms([2]) });
      expectThat(response.success && response.matchIndex === 1, `expected a success with matchIndex 1, got success ${response.success}, matchIndex ${response.matchIndex}`);
      expectLog(probe, [2], 'after a request that conflicts at index 1');
    },
  },
  {
    name: 'append-keeps-matching-entries',
    section: '§5.3, Figure 2',
    rule: 'entries that match are kept: a late, shorter request must not cut what follows them',
    run(implementation: RaftImplementation) {
      const log = logOfTerms([1, 1, 1, 1]);
      const probe = new Probe(implementation, { term: 1, log });
      const response = answer(probe, { from: 2, to: 1, term: 1, prevLogIndex: 1, prevLogTerm: 1, entries: log.slice(1, 2) });
      expectThat(response.success && response.matchIndex === 2, `expected a success with matchIndex 2, got success ${response.success}, matchIndex ${response.matchIndex}`);
      expectLog(probe, [1, 1, 1, 1], 'after a delayed request for index 2 only');
    },
  },
  {
    name: 'commit-follows-leader-commit',
    section: '§5.3, Figure 2',
    rule: 'a follower commits up to min(leaderCommit, index of the last new entry), never an entry the request did not vouch for',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 3, log: logOfTerms([1, 1, 2]) });
      answer(probe, { from: 2, to: 1, term: 3, prevLogIndex: 1, prevLogTerm: 1, leaderCommit: 3 });
      expectThat(probe.commitIndex === 1, `after a heartbeat with prevLogIndex 1 and leaderCommit 3, expected commit index 1, got ${probe.commitIndex}`);
      answer(probe, { from: 2, to: 1, term: 3, prevLogIndex: 1, prevLogTerm: 1, entries: logOfTerms([1, 3, 3]).slice(1), leaderCommit: 3 });
      expectLog(probe, [1, 3, 3], 'after the leader’s entries');
      expectThat(probe.commitIndex === 3, `expected commit index 3, got ${probe.commitIndex}`);
      expectThat(termsOf(probe.applied).join() === '1,3,3', `expected the entries of terms [1,3,3] applied, got [${termsOf(probe.applied)}]`);
    },
  },
  {
    name: 'apply-only-committed',
    section: '§5.3, Figure 2',
    rule: 'entries are applied in order once committed, and not before',
    run(implementation: RaftImplementation) {
      const probe = new Probe(implementation, { term: 1 });
      const entries = logOfTerms([1, 1, 1]);
      answer(probe, { from: 2, to: 1, term: 1, prevLogIndex: 0, prevLogTerm: 0, entries });
      expectThat(probe.applied.length === 0, `applied ${probe.applied.length} entries with nothing committed`);
      answer(probe, { from: 2, to: 1, term: 1, prevLogIndex: 3, prevLogTerm: 1, leaderCommit: 2 });
      expectThat(probe.applied.length === 2, `with entries committed through index 2, expected 2 applied, got ${probe.applied.length}`);
      answer(probe, { from: 2, to: 1, term: 1, prevLogIndex: 3, prevLogTerm: 1, leaderCommit: 3 });
      expectThat(probe.applied.map((entry) => entry.command).join() === entries.map((entry) => entry.command).join(), 'did not apply the three entries in order');
    },
  },
];
