import { describe, expect, it } from 'vitest';
import type { Ready } from '../../core/contract.js';
import type { Message } from '../../core/messages.js';
import { LeaderQuorumChecker } from './leader-quorum.js';
import { CheckerScript } from './testing.js';

const vote = (from: number, to: number, term: number, preVote = false): Message => ({
  type: 'RequestVoteResponse',
  from,
  to,
  term,
  voteGranted: true,
  ...(preVote ? { preVote: true } : {}),
});

/** The Ready in which a node votes for itself, takes the lead and writes a configuration of `members`. */
const leaderWithConfiguration = (id: number, term: number, members: string): Partial<Ready> => ({
  hardState: { term, votedFor: id },
  softState: { role: 'leader', leaderId: id },
  logWrite: { fromIndex: 1, entries: [{ term, kind: 'config', command: members }] },
});

describe('leader quorum (§5.2, §4.1): a leader has the votes of a majority of its configuration', () => {
  it('stays quiet for a leader with its own vote and one more of three', () => {
    const script = new CheckerScript(new LeaderQuorumChecker());
    script.enterTerm(2, 1, 1);
    script.ready(2, { messages: [vote(2, 1, 1)] });
    script.becomeLeader(1, 1);
    expect(script.reports).toEqual([]);
  });

  it('reports a leader with its own vote alone, and does not count pre-votes or votes of another term', () => {
    const script = new CheckerScript(new LeaderQuorumChecker());
    script.ready(2, { messages: [vote(2, 1, 2, true), vote(2, 1, 1)] });
    script.becomeLeader(1, 2);
    expect(script.reports).toEqual(['node 1 became leader of term 2 with the votes of 1, not a majority of its configuration {1,2,3}']);
    expect(script.reportingCheckers).toEqual(['leader-quorum']);
  });

  it('names the votes it counted in ascending order, whatever order they came in', () => {
    const script = new CheckerScript(new LeaderQuorumChecker(), 7);
    script.ready(5, { messages: [vote(5, 1, 1)] });
    script.ready(3, { messages: [vote(3, 1, 1)] });
    script.becomeLeader(1, 1);
    expect(script.reports).toEqual(['node 1 became leader of term 1 with the votes of 1,3,5, not a majority of its configuration {1,2,3,4,5,6,7}']);
  });

  it('counts only the votes of members of its configuration, its own included', () => {
    const script = new CheckerScript(new LeaderQuorumChecker(), 5);
    script.ready(4, { messages: [vote(4, 1, 1)] });
    script.ready(5, { messages: [vote(5, 1, 1), vote(5, 4, 2)] });
    script.ready(1, { ...leaderWithConfiguration(1, 1, '1,2,3') });
    script.ready(4, { ...leaderWithConfiguration(4, 2, '1,2,3') });
    expect(script.reports).toEqual([
      'node 1 became leader of term 1 with the votes of 1, not a majority of its configuration {1,2,3}',
      'node 4 became leader of term 2 with the votes of no member, not a majority of its configuration {1,2,3}',
    ]);
  });

  it('counts by the configuration in the leader’s log, including one written in the same Ready', () => {
    const script = new CheckerScript(new LeaderQuorumChecker(), 5);
    script.ready(2, { messages: [vote(2, 1, 1)] });
    // {1,2,3,4,5} needs three votes; the Ready that makes node 1 leader also writes {1,2}.
    script.ready(1, {
      hardState: { term: 1, votedFor: 1 },
      softState: { role: 'leader', leaderId: 1 },
      logWrite: { fromIndex: 1, entries: [{ term: 1, kind: 'config', command: '1,2' }] },
    });
    expect(script.reports).toEqual([]);
    script.ready(3, { messages: [vote(3, 4, 2)] });
    script.becomeLeader(4, 2);
    expect(script.reports).toEqual(['node 4 became leader of term 2 with the votes of 3,4, not a majority of its configuration {1,2,3,4,5}']);
  });
});
