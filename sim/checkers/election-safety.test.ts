import { describe, expect, it } from 'vitest';
import { ElectionSafetyChecker } from './election-safety.js';
import { CheckerScript } from './testing.js';

describe('election safety (§5.2): at most one leader per term, over the whole run', () => {
  it('reports a second node that leads a term after the first leader of that term stepped down', () => {
    const script = new CheckerScript(new ElectionSafetyChecker());
    script.becomeLeader(1, 2);
    script.becomeFollower(1);
    script.enterTerm(2, 2, 2);
    script.becomeLeader(2, 2);
    expect(script.reports).toEqual(['nodes 1 and 2 both became leader of term 2']);
    expect(script.reportingCheckers).toEqual(['election-safety']);
  });

  it('reports a second leader of a term even when the first one has crashed meanwhile', () => {
    const script = new CheckerScript(new ElectionSafetyChecker());
    script.becomeLeader(3, 5);
    script.crash(3);
    script.becomeLeader(1, 5);
    expect(script.reports).toEqual(['nodes 3 and 1 both became leader of term 5']);
  });

  it('stays quiet when every term has one leader, even if one node leads several terms', () => {
    const script = new CheckerScript(new ElectionSafetyChecker());
    script.becomeLeader(1, 1);
    script.becomeFollower(1, 2);
    script.becomeLeader(2, 2);
    script.becomeFollower(2, 1);
    script.becomeLeader(1, 3);
    expect(script.reports).toEqual([]);
  });

  it('stays quiet when a node leads the same term again after a restart: it is still the one leader of that term', () => {
    const script = new CheckerScript(new ElectionSafetyChecker());
    script.becomeLeader(1, 2);
    script.crash(1);
    script.restart(1);
    script.becomeLeader(1, 2);
    expect(script.reports).toEqual([]);
  });

  it('judges a leader by the term in the same Ready that makes it leader, not the term it held before', () => {
    const script = new CheckerScript(new ElectionSafetyChecker());
    script.becomeLeader(1, 2);
    script.enterTerm(2, 2, 1);
    // Node 2 moves from term 2 to term 3 and takes the lead in one Ready: it leads term 3, not term 2.
    script.becomeLeader(2, 3);
    expect(script.reports).toEqual([]);
  });
});
