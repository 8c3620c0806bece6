import { describe, expect, it } from 'vitest';
import type { Entry } from '../../core/types.js';
import { MESSAGE_CODE, ROLE_CODE, TraceKind } from './trace.js';
import { ClusterFold } from './cluster-fold.js';
import type { FoldRecord } from './cluster-fold.js';
import { failedElections, splitVotes } from './election-tally.js';

/** A record as the simulator writes it; unnamed fields are 0. */
function record(kind: TraceKind, fields: Partial<FoldRecord> = {}): FoldRecord {
  return { kind, timeUs: 0, node: 0, peer: 0, a: 0, b: 0, detail: null, ...fields };
}

function fold(records: readonly FoldRecord[], options: Partial<ConstructorParameters<typeof ClusterFold>[0]> = {}): ClusterFold {
  const cluster = new ClusterFold({ nodeCount: 3, ...options });
  for (const each of records) cluster.apply(each);
  cluster.finish();
  return cluster;
}

const entry = (term: number, command: string): Entry => ({ term, kind: 'command', command });

describe('the cluster fold of a trace', () => {
  it('follows the votes a node grants in its term, from the replies it sends: pre-votes and refusals aside', () => {
    const reply = (from: number, to: number, term: number, voteGranted: boolean, preVote = false) =>
      record(TraceKind.send, { node: from, peer: to, a: MESSAGE_CODE.RequestVoteResponse, detail: { type: 'RequestVoteResponse', from, to, term, voteGranted, ...(preVote ? { preVote } : {}) } });
    const cluster = fold([reply(3, 1, 1, true, true), reply(3, 2, 1, false), reply(3, 1, 2, true), reply(3, 2, 2, true), reply(2, 1, 1, true), reply(2, 1, 2, true)]);
    expect(cluster.node(3)).toMatchObject({ votes: [1, 2], votesTerm: 2 });
    expect(cluster.node(2)).toMatchObject({ votes: [1], votesTerm: 2 });
    expect(cluster.node(1)).toMatchObject({ votes: [], votesTerm: 0 });
    // A copy shares no list with its original.
    const copy = cluster.copy();
    cluster.apply(reply(1, 2, 3, true));
    expect(copy.node(1)!.votes).toEqual([]);
  });

  it('follows roles, terms and the leader a node names, and counts who stood and won each term', () => {
    const cluster = fold([
      record(TraceKind.termChange, { node: 1, a: 1 }),
      record(TraceKind.roleChange, { node: 1, a: ROLE_CODE.candidate, b: 1 }),
      record(TraceKind.roleChange, { node: 1, a: ROLE_CODE.leader, b: 1 }),
      record(TraceKind.termChange, { node: 2, a: 1 }),
      record(TraceKind.roleChange, { node: 2, peer: 1, a: ROLE_CODE.follower, b: 1 }),
    ]);
    expect(cluster.node(1)).toMatchObject({ role: 'leader', term: 1, roleTerm: 1 });
    expect(cluster.node(2)).toMatchObject({ role: 'follower', term: 1, leader: 1 });
    expect(cluster.elections.rounds()).toEqual([{ term: 1, candidates: [1], leader: 1 }]);
  });

  it('sees a candidate whose term changes without a role change stand again, but not one that steps down', () => {
    const stoodAgain: [number, number, number][] = [];
    const cluster = fold(
      [
        record(TraceKind.roleChange, { node: 1, a: ROLE_CODE.candidate, b: 1 }),
        record(TraceKind.roleChange, { node: 2, a: ROLE_CODE.candidate, b: 1 }),
        record(TraceKind.termChange, { node: 1, a: 2, timeUs: 50 }),
        record(TraceKind.tick, { node: 3, timeUs: 60 }),
        record(TraceKind.termChange, { node: 2, a: 3, timeUs: 70 }),
        record(TraceKind.roleChange, { node: 2, a: ROLE_CODE.follower, b: 3, timeUs: 70 }),
        record(TraceKind.termChange, { node: 1, a: 4, timeUs: 90 }),
      ],
      { onStoodAgain: (node, term, timeUs) => stoodAgain.push([node, term, timeUs]) },
    );
    // The last term change is settled by finish(): no record follows to show a step down.
    expect(stoodAgain).toEqual([
      [1, 2, 50],
      [1, 4, 90],
    ]);
    expect(cluster.node(1)!.roleTerm).toBe(4);
    const rounds = cluster.elections.rounds();
    expect(rounds.map((round) => round.term)).toEqual([1, 2, 4]);
    expect(splitVotes(rounds)).toEqual([{ term: 1, candidates: [1, 2], leader: null }]);
    expect(failedElections(rounds).map((round) => round.term)).toEqual([1, 2]);
  });

  it('loses a node’s role and commit index on a crash and keeps its term; a restart brings it up as follower', () => {
    const cluster = fold([
      record(TraceKind.roleChange, { node: 1, a: ROLE_CODE.leader, b: 3 }),
      record(TraceKind.commit, { node: 1, a: 7 }),
      record(TraceKind.pause, { node: 2 }),
      record(TraceKind.crash, { node: 1 }),
    ]);
    expect(cluster.node(1)).toMatchObject({ status: 'crashed', crashed: true, role: 'follower', term: 3, roleTerm: null, commit: 0 });
    expect(cluster.node(2)).toMatchObject({ status: 'paused', paused: true });
    cluster.apply(record(TraceKind.restart, { node: 1 }));
    cluster.apply(record(TraceKind.resume, { node: 2 }));
    expect(cluster.node(1)).toMatchObject({ status: 'up', crashed: false });
    expect(cluster.node(2)).toMatchObject({ status: 'up', paused: false });
  });

  it('keeps logs when asked: a write cuts the log at its first index; a retirement wipes it, a switch-off does not', () => {
    const cluster = fold(
      [
        record(TraceKind.logWrite, { node: 1, a: 1, b: 3, detail: [entry(1, 'a'), entry(1, 'b'), entry(1, 'c')] }),
        record(TraceKind.logWrite, { node: 1, a: 2, b: 1, detail: [entry(2, 'x')] }),
        record(TraceKind.compact, { node: 1, a: 2, b: 2 }),
        record(TraceKind.logWrite, { node: 2, a: 1, b: 1, detail: [entry(1, 'a')] }),
        record(TraceKind.logWrite, { node: 3, a: 1, b: 1, detail: [entry(1, 'a')] }),
        record(TraceKind.retire, { node: 2, a: 0 }),
        record(TraceKind.retire, { node: 3, a: 1 }),
      ],
      { keepLogs: true },
    );
    expect(cluster.node(1)!.log.map((each) => each.command)).toEqual(['a', 'x']);
    expect(cluster.node(1)).toMatchObject({ snapshot: 2, snapshotTerm: 2 });
    expect(cluster.node(2)).toMatchObject({ status: 'retired', log: [] });
    expect(cluster.node(3)).toMatchObject({ status: 'spare', log: [entry(1, 'a')] });
    expect(fold([record(TraceKind.logWrite, { node: 1, a: 1, b: 1, detail: [entry(1, 'a')] })]).node(1)!.log).toEqual([]);
  });

  it('starts servers outside the first configuration as spares', () => {
    const cluster = fold([], { nodeCount: 4, initialMembers: [1, 2, 3] });
    expect([1, 2, 3, 4].map((id) => cluster.node(id)!.status)).toEqual(['up', 'up', 'up', 'spare']);
    expect(cluster.node(0)).toBeUndefined();
    expect(cluster.node(5)).toBeUndefined();
  });

  it('rebuilds who reaches whom from partitions, isolations and cuts, until the network heals', () => {
    const cluster = new ClusterFold({ nodeCount: 5 });
    cluster.apply(record(TraceKind.partition, { timeUs: 10, a: 2, detail: { type: 'partition', groups: [[1, 2], [3, 4, 5]] } }));
    expect(cluster.links.bothWays(1, 2)).toBe(true);
    expect(cluster.links.bothWays(2, 3)).toBe(false);
    expect(cluster.networkFault?.sinceUs).toBe(10);
    cluster.apply(record(TraceKind.heal, { timeUs: 20, detail: { type: 'heal' } }));
    expect(cluster.links.bothWays(2, 3)).toBe(true);
    expect(cluster.networkFault).toBeNull();
    cluster.apply(record(TraceKind.cut, { node: 1, peer: 2, a: 1, detail: { type: 'cut', from: [1], to: [2] } }));
    expect(cluster.links.bothWays(1, 2)).toBe(false);
    cluster.apply(record(TraceKind.settle));
    cluster.apply(record(TraceKind.partition, { node: 4, detail: { type: 'isolate', node: 4 } }));
    expect(cluster.links.bothWays(1, 2)).toBe(true);
    expect(cluster.links.bothWays(4, 1)).toBe(false);
    expect(cluster.links.bothWays(1, 3)).toBe(true);
  });

  it('copies: records applied to a copy leave the original as it was', () => {
    const original = fold([record(TraceKind.logWrite, { node: 1, a: 1, b: 1, detail: [entry(1, 'a')] })], { keepLogs: true });
    const copy = original.copy();
    copy.apply(record(TraceKind.logWrite, { node: 1, a: 2, b: 1, detail: [entry(1, 'b')] }));
    copy.apply(record(TraceKind.roleChange, { node: 1, a: ROLE_CODE.candidate, b: 1 }));
    copy.apply(record(TraceKind.partition, { detail: { type: 'isolate', node: 1 } }));
    expect(original.node(1)!.log).toHaveLength(1);
    expect(original.node(1)!.role).toBe('follower');
    expect(original.elections.rounds()).toEqual([]);
    expect(original.links.bothWays(1, 2)).toBe(true);
    expect(copy.node(1)!.log).toHaveLength(2);
  });
});
