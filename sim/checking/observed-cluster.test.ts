import { describe, expect, it } from 'vitest';
import { logOfTerms } from '../../core/testing.js';
import type { Entry } from '../../core/types.js';
import { entryHash, ObservedCluster, ObservedNode } from './observed-cluster.js';

function nodeWithLog(id: number, log: readonly Entry[]): ObservedNode {
  const node = new ObservedNode(id);
  node.writeLog(1, log);
  return node;
}

function command(term: number, text: string): Entry {
  return { term, kind: 'command', command: text };
}

describe('entryHash', () => {
  it('differs when the term, the command or the kind differs', () => {
    const base = entryHash(command(1, 'a'));
    expect(entryHash(command(1, 'a'))).toBe(base);
    expect(entryHash(command(2, 'a'))).not.toBe(base);
    expect(entryHash(command(1, 'b'))).not.toBe(base);
    expect(entryHash({ term: 1, kind: 'noop', command: '' })).not.toBe(entryHash(command(1, '')));
  });
});

describe('ObservedNode', () => {
  it('gives equal logs equal prefix hashes, however they were written', () => {
    const log = logOfTerms([1, 1, 2, 3]);
    const whole = nodeWithLog(1, log);
    const inPieces = nodeWithLog(2, log.slice(0, 1));
    inPieces.writeLog(2, log.slice(1, 3));
    inPieces.writeLog(4, log.slice(3));
    expect(inPieces.prefixHashes.slice()).toEqual(whole.prefixHashes.slice());
    expect(whole.prefixHashes).toHaveLength(5);
    expect(new Set(whole.prefixHashes.slice()).size).toBe(5);
  });

  it('gives equal prefix hashes before a divergent entry, and different ones from it on', () => {
    const left = nodeWithLog(1, [command(1, 'a'), command(1, 'b'), command(2, 'c')]);
    const right = nodeWithLog(2, [command(1, 'a'), command(1, 'x'), command(2, 'c')]);
    expect(right.prefixHashes.get(1)).toBe(left.prefixHashes.get(1));
    expect(right.prefixHashes.get(2)).not.toBe(left.prefixHashes.get(2));
    expect(right.prefixHashes.get(3)).not.toBe(left.prefixHashes.get(3));
  });

  it('truncates from the write’s start, so overwriting a divergent suffix restores the hashes', () => {
    const leader = nodeWithLog(1, logOfTerms([1, 1, 4, 4]));
    const follower = nodeWithLog(2, logOfTerms([1, 1, 2, 2, 2]));
    follower.writeLog(3, leader.entries.slice(3) as Entry[]);
    expect(follower.lastIndex()).toBe(4);
    expect(follower.prefixHashes.slice()).toEqual(leader.prefixHashes.slice());
    expect(follower.entries).toEqual(leader.entries);
  });

  it('reads terms with slot 0 as the empty prefix of term 0 and missing entries as -1', () => {
    const node = nodeWithLog(1, logOfTerms([1, 3]));
    expect([node.termAt(0), node.termAt(1), node.termAt(2), node.termAt(3)]).toEqual([0, 1, 3, -1]);
    expect(node.lastTerm()).toBe(3);
    expect(new ObservedNode(2).lastTerm()).toBe(0);
  });

  it('forgets role, leader, commit and apply indexes in a crash, and keeps term, vote and log', () => {
    const node = nodeWithLog(1, logOfTerms([1, 2]));
    Object.assign(node, { role: 'leader', term: 2, votedFor: 1, leaderId: 1, commitIndex: 2, appliedIndex: 1 });
    node.loseVolatileState();
    expect(node.snapshot()).toEqual({
      node: 1,
      status: 'up',
      role: 'follower',
      term: 2,
      votedFor: 1,
      commitIndex: 0,
      appliedIndex: 0,
      snapshotIndex: 0,
      lastLogIndex: 2,
      lastLogTerm: 2,
      logTerms: [1, 2],
    });
  });
});

describe('ObservedCluster', () => {
  function clusterWithLogs(logs: readonly (readonly Entry[])[]): ObservedCluster {
    const cluster = new ObservedCluster(logs.length);
    logs.forEach((log, offset) => cluster.node(offset + 1).writeLog(1, log));
    return cluster;
  }

  function commitOn(cluster: ObservedCluster, id: number, term: number, commitIndex: number): boolean {
    const node = cluster.node(id);
    node.term = term;
    node.commitIndex = commitIndex;
    return cluster.extendCommitted(node);
  }

  it('lets a node stand while no config entry was written exactly when it is of the initial configuration', () => {
    const cluster = new ObservedCluster(5, [1, 2, 4]);
    expect([1, 2, 3, 4, 5].map((id) => cluster.mayStand(cluster.node(id)))).toEqual([true, true, false, true, false]);
    expect(new ObservedCluster(3).mayStand(new ObservedCluster(3).node(3))).toBe(true);
  });

  it('numbers nodes 1..n and refuses any other id', () => {
    const cluster = new ObservedCluster(3);
    expect(cluster.nodes.map((node) => node.id)).toEqual([1, 2, 3]);
    expect(() => cluster.node(0)).toThrow('no node 0');
    expect(() => cluster.node(4)).toThrow('no node 4');
  });

  it('extends the committed history with what a node declares committed, recording its term', () => {
    const cluster = clusterWithLogs([[command(1, 'a'), command(1, 'b'), command(2, 'c')], [], []]);
    expect(commitOn(cluster, 1, 2, 2)).toBe(true);
    expect(cluster.committedEntries.slice(1)).toEqual([command(1, 'a'), command(1, 'b')]);
    expect(cluster.committedPrefixHashes.slice()).toEqual(cluster.node(1).prefixHashes.slice(0, 3));
    expect(cluster.committedInTerm.slice(1)).toEqual([2, 2]);
  });

  it('takes no more than the node holds when its commit index runs past its log', () => {
    const cluster = clusterWithLogs([[command(1, 'a')], [], []]);
    expect(commitOn(cluster, 1, 1, 5)).toBe(true);
    expect(cluster.committedLength()).toBe(1);
  });

  it('grows only from a node that agrees with the history so far', () => {
    const cluster = clusterWithLogs([
      [command(1, 'a'), command(1, 'b')],
      [command(1, 'a'), command(1, 'x'), command(2, 'y')],
      [command(1, 'a'), command(1, 'b'), command(3, 'z')],
    ]);
    expect(commitOn(cluster, 1, 1, 2)).toBe(true);
    expect(commitOn(cluster, 2, 2, 3)).toBe(false);
    expect(cluster.committedLength()).toBe(2);
    expect(commitOn(cluster, 3, 3, 3)).toBe(true);
    expect(cluster.committedEntries.slice(1)).toEqual([command(1, 'a'), command(1, 'b'), command(3, 'z')]);
    expect(cluster.committedInTerm.slice(1)).toEqual([1, 1, 3]);
  });

  it('does not grow from a node that commits no further than the history already reaches', () => {
    const cluster = clusterWithLogs([[command(1, 'a'), command(1, 'b')], [command(1, 'a'), command(1, 'b')]]);
    expect(commitOn(cluster, 1, 1, 2)).toBe(true);
    expect(commitOn(cluster, 2, 5, 2)).toBe(false);
    expect(commitOn(cluster, 2, 5, 1)).toBe(false);
    expect(cluster.committedInTerm.slice(1)).toEqual([1, 1]);
  });

  it('lastCommittedBeforeTerm finds the last index committed in an earlier term', () => {
    const cluster = clusterWithLogs([logOfTerms([1, 1, 3, 3])]);
    expect(cluster.lastCommittedBeforeTerm(5)).toBe(0);
    commitOn(cluster, 1, 1, 2);
    commitOn(cluster, 1, 3, 4);
    expect(cluster.committedInTerm.slice(1)).toEqual([1, 1, 3, 3]);
    expect(cluster.lastCommittedBeforeTerm(1)).toBe(0);
    expect(cluster.lastCommittedBeforeTerm(2)).toBe(2);
    expect(cluster.lastCommittedBeforeTerm(3)).toBe(2);
    expect(cluster.lastCommittedBeforeTerm(4)).toBe(4);
  });

  it('snapshots every node, marking crashed and paused ones', () => {
    const cluster = new ObservedCluster(3);
    cluster.node(2).up = false;
    cluster.node(3).paused = true;
    expect(cluster.snapshots().map((snapshot) => snapshot.status)).toEqual(['up', 'crashed', 'paused']);
  });
});
