import { describe, expect, it } from 'vitest';
import { StateMachineSafetyChecker } from './state-machine-safety.js';
import { CheckerScript, entry } from './testing.js';

describe('state machine safety (§5.4.3): no two nodes apply different entries at one index', () => {
  it('reports a node that applies a different entry than another node applied at that index', () => {
    const script = new CheckerScript(new StateMachineSafetyChecker());
    script.write(1, 1, [entry(1, 'a')]);
    script.commitAndApplyAll(1);
    script.write(2, 1, [entry(1, 'b')]);
    // Applied without declaring the index committed, so only the applied check can see it.
    script.apply(2, 1, [entry(1, 'b')]);
    expect(script.reports).toEqual(['node 2 applied index 1 (term 1, "b") but node 1 applied index 1 (term 1, "a")']);
    expect(script.reportingCheckers).toEqual(['state-machine-safety']);
  });

  it('compares entries by their contents: equal entries that are different objects agree, as copied messages carry them', () => {
    const script = new CheckerScript(new StateMachineSafetyChecker());
    script.apply(1, 1, [entry(1, 'a')]);
    script.apply(2, 1, [entry(1, 'a')]);
    expect(script.reports).toEqual([]);
    script.apply(3, 1, [entry(2, 'a')]);
    expect(script.reports).toEqual(['node 3 applied index 1 (term 2, "a") but node 1 applied index 1 (term 1, "a")']);
  });

  it('tells a no-op from a command of the same term and text', () => {
    const script = new CheckerScript(new StateMachineSafetyChecker());
    script.apply(1, 1, [{ term: 1, kind: 'noop', command: '' }]);
    script.apply(2, 1, [{ term: 1, kind: 'command', command: '' }]);
    expect(script.reports).toEqual(['node 2 applied index 1 (term 1, "") but node 1 applied index 1 (term 1, no-op)']);
  });

  it('reports a node declaring committed an entry that differs from the committed history, at the first difference', () => {
    const script = new CheckerScript(new StateMachineSafetyChecker());
    script.write(1, 1, [entry(1, 'a'), entry(1, 'b'), entry(1, 'c')]);
    script.commit(1, 3);
    script.write(2, 1, [entry(1, 'a'), entry(2, 'x'), entry(2, 'y')]);
    script.commit(2, 3);
    expect(script.reports).toEqual(['node 2 commits index 2 (term 2, "x") but index 2 (term 1, "b") was committed before']);
  });

  it('stays quiet for nodes that apply the same entries, again after a crash, and that commit only a prefix', () => {
    const script = new CheckerScript(new StateMachineSafetyChecker());
    const log = [entry(1, 'a'), entry(1, 'b')];
    script.write(1, 1, log);
    script.write(2, 1, log);
    script.commitAndApplyAll(1);
    script.commitAndApplyAll(2);
    script.crash(2);
    script.restart(2);
    script.commitAndApplyAll(2);
    // Node 3 holds an uncommitted conflicting entry past the history but commits only what agrees.
    script.write(3, 1, [...log, entry(2, 'z')]);
    script.commit(3, 2);
    expect(script.reports).toEqual([]);
  });
});
