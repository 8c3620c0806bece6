import { describe, expect, it } from 'vitest';
import type { LogWrite } from '../../core/contract.js';
import { logOfTerms } from '../../core/testing.js';
import type { Entry, NodeId } from '../../core/types.js';
import { variantOfReference } from '../../core/variants.js';
import { simulationOptions } from '../options.js';
import { runSimulation } from '../simulation.js';
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

  it('stays quiet when a leader writes again exactly the entries it holds, and nothing more', () => {
    const script = leaderOfTermTwoWithThreeEntries();
    script.write(1, 2, [...logOfTerms([1, 1]).slice(1), entry(2, 'a')]);
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

/** What a broken leader did to its own log: the entry it held at `index`, and what it wrote there instead (null: removed). */
interface Rewrite {
  readonly node: NodeId;
  readonly term: number;
  readonly index: number;
  readonly replacement: Entry | null;
}

/**
 * The reference node, except that the first time it leads and appends a client command, it rewrites
 * that entry in one more Ready of its own, taken at once: `rewrite` gives the entry written in its
 * place, or null to remove it. Nothing else differs, and no follower holds the entry yet.
 */
function leaderRewritingItsLog(name: string, rewrite: (index: number, appended: Entry) => Entry | null, rewrites: Rewrite[]) {
  return variantOfReference(name, () => {
    let leaderOf: { node: NodeId; term: number } | null = null;
    let pending: LogWrite | null = null;
    let rewritten = false;
    return {
      holdsReady: () => pending !== null,
      handOut: (ready, log) => {
        if (ready.softState !== null) leaderOf = ready.softState.role === 'leader' ? { node: ready.softState.leaderId!, term: log.lastTerm() } : null;
        if (pending !== null && ready.logWrite === null) {
          const write = pending;
          pending = null;
          return { ...ready, logWrite: write };
        }
        const appended = ready.logWrite?.entries.at(-1);
        if (leaderOf !== null && !rewritten && appended?.kind === 'command') {
          rewritten = true;
          const index = ready.logWrite!.fromIndex + ready.logWrite!.entries.length - 1;
          const replacement = rewrite(index, appended);
          pending = { fromIndex: index, entries: replacement === null ? [] : [replacement] };
          rewrites.push({ ...leaderOf, index, replacement });
        }
        return ready;
      },
    };
  });
}

describe('leader append-only in a run: a broken leader is caught by this checker, with the node and the index', () => {
  const runWith = (implementation: ReturnType<typeof leaderRewritingItsLog>) =>
    runSimulation(simulationOptions({ implementation, seed: 4, nodeCount: 3, durationMs: 3_000, workload: { requestsPerSecond: 20 }, trace: 'hash' }));

  it('a leader that removes the command it just appended fails the run on leader-append-only alone', () => {
    const rewrites: Rewrite[] = [];
    const result = runWith(leaderRewritingItsLog('leader-removes-its-entry', () => null, rewrites));
    expect(rewrites).toHaveLength(1);
    const { node, term, index } = rewrites[0]!;
    expect(result.outcome).toBe('violation');
    expect(result.violations.map((violation) => [violation.checker, violation.message])).toEqual([
      ['leader-append-only', `leader ${node} of term ${term} rewrote its log from index ${index} (it held ${index} entries)`],
    ]);
    // The evidence: the node still leads that term, its log one entry shorter.
    expect(result.violations[0]!.nodes.find((snapshot) => snapshot.node === node)).toMatchObject({ role: 'leader', term, lastLogIndex: index - 1 });
  });

  it('a leader that overwrites the command it just appended fails the run on leader-append-only, beside log-matching', () => {
    const rewrites: Rewrite[] = [];
    const overwrite = (index: number, appended: Entry): Entry => ({ ...appended, command: `rewritten ${index}` });
    const result = runWith(leaderRewritingItsLog('leader-overwrites-its-entry', overwrite, rewrites));
    expect(rewrites).toHaveLength(1);
    const { node, term, index } = rewrites[0]!;
    // Two entries of one index and term with different contents break Log Matching as well (§5.3).
    expect(result.violations.map((violation) => [violation.checker, violation.message])).toEqual([
      ['log-matching', `node ${node} holds index ${index} term ${term} with a log that differs before it from node ${node}'s`],
      ['leader-append-only', `leader ${node} of term ${term} rewrote its log from index ${index} (it held ${index} entries)`],
    ]);
    expect(result.violations[1]!.nodes.find((snapshot) => snapshot.node === node)).toMatchObject({ role: 'leader', term, lastLogIndex: index });
  });
});
