import { describe, expect, it } from 'vitest';
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
