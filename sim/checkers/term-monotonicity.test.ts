import { describe, expect, it } from 'vitest';
import { logOfTerms } from '../../core/testing.js';
import { TermMonotonicityChecker } from './term-monotonicity.js';
import { CheckerScript, entry } from './testing.js';

describe('term monotonicity (Figure 2): terms never go back, in a node or along its log', () => {
  it("reports a node's term that goes back", () => {
    const script = new CheckerScript(new TermMonotonicityChecker());
    script.enterTerm(1, 3);
    script.enterTerm(1, 2);
    expect(script.reports).toEqual(["node 1's term went back from 3 to 2"]);
    expect(script.reportingCheckers).toEqual(['term-monotonicity']);
  });

  it("reports a log entry of a term later than its node's term", () => {
    const script = new CheckerScript(new TermMonotonicityChecker());
    script.enterTerm(1, 1);
    script.write(1, 1, [entry(1, 'a'), entry(2, 'b')]);
    expect(script.reports).toEqual(['node 1 in term 1 holds an entry of term 2 at index 2']);
  });

  it('reports a log whose terms go down, also where a write starts after existing entries', () => {
    const script = new CheckerScript(new TermMonotonicityChecker());
    script.enterTerm(1, 3);
    script.write(1, 1, logOfTerms([1, 3]));
    script.append(1, entry(2, 'x'));
    expect(script.reports).toEqual(["node 1's log goes from term 3 down to 2 at index 3"]);
  });

  it("stays quiet when a follower adopts a leader's term and entries in one Ready, and keeps its term through a crash", () => {
    const script = new CheckerScript(new TermMonotonicityChecker());
    script.ready(2, { hardState: { term: 3, votedFor: null }, logWrite: { fromIndex: 1, entries: logOfTerms([1, 1, 3]) } });
    script.crash(2);
    script.restart(2);
    script.enterTerm(2, 4, 2);
    script.append(2, entry(4, 'y'));
    expect(script.reports).toEqual([]);
  });
});
