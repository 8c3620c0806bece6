import { describe, expect, it } from 'vitest';
import { LeaderCompletenessChecker } from './leader-completeness.js';
import { CheckerScript, entry } from './testing.js';

/** Node 1 leads term 1 with entries a, b; node 2 holds both, node 3 only a. */
function termOneReplicated(): CheckerScript {
  const script = new CheckerScript(new LeaderCompletenessChecker());
  script.becomeLeader(1, 1);
  script.append(1, entry(1, 'a'), entry(1, 'b'));
  script.enterTerm(2, 1, 1);
  script.append(2, entry(1, 'a'), entry(1, 'b'));
  script.enterTerm(3, 1, 1);
  script.append(3, entry(1, 'a'));
  return script;
}

const NODE_THREE_AT_ELECTION = ['node 3 became leader of term 2 without committed index 2 (term 1, "b"); it holds index 2 (absent)'];

/** termOneReplicated with both entries committed, and node 3, which holds only a, elected leader of term 2 and reported. */
function nodeThreeLeadsWithoutACommittedEntry(): CheckerScript {
  const script = termOneReplicated();
  script.commit(1, 2);
  script.becomeLeader(3, 2);
  expect(script.reports).toEqual(NODE_THREE_AT_ELECTION);
  return script;
}

/** Node 1 leads term 1 with entries a, b; node 3 holds a, stored before term 1 began. */
function termOneReplicatedOnNodeOne(): CheckerScript {
  const script = new CheckerScript(new LeaderCompletenessChecker());
  script.becomeLeader(1, 1);
  script.append(1, entry(1, 'a'), entry(1, 'b'));
  script.append(3, entry(1, 'a'));
  return script;
}

describe('leader completeness (§5.4): a leader holds every entry committed in an earlier term', () => {
  it('reports a new leader that lacks an entry committed in an earlier term', () => {
    const script = termOneReplicated();
    script.commit(1, 2);
    script.becomeLeader(3, 2);
    expect(script.reports).toEqual(['node 3 became leader of term 2 without committed index 2 (term 1, "b"); it holds index 2 (absent)']);
    expect(script.reportingCheckers).toEqual(['leader-completeness']);
  });

  it('reports a new leader that holds a different entry at a committed index, naming the first one', () => {
    const script = termOneReplicated();
    script.commit(1, 2);
    script.write(3, 1, [entry(1, 'c'), entry(1, 'b')]);
    script.becomeLeader(3, 2);
    expect(script.reports).toEqual(['node 3 became leader of term 2 without committed index 1 (term 1, "a"); it holds index 1 (term 1, "c")']);
  });

  it('reports a leader of a later term when a stale leader of an earlier term declares committed an entry it lacks', () => {
    const script = new CheckerScript(new LeaderCompletenessChecker());
    script.becomeLeader(1, 1);
    script.append(1, entry(1, 'a'), entry(1, 'b'));
    script.enterTerm(2, 1, 1);
    script.append(2, entry(1, 'a'));
    script.write(3, 1, [entry(1, 'a')]);
    script.becomeLeader(3, 2);
    expect(script.reports).toEqual([]);
    // Only node 1 stores "b": its commit index vouches for it alone, and a faulty one at that.
    script.commit(1, 2);
    expect(script.reports).toEqual([
      'node 3 leads term 2 while node 1 of term 1 commits without committed index 2 (term 1, "b"); it holds index 2 (absent)',
    ]);
  });

  it('reports a leader lacking an entry a majority stores as its leader replicated it, though no node counted (§5.3)', () => {
    // Nodes 1-3 hold entry 2 of term 2 and nodes 4-5 do not; the leader of term 2 never counts.
    const script = new CheckerScript(new LeaderCompletenessChecker(), 5);
    script.becomeLeader(1, 1);
    script.append(1, entry(1, 'a'));
    for (const id of [2, 3, 4, 5]) {
      script.enterTerm(id, 1, 1);
      script.append(id, entry(1, 'a'));
    }
    script.commit(1, 1);
    script.becomeLeader(1, 2);
    script.append(1, entry(2, 'b'));
    for (const id of [2, 3]) {
      script.enterTerm(id, 2, 1);
      script.append(id, entry(2, 'b'));
    }
    script.crash(1);
    script.enterTerm(4, 2, 1);
    script.becomeLeader(5, 3);
    script.append(5, entry(3, 'c'));
    expect(script.reports).toEqual(['node 5 became leader of term 3 without committed index 2 (term 2, "b"); it holds index 2 (absent)']);
    expect(script.cluster.declaredLength()).toBe(1);
  });

  it('reports a leader of a later term when a majority comes to store, in its own term, an entry that leader lacks', () => {
    const script = termOneReplicatedOnNodeOne();
    script.becomeLeader(3, 2);
    expect(script.reports).toEqual([]);
    script.enterTerm(2, 1, 1);
    script.append(2, entry(1, 'a'), entry(1, 'b'));
    expect(script.reports).toEqual(['node 3 leads term 2 while a majority stores index 2 of term 1 without committed index 2 (term 1, "b"); it holds index 2 (absent)']);
  });

  it('reports a leader lacking a committed entry once: a commit of nothing new, or of its own term, does not report it again', () => {
    const script = nodeThreeLeadsWithoutACommittedEntry();
    // Node 2, still in term 1, learns of a commit already known: the history does not grow.
    script.commit(2, 1);
    expect(script.reports).toEqual(NODE_THREE_AT_ELECTION);
    // In term 2, node 2 commits an entry of term 2, which adds nothing committed before node 3's term.
    script.enterTerm(2, 2, 3);
    script.append(2, entry(2, 'c'));
    script.commit(2, 3);
    expect(script.cluster.declaredLength()).toBe(3);
    expect(script.reports).toEqual(NODE_THREE_AT_ELECTION);
  });

  it('reports a leader lacking a committed entry once: a majority storing a log the history lacks, or an entry of its own term, does not report it again', () => {
    const script = nodeThreeLeadsWithoutACommittedEntry();
    // Nodes 1 and 2, still in term 1, overwrite index 2: a majority stores, in its own term, an entry the history does not hold.
    script.write(1, 2, [entry(1, 'x')]);
    script.write(2, 2, [entry(1, 'x')]);
    expect(script.reports).toEqual(NODE_THREE_AT_ELECTION);
    // In term 2 both take back the history and store an entry of term 2 after it: a majority stores it in its own term.
    script.becomeFollower(1, 3);
    script.enterTerm(1, 2, 3);
    script.enterTerm(2, 2, 3);
    script.write(1, 2, [entry(1, 'b'), entry(2, 'c')]);
    script.write(2, 2, [entry(1, 'b'), entry(2, 'c')]);
    expect(script.cluster.committedLength()).toBe(3);
    expect(script.reports).toEqual(NODE_THREE_AT_ELECTION);
  });

  it('stays quiet for a new leader that holds every entry committed before its term', () => {
    const script = termOneReplicated();
    script.commit(1, 2);
    script.becomeLeader(2, 2);
    script.append(2, entry(2, 'c'));
    script.commit(2, 3);
    expect(script.reports).toEqual([]);
  });

  it('does not hold a leader of an old term to entries committed in a later term before its election', () => {
    const script = new CheckerScript(new LeaderCompletenessChecker());
    script.becomeLeader(1, 1);
    script.append(1, entry(1, 'a'));
    script.commit(1, 1);
    // Node 3 asked for votes in term 2; its votes arrive only after node 2 led term 3 and committed.
    script.write(3, 1, [entry(1, 'a')]);
    script.enterTerm(3, 2, 3);
    script.write(2, 1, [entry(1, 'a')]);
    script.becomeLeader(2, 3);
    script.append(2, entry(3, 'c'));
    script.commit(2, 2);
    script.becomeLeader(3, 2);
    script.append(2, entry(3, 'd'));
    script.commit(2, 3);
    expect(script.cluster.committedLength()).toBe(3);
    expect(script.reports).toEqual([]);
  });
});
