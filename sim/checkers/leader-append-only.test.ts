import { describe, expect, it } from 'vitest';
import { logOfTerms } from '../../core/testing.js';
import { LeaderAppendOnlyChecker } from './leader-append-only.js';
import { CheckerScript, entry } from './testing.js';

function leaderOfTermTwoWithThreeEntries(): CheckerScript {
  const script = new CheckerScript(new LeaderAppendOnlyChecker());
  script.write(1, 1, logOfTerms([1, 1]));
  script.becomeLeader(1, 2);
  script.append(1, entry(2, 'a'));
  return script;
}

describe('leader append-only (§5.3): a leader never overwrites or deletes its own entries', () => {
  it('reports a leader that overwrites an entry of its own log', () => {
    const script = leaderOfTermTwoWithThreeEntries();
    script.write(1, 2, [entry(2, 'b')]);
    expect(script.reports).toEqual(['leader 1 of term 2 rewrote its log from index 2 (it held 3 entries)']);
    expect(script.reportingCheckers).toEqual(['leader-append-only']);
  });

  it('reports a leader that cuts entries off the end of its log', () => {
    const script = leaderOfTermTwoWithThreeEntries();
    script.write(1, 3, []);
    expect(script.reports).toEqual(['leader 1 of term 2 rewrote its log from index 3 (it held 3 entries)']);
  });

  it('stays quiet when a leader writes the very entries it already holds, plus new ones', () => {
    const script = leaderOfTermTwoWithThreeEntries();
    script.write(1, 2, [...logOfTerms([1, 1]).slice(1), entry(2, 'a'), entry(2, 'b')]);
    expect(script.reports).toEqual([]);
  });

  it('stays quiet while a leader appends, and while a follower replaces a conflicting suffix', () => {
    const script = leaderOfTermTwoWithThreeEntries();
    script.append(1, entry(2, 'b'), entry(2, 'c'));
    script.write(2, 1, logOfTerms([1, 1, 1]));
    script.write(2, 3, [entry(2, 'a')]);
    expect(script.reports).toEqual([]);
  });

  it('lets a deposed leader have its suffix replaced in the Ready in which it steps down', () => {
    const script = leaderOfTermTwoWithThreeEntries();
    script.ready(1, {
      hardState: { term: 3, votedFor: null },
      softState: { role: 'follower', leaderId: 2 },
      logWrite: { fromIndex: 3, entries: [entry(3, 'z')] },
    });
    expect(script.reports).toEqual([]);
  });
});
