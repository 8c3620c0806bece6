/**
 * One trial of an election experiment: a cluster elects a leader and settles under it; then, a random
 * moment after one of its heartbeats, the leader crashes, and the trial's clock runs until the end point
 * (a new leader, or its first heartbeat received by every other server) or the cap.
 */
import { referenceImplementation } from '../../core/node.js';
import type { NodeId, PersistentState } from '../../core/types.js';
import { Simulation, simulationOptions } from '../../sim/index.js';
import type { Checker } from '../../sim/index.js';
import { currentLeader } from '../observations.js';

export interface CrashTrialSetup {
  readonly seed: number;
  /** Where in the heartbeat interval after the leader's last heartbeat the crash comes, in [0, 1). */
  readonly crashPhase: number;
  readonly nodeCount: number;
  readonly timeoutMinMs: number;
  readonly timeoutMaxMs: number;
  readonly heartbeatMs: number;
  readonly tickMs: number;
  readonly latencyMinMs: number;
  readonly latencyMaxMs: number;
  readonly diskLatencyMinMs: number;
  readonly diskLatencyMaxMs: number;
  readonly capMs: number;
  readonly until: 'leader' | 'heartbeat-received';
  /** Whether the last heartbeat is followed by an entry that only some followers receive. */
  readonly unequalLogs: boolean;
  /** Followers crashed before the leader's last heartbeat, beside the leader itself. */
  readonly crashedFollowers: number;
  readonly checkers: () => Checker[];
}

export interface CrashTrialOutcome {
  /** Crash to the end point, in ms; null when the trial reached its cap first (or never had a leader to crash). */
  readonly timeMs: number | null;
  /** Terms begun after the crash (the one that elected the new leader included). */
  readonly electionTerms: number;
  /** Terms begun after the crash that ended without a leader. */
  readonly splitVotes: number;
  readonly violation: string | null;
  readonly events: number;
  readonly virtualMs: number;
}

/** The cluster needs this long at most to elect its first leader before a trial's crash. */
const SETUP_LIMIT_MS = 60_000;
/** Heartbeat intervals a new leader leads before it is crashed, so every follower has heard from it. */
const SETTLE_HEARTBEATS = 3;

/**
 * Node 1 starts with term 1 on its disk, so that its first candidacy is for a later term than anyone
 * else's and it wins the first election. Without it, nodes that start together with no randomness in
 * their timeouts split the vote forever before there is a leader to crash.
 */
const FIRST_LEADER_STATE: PersistentState = { hardState: { term: 1, votedFor: null }, log: [] };

export function runCrashTrial(setup: CrashTrialSetup): CrashTrialOutcome {
  const heartbeatMs = setup.heartbeatMs;
  const simulation = new Simulation(
    simulationOptions({
      // The experiments measure the reference node, as the paper measured its own Raft.
      implementation: referenceImplementation,
      seed: setup.seed,
      nodeCount: setup.nodeCount,
      durationMs: SETUP_LIMIT_MS + setup.capMs + heartbeatMs * (SETTLE_HEARTBEATS + 2),
      tickMs: setup.tickMs,
      electionTimeoutMinMs: setup.timeoutMinMs,
      electionTimeoutMaxMs: setup.timeoutMaxMs,
      heartbeatMs,
      network: { latencyMinMs: setup.latencyMinMs, latencyMaxMs: setup.latencyMaxMs, lossRate: 0, duplicateRate: 0, reorderRate: 0 },
      disk: { latencyMinMs: setup.diskLatencyMinMs, latencyMaxMs: setup.diskLatencyMaxMs },
      workload: { requestsPerSecond: 0 },
      nodeOverrides: { 1: { persisted: FIRST_LEADER_STATE } },
      trace: 'hash',
    }),
    setup.checkers(),
  );
  let heartbeatSent = false;
  simulation.watchSentMessages((message) => {
    if (message.type === 'AppendEntriesRequest') heartbeatSent = true;
  });
  const nowMs = () => simulation.virtualTimeUs / 1000;
  const runUntil: RunUntil = (untilMs, done) => {
    // On the simulator's microsecond clock: a time in ms times 1000 need not be a whole number.
    const untilUs = Math.round(untilMs * 1000);
    while (!done()) {
      if (simulation.nextEventTimeUs() > untilUs || !simulation.step()) return done();
    }
    return true;
  };
  const finish = (timeMs: number | null, electionTerms: number, splitVotes: number): CrashTrialOutcome => {
    const result = simulation.result();
    const violation = result.violations[0];
    return { timeMs, electionTerms, splitVotes, violation: violation === undefined ? null : `${violation.checker}: ${violation.message}`, events: result.events, virtualMs: result.virtualMs };
  };

  const settled = settleLeader(simulation, runUntil, heartbeatMs);
  if (settled === null) return finish(null, 0, 0);
  const { leader, leaderTerm } = settled;
  const crashed = setup.crashedFollowers === 0 ? [] : followersOf(leader, setup.nodeCount).slice(-setup.crashedFollowers);
  if (crashed.length > 0) {
    simulation.scheduleAction(simulation.virtualTimeUs, { type: 'crash', nodes: crashed });
    runUntil(nowMs(), () => crashed.every((node) => !simulation.cluster.node(node).up));
  }

  // The leader sends its heartbeats to every follower at once (the benchmark synchronised them so).
  heartbeatSent = false;
  if (!runUntil(nowMs() + 2 * heartbeatMs, () => heartbeatSent)) return finish(null, 0, 0);
  const heartbeatAtMs = nowMs();
  if (setup.unequalLogs) appendOnSome(simulation, leader, setup, crashed, heartbeatAtMs);
  const crashAtMs = heartbeatAtMs + setup.crashPhase * heartbeatMs;
  simulation.scheduleAction(Math.round(crashAtMs * 1000), { type: 'crash', nodes: leader });
  // Step past the crash itself, which is the next event at its time.
  runUntil(crashAtMs, () => !simulation.cluster.node(leader).up);
  const crashedAtMs = nowMs();
  const reached = () => endPointReached(simulation, leaderTerm, setup.until);
  const ended = runUntil(crashedAtMs + setup.capMs, () => reached() !== null || simulation.isOver);
  const newLeader = reached();
  const highestTerm = Math.max(...simulation.cluster.nodes.map((node) => node.term));
  if (!ended || newLeader === null) return finish(null, highestTerm - leaderTerm, highestTerm - leaderTerm);
  const newTerm = simulation.cluster.node(newLeader).term;
  return finish(nowMs() - crashedAtMs, newTerm - leaderTerm, newTerm - leaderTerm - 1);
}

type RunUntil = (untilMs: number, done: () => boolean) => boolean;

/** A leader, in place for a few heartbeat intervals with every node in its term; null if none came. */
function settleLeader(simulation: Simulation, runUntil: RunUntil, heartbeatMs: number): { leader: NodeId; leaderTerm: number } | null {
  const nowMs = () => simulation.virtualTimeUs / 1000;
  while (true) {
    if (!runUntil(SETUP_LIMIT_MS, () => currentLeader(simulation.cluster) !== null)) return null;
    const leader = currentLeader(simulation.cluster)!;
    const leaderTerm = simulation.cluster.node(leader).term;
    runUntil(nowMs() + SETTLE_HEARTBEATS * heartbeatMs, () => simulation.isOver);
    const node = simulation.cluster.node(leader);
    const settled = node.role === 'leader' && node.term === leaderTerm && simulation.cluster.nodes.every((other) => other.term === leaderTerm);
    if (settled) return { leader, leaderTerm };
    if (simulation.isOver || nowMs() > SETUP_LIMIT_MS) return null;
  }
}

function followersOf(leader: NodeId, nodeCount: number): NodeId[] {
  return Array.from({ length: nodeCount }, (_, index) => index + 1).filter((node) => node !== leader);
}

/**
 * Right after its heartbeat the leader appends an entry that reaches only some of the followers, so
 * that at the crash the survivors' logs differ and those without it cannot win an election: as in the
 * paper's benchmark, where two of the four survivors were not eligible. Of the survivors, the
 * highest-numbered half (rounded down) miss the entry: the links to them lose every message sent
 * from now on, while the heartbeat already on its way still arrives.
 */
function appendOnSome(simulation: Simulation, leader: NodeId, setup: CrashTrialSetup, crashed: readonly NodeId[], atMs: number): void {
  const survivors = followersOf(leader, setup.nodeCount).filter((node) => !crashed.includes(node));
  const behind = survivors.slice(survivors.length - Math.floor(survivors.length / 2));
  const atUs = Math.round(atMs * 1000);
  for (const node of behind) simulation.scheduleAction(atUs, { type: 'network', from: leader, to: node, change: { lossRate: 1 } });
  simulation.scheduleAction(atUs, { type: 'propose', count: 1, to: leader });
}

/**
 * The node that ended the election, once the end point is reached: a leader of a later term than the
 * crashed one, and with `heartbeat-received`, every other server up has heard from it in its term.
 */
function endPointReached(simulation: Simulation, crashedTerm: number, until: CrashTrialSetup['until']): NodeId | null {
  const nodes = simulation.cluster.nodes;
  for (const node of nodes) {
    if (!node.up || node.role !== 'leader' || node.term <= crashedTerm) continue;
    if (until === 'leader') return node.id;
    const heard = nodes.every((other) => other === node || !other.up || (other.term === node.term && other.leaderId === node.id));
    return heard ? node.id : null;
  }
  return null;
}
