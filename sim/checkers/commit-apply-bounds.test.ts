import { describe, expect, it } from 'vitest';
import { logOfTerms } from '../../core/testing.js';
import { CommitApplyBoundsChecker } from './commit-apply-bounds.js';
import { CheckerScript } from './testing.js';

function nodeOneWithLog(terms: readonly number[]): CheckerScript {
  const script = new CheckerScript(new CommitApplyBoundsChecker());
  script.write(1, 1, logOfTerms(terms));
  return script;
}

describe('commit and apply bounds (Figure 2): applied ≤ committed ≤ last log index, both only grow', () => {
  it('reports a commit index that goes back', () => {
    const script = nodeOneWithLog([1, 1]);
    script.commit(1, 2);
    script.commit(1, 1);
    expect(script.reports).toEqual(["node 1's commit index went back from 2 to 1"]);
    expect(script.reportingCheckers).toEqual(['commit-apply-bounds']);
  });

  it('reports a commit index beyond the last log index', () => {
    const script = nodeOneWithLog([1]);
    script.commit(1, 3);
    expect(script.reports).toEqual(["node 1's commit index 3 is past its last log index 1"]);
  });

  it('reports a log cut below the commit index', () => {
    const script = nodeOneWithLog([1, 1, 1]);
    script.commit(1, 3);
    script.write(1, 3, []);
    expect(script.reports).toEqual(['node 1 cut its log to 2 entries below its commit index 3']);
  });

  it('reports an entry applied before the entries that precede it', () => {
    const script = nodeOneWithLog([1, 1]);
    script.commit(1, 2);
    script.apply(1, 2, logOfTerms([1, 1]).slice(1));
    expect(script.reports).toEqual(['node 1 applied index 2 right after index 0']);
  });

  it('reports an entry applied twice', () => {
    const script = nodeOneWithLog([1]);
    script.commit(1, 1);
    script.apply(1, 1, logOfTerms([1]));
    script.apply(1, 1, logOfTerms([1]));
    expect(script.reports).toEqual(['node 1 applied index 1 right after index 1']);
  });

  it('reports an entry applied beyond the commit index', () => {
    const script = nodeOneWithLog([1, 1]);
    script.commit(1, 1);
    script.apply(1, 1, logOfTerms([1, 1]));
    expect(script.reports).toEqual(['node 1 applied index 2 beyond its commit index 1']);
  });

  it('stays quiet while commit and apply move forward, and when they start again from zero after a crash', () => {
    const script = nodeOneWithLog([1, 1, 1]);
    const log = logOfTerms([1, 1, 1]);
    script.commit(1, 1);
    script.apply(1, 1, log.slice(0, 1));
    script.commit(1, 3);
    script.apply(1, 2, log.slice(1));
    script.crash(1);
    script.restart(1);
    script.commit(1, 2);
    script.apply(1, 1, log.slice(0, 2));
    expect(script.reports).toEqual([]);
  });
});
