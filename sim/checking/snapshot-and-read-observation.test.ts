import { describe, expect, it } from 'vitest';
import type { Ready } from '../../core/contract.js';
import type { Entry, NodeId, Snapshot } from '../../core/types.js';
import { createAllCheckers } from '../checkers/all.js';
import { StaleReadChecker } from '../checkers/stale-read.js';
import { Monitor } from './monitor.js';
import { ObservedCluster } from './observed-cluster.js';
import { decodeDigest, encodeDigest, StateMachine } from '../cluster/state-machine.js';
import { emptyStats } from '../stats.js';
import { TraceRecorder } from '../trace/trace.js';

const entries: Entry[] = [
  { term: 1, kind: 'noop', command: '' },
  { term: 1, kind: 'command', command: 'a' },
  { term: 1, kind: 'config', command: '1,2,3,4' },
];

// The leader below is written without its election, so the check of its votes stays out.
function watched(checkers = createAllCheckers().filter((checker) => checker.name !== 'leader-quorum')) {
  const cluster = new ObservedCluster(4, [1, 2, 3]);
  const monitor = new Monitor(cluster, checkers, new TraceRecorder('hash', 0), emptyStats(), 1, () => {});
  const ready = (id: NodeId, fields: Partial<Ready>) =>
    monitor.observeReady(id, { hardState: null, logWrite: null, messages: [], committedEntries: null, softState: null, commitIndex: cluster.node(id).commitIndex, ...fields });
  // Node 1 leads term 1 and commits three entries.
  ready(1, { hardState: { term: 1, votedFor: 1 }, softState: { role: 'leader', leaderId: 1 }, logWrite: { fromIndex: 1, entries } });
  ready(1, { commitIndex: 3, committedEntries: { fromIndex: 1, entries } });
  return { cluster, monitor, ready };
}

describe('snapshots as the checkers see them', () => {
  it("a state machine's digest is the committed history's prefix hash, so a snapshot's data can be checked against it", () => {
    const { cluster } = watched();
    const machine = new StateMachine(true);
    machine.apply(1, entries);
    expect(machine.appliedIndex).toBe(3);
    expect(machine.digest).toBe(cluster.committedPrefixHashes.get(3));
    expect(decodeDigest(machine.snapshotData())).toBe(machine.digest);
    expect(decodeDigest('not ours')).toBeNaN();
  });

  it("a follower that installs a snapshot of the committed history holds that history's prefix, config entries included", () => {
    const { cluster, monitor, ready } = watched();
    const snapshot: Snapshot = { lastIndex: 3, lastTerm: 1, members: [1, 2, 3, 4], data: encodeDigest(cluster.committedPrefixHashes.get(3)!) };
    ready(2, { hardState: { term: 1, votedFor: null }, snapshot, commitIndex: 3 });
    expect(monitor.violations).toEqual([]);
    const node = cluster.node(2);
    expect(node.entries.slice(1)).toEqual(entries);
    expect(node.snapshotIndex).toBe(3);
    expect(node.appliedIndex).toBe(3);
    expect(cluster.configurationOf(node)).toEqual([1, 2, 3, 4]);
  });

  it('a snapshot whose state differs from the committed history, or that reaches past it, is a state machine safety violation', () => {
    const wrong = watched();
    wrong.ready(2, { snapshot: { lastIndex: 3, lastTerm: 1, members: [1, 2, 3], data: encodeDigest(12345) }, commitIndex: 3 });
    expect(wrong.monitor.violations.map((violation) => violation.checker)).toContain('state-machine-safety');
    expect(wrong.monitor.violations[0]!.message).toMatch(/node 2 installed a snapshot through index 3 \(term 1\) whose state differs/);

    const beyond = watched();
    beyond.monitor.observeCompaction(1, { lastIndex: 5, lastTerm: 1, members: [1, 2, 3], data: encodeDigest(0) });
    expect(beyond.monitor.violations[0]!.message).toBe('node 1 took a snapshot through index 5, past the 3 entries known to be committed');
  });
});

describe('stale reads', () => {
  it('a read answered with a state missing an entry committed before it was asked is reported with both indexes', () => {
    const { cluster, monitor } = watched([new StaleReadChecker()]);
    monitor.observeReadAnswered(2, { number: 7, invokedAtUs: 1500, committedAtInvocation: 3, answeredIndex: 3 });
    expect(monitor.violations).toEqual([]);
    monitor.observeReadAnswered(2, { number: 8, invokedAtUs: 2500, committedAtInvocation: 3, answeredIndex: 2 });
    expect(monitor.violations.map((violation) => [violation.checker, violation.message])).toEqual([
      ['stale-read', 'node 2 answered read 8 with its state through index 2, but index 3 was committed when the read was asked at 2.5 ms'],
    ]);
    expect(cluster.committedLength()).toBe(3);
  });
});
