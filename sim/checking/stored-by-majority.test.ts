import { describe, expect, it } from 'vitest';
import type { Entry } from '../../core/types.js';
import type { Checker } from '../checkers/checker.js';
import { LeaderCompletenessChecker } from '../checkers/leader-completeness.js';
import { StateMachineSafetyChecker } from '../checkers/state-machine-safety.js';
import { CheckerScript, entry } from '../checkers/testing.js';

function config(term: number, members: string): Entry {
  return { term, kind: 'config', command: members };
}

/** A node that enters `term` following `leader` and stores `entries` from `fromIndex` on. */
function storeInTerm(script: CheckerScript, id: number, term: number, fromIndex: number, entries: readonly Entry[]): void {
  if (script.node(id).term !== term) script.enterTerm(id, term, null);
  script.write(id, fromIndex, entries);
}

/**
 * Figure 8 up to (c): S1 led term 2 and reached S2 with entry 2; S5 led term 3 with its own entry 2;
 * S1 leads term 4, appends entry 3 and copies entry 2 of term 2 to S3.
 */
function figure8c(checker: Checker = new LeaderCompletenessChecker()): CheckerScript {
  const script = new CheckerScript(checker, 5);
  const one = entry(1, 'one');
  for (const id of [1, 2, 3, 4, 5]) storeInTerm(script, id, 1, 1, [one]);
  script.commit(1, 1);
  script.becomeLeader(1, 2);
  script.append(1, entry(2, 'two'));
  storeInTerm(script, 2, 2, 2, [entry(2, 'two')]);
  script.crash(1);
  script.becomeLeader(5, 3);
  script.append(5, entry(3, 'three'));
  script.crash(5);
  script.restart(1);
  script.becomeLeader(1, 4);
  script.append(1, entry(4, 'four'));
  storeInTerm(script, 3, 4, 2, [entry(2, 'two')]);
  return script;
}

describe('committed as §5.3 defines it: a majority stores the entry as the leader of its term replicated it', () => {
  it('Figure 8 (c): an old-term entry on a majority is not committed, and a leader that overwrites it breaks nothing', () => {
    const script = figure8c();
    expect(script.cluster.committedLength()).toBe(1);
    // (d): S5 wins term 5 with the votes of S2, S3 and S4 and overwrites index 2 everywhere.
    script.restart(5);
    script.becomeLeader(5, 5);
    for (const id of [2, 3, 4]) storeInTerm(script, id, 5, 2, [entry(3, 'three')]);
    script.append(5, entry(5, 'five'));
    for (const id of [2, 3]) script.append(id, entry(5, 'five'));
    expect(script.cluster.committedLength()).toBe(3);
    expect(script.cluster.committedEntries[2]).toEqual(entry(3, 'three'));
    expect(script.reports).toEqual([]);
  });

  it('Figure 8 (c) where S3 stores the old entry before it makes term 4 durable: not counted as stored in term 2', () => {
    const script = new CheckerScript(new LeaderCompletenessChecker(), 5);
    const one = entry(1, 'one');
    for (const id of [1, 2, 3, 4, 5]) storeInTerm(script, id, 1, 1, [one]);
    script.becomeLeader(1, 2);
    script.append(1, entry(2, 'two'));
    storeInTerm(script, 2, 2, 2, [entry(2, 'two')]);
    script.enterTerm(3, 2);
    // The leader of term 4 sends entry 2 of term 2; S3 may persist term 4 only before it answers (Figure 2).
    script.node(3).heard({ type: 'AppendEntriesRequest', from: 1, to: 3, term: 4, prevLogIndex: 1, prevLogTerm: 1, entries: [entry(2, 'two')], leaderCommit: 1 });
    script.write(3, 2, [entry(2, 'two')]);
    expect(script.cluster.committedLength()).toBe(1);
    // S5 may still win term 5 and overwrite it, as in (d).
    script.becomeLeader(5, 5);
    expect(script.reports).toEqual([]);
  });

  it('a pre-vote request of a higher term is only proposed: a write after it still counts in the entry\'s own term', () => {
    const script = new CheckerScript(new LeaderCompletenessChecker(), 3);
    script.becomeLeader(1, 2);
    script.append(1, entry(2, 'two'));
    script.enterTerm(2, 2);
    script.node(2).heard({ type: 'RequestVoteRequest', from: 3, to: 2, term: 3, lastLogIndex: 0, lastLogTerm: 0, preVote: true });
    script.write(2, 1, [entry(2, 'two')]);
    expect(script.cluster.committedLength()).toBe(1);
  });

  it('Figure 8 (e): the term-4 entry on a majority commits the term-2 entry before it, and S5 may no longer lead', () => {
    const script = figure8c();
    storeInTerm(script, 2, 4, 3, [entry(4, 'four')]);
    expect(script.cluster.committedLength()).toBe(1);
    storeInTerm(script, 3, 4, 3, [entry(4, 'four')]);
    expect(script.cluster.committedLength()).toBe(3);
    expect(script.cluster.committedInTerm.slice(1)).toEqual([1, 4, 4]);
    script.restart(5);
    script.becomeLeader(5, 5);
    expect(script.reports).toEqual(['node 5 became leader of term 5 without committed index 2 (term 2, "two"); it holds index 2 (term 3, "three")']);
  });

  it('Figure 8 (e) then (d) anyway: the majority that stores a different committed entry is a state machine safety violation', () => {
    const script = figure8c(new StateMachineSafetyChecker());
    storeInTerm(script, 2, 4, 3, [entry(4, 'four')]);
    storeInTerm(script, 3, 4, 3, [entry(4, 'four')]);
    script.restart(5);
    script.becomeLeader(5, 5);
    script.append(5, entry(5, 'five'));
    for (const id of [2, 4]) storeInTerm(script, id, 5, 2, [entry(3, 'three'), entry(5, 'five')]);
    expect(script.reports).toEqual([
      'a majority stores node 4\'s log through index 3 (term 5, "five") in its own term, committing index 2 (term 3, "three"), but index 2 (term 2, "two") was committed before',
    ]);
  });

  it('counts only what is durable: a node whose restart shows a lost write no longer holds it', () => {
    const script = new CheckerScript(new LeaderCompletenessChecker(), 3);
    script.becomeLeader(1, 1);
    script.append(1, entry(1, 'a'));
    script.crash(1);
    // The disk gave back nothing of node 1's write.
    script.restartWithLog(1, []);
    storeInTerm(script, 2, 1, 1, [entry(1, 'a')]);
    expect(script.cluster.committedLength()).toBe(0);
    storeInTerm(script, 3, 1, 1, [entry(1, 'a')]);
    expect(script.cluster.committedLength()).toBe(1);
  });

  it('a crashed node still holds what it persisted, and a leader resending what a node holds keeps when it was stored', () => {
    const script = new CheckerScript(new LeaderCompletenessChecker(), 3);
    script.becomeLeader(1, 1);
    script.append(1, entry(1, 'a'));
    script.crash(1);
    storeInTerm(script, 2, 1, 1, [entry(1, 'a')]);
    expect(script.cluster.committedLength()).toBe(1);
    storeInTerm(script, 2, 3, 1, [entry(1, 'a'), entry(3, 'b')]);
    expect(script.node(2).storedInTerm.slice(1)).toEqual([1, 3]);
  });

  it('counts a majority of the configuration in force at the index: an added server raises the quorum from its config entry on', () => {
    const script = new CheckerScript(new LeaderCompletenessChecker(), 4, [1, 2, 3]);
    const log = [entry(1, 'a'), config(1, '1,2,3,4'), entry(1, 'b')];
    script.enterTerm(1, 1, 1);
    script.write(1, 1, log);
    // Node 4, the new server, holds everything; before index 2 it is not a member and does not count.
    storeInTerm(script, 4, 1, 1, log);
    expect(script.cluster.committedLength()).toBe(0);
    storeInTerm(script, 2, 1, 1, log.slice(0, 1));
    expect(script.cluster.committedLength()).toBe(1);
    // Nodes 1 and 4 hold indexes 2 and 3, two of four members: no majority.
    storeInTerm(script, 3, 1, 1, log);
    expect(script.cluster.committedLength()).toBe(3);
  });

  it('counts a majority of the configuration in force at the index: after a removal, the smaller quorum', () => {
    const script = new CheckerScript(new LeaderCompletenessChecker(), 4);
    const log = [config(1, '1,2'), entry(1, 'a')];
    script.enterTerm(1, 1, 1);
    script.write(1, 1, log);
    storeInTerm(script, 3, 1, 1, log);
    storeInTerm(script, 4, 1, 1, log);
    expect(script.cluster.committedLength()).toBe(0);
    storeInTerm(script, 2, 1, 1, log);
    expect(script.cluster.committedLength()).toBe(2);
  });
});
