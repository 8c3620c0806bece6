import { describe, expect, it } from 'vitest';
import { logOfTerms } from '../../core/testing.js';
import { LogMatchingChecker } from './log-matching.js';
import { CheckerScript, entry } from './testing.js';

describe('log matching (§5.3): an entry (index, term) has the same prefix wherever it appears', () => {
  it('reports an (index, term) entry that two nodes hold after different prefixes', () => {
    const script = new CheckerScript(new LogMatchingChecker());
    script.write(1, 1, [entry(1, 'a'), entry(3, 'x')]);
    script.write(2, 1, [entry(2, 'b'), entry(3, 'x')]);
    expect(script.reports).toEqual(["node 2 holds index 2 term 3 with a log that differs before it from node 1's"]);
    expect(script.reportingCheckers).toEqual(['log-matching']);
  });

  it('reports two different entries with the same index and term', () => {
    const script = new CheckerScript(new LogMatchingChecker());
    script.write(1, 1, [entry(1, 'a')]);
    script.write(3, 1, [entry(1, 'b')]);
    expect(script.reports).toEqual(["node 3 holds index 1 term 1 with a log that differs before it from node 1's"]);
  });

  it('compares with every prefix seen during the run, including one its holder has since overwritten', () => {
    const script = new CheckerScript(new LogMatchingChecker());
    script.write(1, 1, [entry(1, 'a'), entry(3, 'x')]);
    script.write(1, 1, [entry(2, 'b')]);
    script.write(2, 1, [entry(2, 'b'), entry(3, 'x')]);
    expect(script.reports).toEqual(["node 2 holds index 2 term 3 with a log that differs before it from node 1's"]);
  });

  it('remembers every term an index has held: a later term there is compared with its own first prefix', () => {
    const script = new CheckerScript(new LogMatchingChecker());
    script.write(1, 1, [entry(1, 'a'), entry(2, 'x')]);
    script.write(1, 2, [entry(3, 'y')]);
    script.write(2, 1, [entry(1, 'a'), entry(3, 'y')]);
    expect(script.reports).toEqual([]);
    script.write(3, 1, [entry(2, 'q'), entry(3, 'y')]);
    expect(script.reports).toEqual(["node 3 holds index 2 term 3 with a log that differs before it from node 1's"]);
  });

  it('records the first entry seen at an index whatever its term, term 0 included', () => {
    const script = new CheckerScript(new LogMatchingChecker());
    script.write(1, 1, [entry(0, 'boot')]);
    script.write(2, 1, [entry(0, 'boot')]);
    expect(script.reports).toEqual([]);
    script.write(3, 1, [entry(0, 'other')]);
    expect(script.reports).toEqual(["node 3 holds index 1 term 0 with a log that differs before it from node 1's"]);
  });

  it("stays quiet while the leader of Figure 7 brings a follower's conflicting log into agreement", () => {
    const script = new CheckerScript(new LogMatchingChecker());
    const leaderLog = logOfTerms([1, 1, 1, 4, 4, 5, 5, 6, 6, 6]);
    script.write(1, 1, leaderLog);
    script.write(2, 1, logOfTerms([1, 1, 1, 4, 4, 5, 5, 6, 6]));
    script.write(3, 1, logOfTerms([1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3]));
    script.write(3, 4, leaderLog.slice(3));
    script.append(2, leaderLog[9]!);
    expect(script.reports).toEqual([]);
    expect(script.node(3).prefixHashes.slice()).toEqual(script.node(1).prefixHashes.slice());
  });
});
