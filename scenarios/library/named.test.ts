/**
 * Each named scenario is tested for the behaviour it is named after, so that a change which quietly
 * stops a scenario from producing it fails here rather than going unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { findKnownBug } from '../../bugs/index.js';
import type { Message } from '../../core/index.js';
import { RejectReason, TamperKind, TraceKind } from '../../sim/index.js';
import type { TraceRecord } from '../../sim/index.js';
import { electionRounds, splitVotes } from '../observations.js';
import type { ScenarioRunResult } from '../run-scenario.js';
import { runScenario } from '../run-scenario.js';
import type { Scenario } from '../scenario.js';
import { findNamedScenario, namedScenarios } from './index.js';

function scenario(name: string): Scenario {
  const found = findNamedScenario(name);
  if (found === undefined) throw new Error(`no scenario ${name}`);
  return found;
}

const results = new Map<string, ScenarioRunResult>();
function run(name: string): ScenarioRunResult {
  let result = results.get(name);
  if (result === undefined) {
    result = runScenario(scenario(name));
    results.set(name, result);
  }
  return result;
}

const records = (result: ScenarioRunResult): TraceRecord[] => result.run.trace.records();
const stepTime = (result: ScenarioRunResult, label: string): number => result.steps.find((step) => step.label === label)!.atMs;
const leadersBetween = (result: ScenarioRunResult, fromMs: number, toMs: number) =>
  result.roles.filter((role) => role.role === 'leader' && role.atMs >= fromMs && role.atMs <= toMs);
const committedAt = (result: ScenarioRunResult, atMs: number): number =>
  result.commits.filter((commit) => commit.atMs <= atMs).at(-1)?.committed ?? 0;
const sentMessages = (result: ScenarioRunResult): { atMs: number; message: Message }[] =>
  records(result)
    .filter((record) => record.kind === TraceKind.send)
    .map((record) => ({ atMs: record.timeUs / 1000, message: record.detail as Message }));
/** The node a fault record acted on (partition, crash…) at a labelled step. */
const nodeActedOn = (result: ScenarioRunResult, kind: TraceKind, atMs: number): number =>
  recordAt(result, kind, atMs).node;
const recordAt = (result: ScenarioRunResult, kind: TraceKind, atMs: number): TraceRecord =>
  records(result).find((record) => record.kind === kind && Math.abs(record.timeUs / 1000 - atMs) < 0.01)!;
/** Every node's log, cut to what every node has committed: at the end of a run with clients, tails differ. */
const committedLogsAtEnd = (result: ScenarioRunResult): Set<string> => {
  const committed = Math.min(...result.run.finalNodes.map((node) => node.commitIndex));
  expect(committed).toBeGreaterThan(0);
  return new Set(result.run.finalNodes.map((node) => node.logTerms.slice(0, committed).join(',')));
};

describe('the library of named scenarios', () => {
  it('has at least 15 scenarios, each described, each passing its own expectations and every checker', () => {
    expect(namedScenarios().length).toBeGreaterThanOrEqual(15);
    for (const entry of namedScenarios()) {
      expect(entry.description.length, entry.name).toBeGreaterThan(20);
      const result = run(entry.name);
      expect(result.failures, entry.name).toEqual([]);
      expect(result.expectations.every((outcome) => outcome.passed), entry.name).toBe(true);
    }
  });
});

describe('scenario behaviours', () => {
  it('leader-crash: the crashed node led, and a different node leads within the bound', () => {
    const result = run('leader-crash');
    const crashAt = stepTime(result, 'crash');
    const crashed = nodeActedOn(result, TraceKind.crash, crashAt);
    expect(result.roles.filter((role) => role.node === crashed && role.atMs < crashAt).at(-1)?.role).toBe('leader');
    const next = leadersBetween(result, crashAt, crashAt + 1500)[0];
    expect(next).toBeDefined();
    expect(next!.node).not.toBe(crashed);
  });

  it('leader-isolated: the old leader cannot commit alone, a new leader is elected, and after the heal the old one steps down and loses its uncommitted entries', () => {
    const result = run('leader-isolated');
    const isolateAt = stepTime(result, 'isolate');
    const healAt = stepTime(result, 'heal');
    const old = nodeActedOn(result, TraceKind.partition, isolateAt);
    const oldTerm = result.roles.filter((role) => role.node === old && role.atMs <= isolateAt).at(-1)!.term;
    const oldCommits = records(result).filter((record) => record.kind === TraceKind.commit && record.node === old && record.timeUs / 1000 > isolateAt + 50 && record.timeUs / 1000 < healAt);
    expect(oldCommits).toEqual([]);
    const newLeader = leadersBetween(result, isolateAt, healAt).find((role) => role.node !== old);
    expect(newLeader!.term).toBeGreaterThan(oldTerm);
    expect(result.roles.some((role) => role.node === old && role.role === 'follower' && role.atMs >= healAt)).toBe(true);
    const acceptedWhileIsolated = records(result).filter(
      (record) => record.kind === TraceKind.propose && record.node === old && record.b === 1 && record.timeUs / 1000 > isolateAt && record.timeUs / 1000 < healAt,
    );
    expect(acceptedWhileIsolated.length).toBeGreaterThan(0);
    const committedCommands = new Set(result.committed.map((entry) => entry.command));
    for (const record of acceptedWhileIsolated) expect(committedCommands.has(record.detail as string)).toBe(false);
    expect(committedLogsAtEnd(result).size).toBe(1);
  });

  it('majority-lost: nothing commits while no group holds a majority, and commits resume after the heal', () => {
    const result = run('majority-lost');
    const healAt = stepTime(result, 'heal');
    expect(committedAt(result, healAt)).toBe(committedAt(result, stepTime(result, 'split') + 100));
    expect(committedAt(result, result.run.virtualMs)).toBeGreaterThan(committedAt(result, healAt) + 20);
  });

  it('one-way-partition: the node that cannot hear keeps standing and never wins; the others keep committing', () => {
    const result = run('one-way-partition');
    const cutAt = stepTime(result, 'cut');
    const healAt = stepTime(result, 'heal');
    const during = result.roles.filter((role) => role.atMs > cutAt && role.atMs < healAt);
    expect(during.filter((role) => role.node === 4 && role.role === 'candidate').length).toBeGreaterThanOrEqual(3);
    expect(during.some((role) => (role.node === 4 || role.node === 5) && role.role === 'leader')).toBe(false);
    expect(committedAt(result, healAt)).toBeGreaterThan(committedAt(result, cutAt + 500) + 10);
  });

  it('three-way-split: terms rise but no leader is elected and nothing commits until the heal', () => {
    const result = run('three-way-split');
    const splitAt = stepTime(result, 'split');
    const healAt = stepTime(result, 'heal');
    expect(result.roles.some((role) => role.role === 'candidate' && role.atMs > splitAt && role.atMs < healAt)).toBe(true);
    expect(leadersBetween(result, splitAt + 100, healAt)).toEqual([]);
    expect(committedAt(result, healAt)).toBe(committedAt(result, splitAt + 100));
  });

  it('flaky-network: about 30% of messages are lost and some duplicated, and commits continue', () => {
    const stats = run('flaky-network').run.stats;
    const lossShare = stats.messagesDropped / (stats.messagesSent + stats.messagesDuplicated);
    expect(lossShare).toBeGreaterThan(0.25);
    expect(lossShare).toBeLessThan(0.36);
    expect(stats.messagesDuplicated).toBeGreaterThan(0);
    expect(stats.commandsCommitted).toBeGreaterThan(50);
  });

  it('split-vote: several candidates stand in one term and nobody wins it; a later term elects a leader', () => {
    const result = run('split-vote');
    const split = splitVotes(result.roles)[0]!;
    expect(split.candidates.length).toBeGreaterThanOrEqual(2);
    expect(split.leader).toBeNull();
    expect(electionRounds(result.roles).some((round) => round.term > split.term && round.leader !== null)).toBe(true);
  });

  it('split-vote-storm: with no randomness split votes repeat, far more often than with randomized timeouts', () => {
    const storm = splitVotes(run('split-vote-storm').roles).length;
    const randomized = runScenario({ ...scenario('split-vote-storm'), cluster: { ...scenario('split-vote-storm').cluster, electionTimeoutMs: [150, 300] }, expect: [] });
    expect(storm).toBeGreaterThanOrEqual(3);
    expect(storm).toBeGreaterThan(3 * splitVotes(randomized.roles).length);
  });

  it('term-conflict: the cut-off follower inflates its term, and on rejoining forces the leader down without winning itself', () => {
    const result = run('term-conflict');
    const isolateAt = stepTime(result, 'isolate');
    const healAt = stepTime(result, 'heal');
    const follower = nodeActedOn(result, TraceKind.partition, isolateAt);
    const leaderBefore = result.roles.filter((role) => role.role === 'leader' && role.atMs < healAt).at(-1)!;
    const followerTermAtHeal = result.roles.filter((role) => role.node === follower && role.atMs <= healAt).at(-1)!.term;
    expect(followerTermAtHeal).toBeGreaterThan(leaderBefore.term + 3);
    const stepDown = result.roles.find((role) => role.node === leaderBefore.node && role.atMs > healAt && role.role === 'follower');
    expect(stepDown).toBeDefined();
    expect(stepDown!.term).toBeGreaterThanOrEqual(followerTermAtHeal);
    expect(result.roles.some((role) => role.node === follower && role.role === 'leader' && role.atMs > isolateAt)).toBe(false);
  });

  it('stale-leader: the leader left in a minority accepts commands that never commit, and they are replaced after the heal', () => {
    const result = run('stale-leader');
    const splitAt = stepTime(result, 'split');
    const healAt = stepTime(result, 'heal');
    const stale = recordAt(result, TraceKind.partition, splitAt);
    const staleLeader = (stale.detail as { groups: number[][] }).groups[0]![0]!;
    const accepted = records(result).filter(
      (record) => record.kind === TraceKind.propose && record.node === staleLeader && record.b === 1 && record.timeUs / 1000 > splitAt + 20 && record.timeUs / 1000 < healAt,
    );
    expect(accepted.length).toBeGreaterThan(10);
    const committed = new Set(result.committed.map((entry) => entry.command));
    expect(accepted.filter((record) => committed.has(record.detail as string))).toEqual([]);
    expect(leadersBetween(result, splitAt, healAt).some((role) => role.node !== staleLeader)).toBe(true);
    expect(committedLogsAtEnd(result).size).toBe(1);
  });

  it("figure-7: the leader of term 8 brings every follower's log, (a) to (f), into agreement with its own", () => {
    const result = run('figure-7');
    expect(result.roles.find((role) => role.role === 'leader')).toMatchObject({ node: 1, term: 8 });
    for (const node of result.run.finalNodes) expect(node.logTerms, `node ${node.node}`).toEqual([1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 8]);
  });

  it('figure-8: the term-2 entry on a majority commits only with the term-4 entry; node 5 never wins and never overwrites it', () => {
    const result = run('figure-8');
    // Index 2 reaches node 3 alone (one entry per request), while index 3 is still on its way.
    const holdersOfIndex2 = new Set([1, 2]);
    let majorityAt = Infinity;
    for (const record of records(result)) {
      if (record.kind !== TraceKind.logWrite || record.a > 2 || record.a + record.b - 1 < 2) continue;
      holdersOfIndex2.add(record.node);
      if (holdersOfIndex2.size >= 3) {
        majorityAt = record.timeUs / 1000;
        break;
      }
    }
    expect(majorityAt).toBeLessThan(Infinity);
    expect(committedAt(result, majorityAt)).toBe(0);
    expect(result.commits.find((commit) => commit.committed >= 2)!.committed).toBeGreaterThanOrEqual(3);
    expect(result.committed[1]).toMatchObject({ term: 2 });
    expect(result.roles.some((role) => role.node === 5 && role.role === 'leader')).toBe(false);
    for (const node of result.run.finalNodes) if (node.status === 'up') expect(node.logTerms[1], `node ${node.node}`).toBe(2);
  });

  it('figure-8 with the commit-old-term bug: the term-2 entry is committed by counting, before the term-4 entry is', () => {
    const bug = findKnownBug('commit-old-term')!;
    const result = runScenario(scenario('figure-8'), { implementation: bug.implementation });
    expect(result.commits.find((commit) => commit.committed >= 2)!.committed).toBe(2);
  });

  it('committed-but-uncounted: a leader of term 3 holds entry 2 of term 2, which a majority stored though nobody counted it', () => {
    const result = run('committed-but-uncounted');
    expect(result.failures).toEqual([]);
    // Node 5 stands first and keeps standing, but only a node holding entry 2 can win the first time.
    const firstLeader = result.roles.find((role) => role.role === 'leader')!;
    expect([2, 3]).toContain(firstLeader.node);
    expect(result.roles.some((role) => role.node === 5 && role.role === 'candidate' && role.atMs < firstLeader.atMs)).toBe(true);
    expect(result.committed[1]).toMatchObject({ term: 2 });
  });

  it('committed-but-uncounted with the skip-log-check bug: node 5 wins term 3 without entry 2, and leader completeness says so', () => {
    const bug = findKnownBug('skip-log-check')!;
    const result = runScenario(scenario('committed-but-uncounted'), { implementation: bug.implementation });
    expect(result.run.violations.map((violation) => violation.checker)).toEqual(['leader-completeness']);
    expect(result.run.violations[0]!.message).toBe('node 5 became leader of term 3 without committed index 2 (term 2, "x2"); it holds index 2 (absent)');
  });

  it('crash-restart-churn: leaders and followers crash again and again, restart from their disks, and the cluster keeps committing', () => {
    const result = run('crash-restart-churn');
    expect(result.run.stats.crashes).toBeGreaterThanOrEqual(5);
    expect(result.run.stats.restarts).toBe(result.run.stats.crashes);
    const termBeforeCrash = new Map<number, number>();
    for (const role of result.roles) {
      if (role.role === 'crashed') termBeforeCrash.set(role.node, role.term);
      else if (termBeforeCrash.has(role.node)) expect(role.term).toBeGreaterThanOrEqual(termBeforeCrash.get(role.node)!);
    }
    expect(committedAt(result, 12_000)).toBeGreaterThan(committedAt(result, 5_000) + 20);
    expect(committedLogsAtEnd(result).size).toBe(1);
  });

  it('lagging-follower: the leader backs up over node 5’s divergent tail a term per refusal, not an index per refusal', () => {
    const result = run('lagging-follower');
    const refusals = sentMessages(result).filter(({ message }) => message.from === 5 && message.type === 'AppendEntriesResponse' && !message.success);
    // Node 5 is 184 entries short with two conflicting terms: at most one refusal per term and one for the length.
    expect(refusals.length).toBeGreaterThan(0);
    expect(refusals.length).toBeLessThanOrEqual(4);
    const lagging = result.run.finalNodes[4]!;
    expect(lagging.commitIndex).toBeGreaterThan(200);
    expect(lagging.logTerms.slice(0, lagging.commitIndex)).toEqual(result.run.finalNodes[0]!.logTerms.slice(0, lagging.commitIndex));
  });

  it('slow-node: the other nodes commit at their own pace and the slow node still catches up', () => {
    const result = run('slow-node');
    expect(result.run.stats.commitLatencyMs!.p50).toBeLessThan(60);
    expect(committedLogsAtEnd(result).size).toBe(1);
    const toSlow = sentMessages(result).filter(({ message }) => message.to === 3).length;
    expect(toSlow).toBeGreaterThan(100);
  });

  it('clock-drift: the fast node ticks 30% more often than the others, and leadership stays stable', () => {
    const result = run('clock-drift');
    const ticks = [0, 0, 0, 0, 0, 0];
    for (const record of records(result)) if (record.kind === TraceKind.tick) ticks[record.node]!++;
    const others = (ticks[1]! + ticks[3]! + ticks[4]! + ticks[5]!) / 4;
    expect(ticks[2]! / others).toBeGreaterThan(1.25);
    expect(ticks[2]! / others).toBeLessThan(1.35);
    expect(result.run.stats.leaderChanges).toBe(1);
  });

  it('prevote-disruptive-rejoin: with PreVote the rejoining node leaves terms and leadership alone; without it, it forces an election', () => {
    const withPreVote = run('prevote-disruptive-rejoin');
    const healAt = stepTime(withPreVote, 'heal');
    const isolated = nodeActedOn(withPreVote, TraceKind.partition, stepTime(withPreVote, 'isolate'));
    const termAtIsolation = withPreVote.roles.filter((role) => role.atMs <= stepTime(withPreVote, 'isolate')).at(-1)!.term;
    expect(withPreVote.roles.filter((role) => role.node === isolated && role.atMs < healAt).every((role) => role.term === termAtIsolation)).toBe(true);
    expect(leadersBetween(withPreVote, healAt, 8_000)).toEqual([]);

    const base = scenario('prevote-disruptive-rejoin');
    const without = runScenario({ ...base, cluster: { ...base.cluster, preVote: false }, expect: [] });
    expect(leadersBetween(without, healAt, 8_000).length).toBeGreaterThan(0);
    expect(Math.max(...without.roles.map((role) => role.term))).toBeGreaterThan(termAtIsolation + 3);
  });

  it('checkquorum-minority-leader: with CheckQuorum the cut-off leader steps down within an election timeout; without it, it keeps leading until the heal', () => {
    const withCheck = run('checkquorum-minority-leader');
    const isolateAt = stepTime(withCheck, 'isolate');
    const healAt = stepTime(withCheck, 'heal');
    const old = nodeActedOn(withCheck, TraceKind.partition, isolateAt);
    const stepDown = withCheck.roles.find((role) => role.node === old && role.atMs > isolateAt && role.role === 'follower');
    expect(stepDown).toBeDefined();
    expect(stepDown!.atMs - isolateAt).toBeLessThanOrEqual(2 * 150 + 20);

    const base = scenario('checkquorum-minority-leader');
    const without = runScenario({ ...base, cluster: { ...base.cluster, checkQuorum: false }, expect: [] });
    const oldWithout = nodeActedOn(without, TraceKind.partition, stepTime(without, 'isolate'));
    expect(without.roles.some((role) => role.node === oldWithout && role.atMs > isolateAt && role.atMs < healAt && role.role !== 'leader')).toBe(false);
  });

  it('leadership-transfer: the chosen node leads next; a lagging one is first brought up to date, then told to stand', () => {
    const result = run('leadership-transfer');
    const transfers = records(result).filter((record) => record.kind === TraceKind.leadershipTransfer);
    expect(transfers).toHaveLength(2);
    const timeoutNows = sentMessages(result).filter(({ message }) => message.type === 'TimeoutNowRequest');
    for (const transfer of transfers) {
      const atMs = transfer.timeUs / 1000;
      const successor = transfer.peer;
      const next = leadersBetween(result, atMs, atMs + 1000)[0];
      expect(next?.node, `leader after the transfer at ${atMs}`).toBe(successor);
      const told = timeoutNows.find(({ atMs: sentAt, message }) => message.to === successor && sentAt >= atMs)!;
      expect(told).toBeDefined();
      const lagging = transfer === transfers[1];
      // The caught-up successor is told at once; the lagging one only after the entries it lacked.
      if (lagging) expect(told.atMs).toBeGreaterThan(atMs);
      else expect(told.atMs).toBe(atMs);
    }
    expect(transfers[1]!.peer).toBe(nodeActedOn(result, TraceKind.partition, stepTime(result, 'lag')));
  });
});

describe('scenarios beyond Figure 2: snapshots, membership, reads', () => {
  const ofKind = (result: ScenarioRunResult, kind: TraceKind) => records(result).filter((record) => record.kind === kind);
  const finalNode = (result: ScenarioRunResult, id: number) => result.run.finalNodes.find((node) => node.node === id)!;

  it('snapshot-catch-up: the returning follower is sent the leader’s snapshot and installs it; without snapshots it catches up entry by entry', () => {
    const result = run('snapshot-catch-up');
    const downAt = stepTime(result, 'down');
    const down = nodeActedOn(result, TraceKind.crash, downAt);
    expect(ofKind(result, TraceKind.compact).length).toBeGreaterThan(0);
    const installs = ofKind(result, TraceKind.installSnapshot).filter((record) => record.node === down);
    expect(installs.length).toBeGreaterThan(0);
    // The snapshot reaches past everything the follower held when it went down.
    const heldAtCrash = result.commits.filter((commit) => commit.atMs <= downAt).at(-1)!.committed;
    expect(installs[0]!.a).toBeGreaterThan(heldAtCrash);
    expect(sentMessages(result).some(({ message }) => message.type === 'InstallSnapshotRequest' && message.to === down)).toBe(true);
    expect(result.failures).toEqual([]);

    const base = scenario('snapshot-catch-up');
    const without = runScenario({ ...base, cluster: { ...base.cluster, snapshotThreshold: 0 } });
    expect(ofKind(without, TraceKind.installSnapshot)).toEqual([]);
    expect(sentMessages(without).some(({ message }) => message.type === 'InstallSnapshotRequest')).toBe(false);
    expect(without.failures).toEqual([]);
  });

  it('membership-add-under-load: the too-early second add is refused, both spares join, catch up and count', () => {
    const result = run('membership-add-under-load');
    const changes = ofKind(result, TraceKind.membershipChange);
    expect(changes.map((record) => [record.peer, record.a > 0])).toEqual([
      [4, true],
      [5, false],
      [5, true],
    ]);
    expect((changes[1]!.detail as { refused: string }).refused).toMatch(/not committed yet/);
    const leaderLast = Math.max(...result.run.finalNodes.map((node) => node.lastLogIndex));
    for (const id of [4, 5]) expect(finalNode(result, id).commitIndex).toBeGreaterThan(leaderLast - 10);
    const lastConfig = result.committed.filter((entry) => entry.kind === 'config').at(-1)!;
    expect(lastConfig.command).toBe('1,2,3,4,5');
  });

  it('membership-remove-leader: the removed leader steps down once its removal commits, another leads, and it is shut down', () => {
    const result = run('membership-remove-leader');
    const removeAt = stepTime(result, 'remove');
    const removed = ofKind(result, TraceKind.membershipChange)[0]!.peer;
    expect(removed).toBe(ofKind(result, TraceKind.membershipChange)[0]!.node);
    const next = leadersBetween(result, removeAt, removeAt + 1000).find((role) => role.node !== removed);
    expect(next).toBeDefined();
    expect(ofKind(result, TraceKind.retire).map((record) => record.node)).toEqual([removed]);
    expect(finalNode(result, removed).status).toBe('retired');
    expect(result.committed.filter((entry) => entry.kind === 'config').at(-1)!.command.split(',').map(Number)).not.toContain(removed);
  });

  it('membership-replace-crashed: the crashed member is removed and retired, and the spare joins in its place', () => {
    const result = run('membership-replace-crashed');
    const crashed = nodeActedOn(result, TraceKind.crash, stepTime(result, 'crash'));
    expect(finalNode(result, crashed).status).toBe('retired');
    expect(finalNode(result, 4).status).toBe('up');
    const members = result.committed.filter((entry) => entry.kind === 'config').at(-1)!.command.split(',').map(Number);
    expect(members).toContain(4);
    expect(members).not.toContain(crashed);
    expect(finalNode(result, 4).commitIndex).toBe(Math.max(...result.run.finalNodes.map((node) => node.commitIndex)));
  });

  it('membership-change-during-partition: the change made in the minority never commits and the cluster keeps its five members', () => {
    const result = run('membership-change-during-partition');
    const change = ofKind(result, TraceKind.membershipChange)[0]!;
    expect(change.a).toBeGreaterThan(0);
    expect(result.committed.some((entry) => entry.kind === 'config')).toBe(false);
    expect(finalNode(result, 6).status).toBe('spare');
    expect(ofKind(result, TraceKind.retire).map((record) => [record.node, record.a])).toEqual([[6, 1]]);
    expect(result.failures).toEqual([]);
  });

  it('lease-read-clock-drift: a lease under drift beyond its bound returns a stale read, caught; ReadIndex, or the lease without the drift, returns none', () => {
    const result = run('lease-read-clock-drift');
    expect(result.run.violations.map((violation) => violation.checker)).toEqual(['stale-read']);
    expect(result.passed).toBe(true);
    const stale = result.run.violations[0]!;
    expect(stale.atMs).toBeGreaterThan(stepTime(result, 'isolate'));

    const base = scenario('lease-read-clock-drift');
    const readIndex = runScenario({ ...base, cluster: { ...base.cluster, leaseReads: false }, expect: [] });
    expect(readIndex.run.violations).toEqual([]);
    expect(readIndex.run.stats.readsAnswered).toBeGreaterThan(50);
    const noDrift = runScenario({ ...base, timeline: base.timeline.filter((step) => step.action.type !== 'clock-drift'), expect: [] });
    expect(noDrift.run.violations).toEqual([]);
    expect(noDrift.run.stats.readsAnswered).toBeGreaterThan(50);
  });

  describe('attacks beyond Raft\'s fault model, each without its defence (caught) and with it (nothing caught)', () => {
    const withIntegrity = (name: string, integrity: 'none' | 'checksum' | 'authenticated') => {
      const base = scenario(name);
      return runScenario({ ...base, cluster: { ...base.cluster, integrity }, expect: [] });
    };
    const ofKind = (result: ScenarioRunResult, kind: TraceKind) => records(result).filter((record) => record.kind === kind);
    const checkers = (result: ScenarioRunResult) => [...new Set(result.run.violations.map((violation) => violation.checker))];
    const tampered = (result: ScenarioRunResult) => ofKind(result, TraceKind.tamper).filter((record) => record.node !== 0 || record.peer !== 0);
    const rejectedFor = (result: ScenarioRunResult, reason: number) => ofKind(result, TraceKind.rejected).filter((record) => record.b === reason);

    it('corrupted-append: a node acts on a corrupted message, caught; with checksums the corrupted messages are dropped', () => {
      const result = run('corrupted-append');
      expect(checkers(result)).toEqual(['message-integrity']);
      expect(result.passed).toBe(true);
      const defended = withIntegrity('corrupted-append', 'checksum');
      expect(defended.run.violations).toEqual([]);
      expect(tampered(defended).length).toBeGreaterThan(10);
      expect(rejectedFor(defended, RejectReason.checksum).length).toBe(tampered(defended).length);
    });

    it('forged-vote: a forged sender is believed without a MAC (checksums alone too), refused with one', () => {
      expect(checkers(run('forged-vote'))).toEqual(['message-integrity']);
      expect(checkers(withIntegrity('forged-vote', 'checksum'))).toEqual(['message-integrity']);
      const defended = withIntegrity('forged-vote', 'authenticated');
      expect(defended.run.violations).toEqual([]);
      expect(rejectedFor(defended, RejectReason.sender).length).toBeGreaterThan(10);
    });

    it('replayed-old-term: old-term messages come back and the term check refuses them, with or without integrity', () => {
      const result = run('replayed-old-term');
      expect(result.passed).toBe(true);
      expect(result.run.violations).toEqual([]);
      const replays = tampered(result);
      expect(replays.length).toBeGreaterThan(10);
      expect(replays.every((record) => record.a === TamperKind.replayed)).toBe(true);
      const defended = withIntegrity('replayed-old-term', 'authenticated');
      expect(defended.run.violations).toEqual([]);
      // Authentic: no seal refuses a replay; the term check does.
      expect(ofKind(defended, TraceKind.rejected)).toEqual([]);
    });

    it('removed-server-rejoins: a removed server pushes its term on the members, caught; authenticated, its votes and requests are refused', () => {
      expect(checkers(run('removed-server-rejoins'))).toEqual(['message-integrity']);
      expect(checkers(withIntegrity('removed-server-rejoins', 'checksum'))).toEqual(['message-integrity']);
      const defended = withIntegrity('removed-server-rejoins', 'authenticated');
      expect(defended.run.violations).toEqual([]);
      expect(rejectedFor(defended, RejectReason.outsider).length).toBeGreaterThan(0);
      expect(ofKind(defended, TraceKind.retire).length).toBe(1);
    });

    it('bit-rot: rotten records are read back as written without checksums, caught; with them each is repaired from a peer', () => {
      const result = run('bit-rot');
      expect(result.run.violations[0]?.checker).toBe('durable-restart');
      expect(result.passed).toBe(true);
      const defended = withIntegrity('bit-rot', 'checksum');
      expect(defended.run.violations).toEqual([]);
      expect(rejectedFor(defended, RejectReason.repairedRecord).length).toBe(3);
    });
  });
});
