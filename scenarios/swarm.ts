/**
 * Swarm testing: each seed draws its own configuration (cluster size, batching, network behaviour,
 * clock drift, which faults and how often) and then its fault schedule. Varying the configuration per seed reaches
 * corners that any one fixed configuration, however hostile, visits rarely. After the fault phase comes
 * a liveness phase: every fault healed, and the cluster must converge.
 */
import { boolean, checkArguments, nullable, oneOf, optional, optionsOf, withDefaults } from '../core/argument-checks.js';
import type { TimedFault } from '../sim/index.js';
import { RandomStream, randomFaultSchedule } from '../sim/index.js';
import type { FaultProfile } from '../sim/index.js';
import { DURATION_MS, NODE_COUNT, SEED } from './argument-rules.js';
import { drawForSwarm } from './protocol-options.js';
import type { SwarmStreams } from './protocol-options.js';
import type { Scenario, ScenarioStep } from './scenario.js';
import { DEFAULT_CLUSTER } from './scenario.js';

export type FaultMode = 'swarm' | 'none';

export interface SeedRunSettings {
  /** null: the swarm draws the cluster size (1 to 7, see CLUSTER_SIZE_DRAW) along with everything else. */
  readonly nodeCount: number | null;
  /** The length of the fault phase; the liveness phase follows it. */
  readonly durationMs: number;
  readonly faults: FaultMode;
  /** A labelled disk fault beyond Raft's model; only ever set by hand (--disk-faults), never drawn. */
  readonly diskFaultOnCrash?: 'none' | 'lost-fsync' | 'torn-write';
  /**
   * Attacks beyond Raft's fault model (messages corrupted, replayed, forged or sent from outside the
   * configuration, and bit rot on disks), drawn beside the other faults; only ever set by hand (--attacks).
   */
  readonly attacks?: boolean;
}

/** How long the cluster has to converge once faults stop, unless a run sets it (--liveness-within). */
export const LIVENESS_WITHIN_MS = 5_000;

/**
 * The cluster sizes the swarm draws, each as often as it appears (one draw picks from the list). Three
 * and five, the sizes deployments run, stay the most common (11 seeds in 17), so that the faults a
 * majority survives are explored where they matter most. The other sizes are each drawn on a few
 * percent of the seeds, enough that a default exploration runs each of them on a hundred seeds or
 * more: one node (its own majority: a leader that commits alone, or never does), two (a majority is
 * both nodes), four and six (the even sizes, where a majority counted over the peers instead of the
 * members, or a half taken for a majority, differs from the right count) and seven (three faults tolerated).
 */
export const CLUSTER_SIZE_DRAW: readonly number[] = [1, 2, 3, 3, 3, 3, 3, 3, 4, 4, 5, 5, 5, 5, 5, 6, 7];

/** The one-way latency ranges a seed's network draws from, in ms: half the seeds each; a calm run has the narrow one. */
export const SWARM_LATENCY_MS = { narrow: [10, 15], wide: [1, 60] } as const satisfies Record<string, readonly [number, number]>;

/** What `scenarioForSeed` assumes for settings it is not given: those of `raftsim run --seed N`. */
export const DEFAULT_SEED_RUN_SETTINGS: SeedRunSettings = { nodeCount: null, durationMs: 10_000, faults: 'swarm', diskFaultOnCrash: 'none' };

const SEED_RUN_SETTINGS = optionsOf<SeedRunSettings>('SeedRunSettings', {
  nodeCount: optional(nullable(NODE_COUNT)),
  durationMs: optional(DURATION_MS),
  faults: optional(oneOf(['swarm', 'none'])),
  diskFaultOnCrash: optional(oneOf(['none', 'lost-fsync', 'torn-write'])),
  attacks: optional(boolean),
});

/**
 * The scenario a seed stands for; `raftsim run --seed N` and exploration share it. Settings left out
 * are DEFAULT_SEED_RUN_SETTINGS: the swarm draws the cluster size, a 10 s fault phase, no disk faults.
 */
export function scenarioForSeed(seed: number, given: Partial<SeedRunSettings> = {}): Scenario {
  checkArguments('scenarioForSeed', ['seed', seed, SEED], ['settings', given, SEED_RUN_SETTINGS]);
  const settings = withDefaults(DEFAULT_SEED_RUN_SETTINGS, given);
  const random = new RandomStream(seed, 'swarm');
  // The features beyond Figure 2 draw from a stream of their own, so the draws of the first mean what they did.
  const features = new RandomStream(seed, 'swarm-features');
  // Each protocol option is set as its row says (protocol-options.ts), in this order, which golden seeds pin.
  const streams: SwarmStreams = { configuration: random, features };
  const calm = calmScenario(seed, settings, streams);
  if (settings.faults === 'none') return calm;
  const nodes = settings.nodeCount ?? random.pick(CLUSTER_SIZE_DRAW);
  const wideLatency = random.chance(0.5);
  const profile = drawFaultProfile(random);
  const maxEntriesPerAppend = drawForSwarm('maxEntriesPerAppend', streams);
  const heartbeatMs = drawForSwarm('heartbeatMs', streams);
  const lossRate = random.pick([0, 0.05, 0.1, 0.1]);
  const duplicateRate = random.pick([0, 0, 0.05]);
  const reorderRate = random.pick([0, 0, 0.05]);
  const requestsPerSecond = random.pick([5, 20, 50, 50]);
  const leaderCrashes = random.chance(0.75)
    ? { probability: random.pick([0.5, 0.7]), afterMinMs: 0, afterMaxMs: 100, downMinMs: 20, downMaxMs: 400 }
    : null;
  const diskLatencyMs = drawForSwarm('diskLatencyMs', streams);
  const preVote = drawForSwarm('preVote', streams);
  const checkQuorum = drawForSwarm('checkQuorum', streams);
  // Clock drift: one node's timers run fast or slow, within what keeps its election timeout above the
  // heartbeat interval (beyond that, a node times out under a live leader: a liveness fault, not a bug).
  const drift = random.chance(0.3) ? { [String(random.int(1, nodes))]: { clockRate: random.pick([0.8, 1.2, 1.3]) } } : {};
  const snapshotThreshold = drawForSwarm('snapshotThreshold', streams);
  const readsPerSecond = features.chance(0.4) ? features.pick([5, 20, 50]) : 0;
  // Within the drift drawn above (at most 30%), which is what a lease assumes by default. A paused
  // process is a clock that stops for as long as the pause, beyond any bound a lease can assume, so
  // seeds with lease reads draw no pauses.
  const leaseReads = drawForSwarm('leaseReads', streams, { checkQuorum, readsPerSecond });
  const maxInflightAppends = drawForSwarm('maxInflightAppends', streams);
  const spares = features.chance(0.3) ? features.pick([1, 2]) : 0;
  const membershipWeight = spares > 0 || features.chance(0.2) ? features.pick([1, 2, 3]) : 0;
  const members = spares > 0 ? Array.from({ length: nodes }, (_, index) => index + 1) : null;
  const allNodes = nodes + spares;
  const faultProfile = seedFaultProfile(seed, profile, { membershipWeight, leaseReads, attacks: settings.attacks === true });
  return {
    name: `swarm-${seed}`,
    description: `Seed ${seed}: a swarm configuration and fault schedule drawn from the seed, then a liveness phase.`,
    seed,
    cluster: {
      ...calm.cluster,
      nodes: allNodes,
      members,
      maxEntriesPerAppend,
      maxInflightAppends,
      heartbeatMs,
      preVote,
      checkQuorum,
      leaseReads,
      snapshotThreshold,
      diskLatencyMs,
      diskFaultOnCrash: settings.diskFaultOnCrash ?? 'none',
      perNode: drift,
      durationMs: settings.durationMs + LIVENESS_WITHIN_MS,
    },
    network: { latencyMs: wideLatency ? SWARM_LATENCY_MS.wide : SWARM_LATENCY_MS.narrow, lossRate, duplicateRate, reorderRate },
    workload: { requestsPerSecond, readsPerSecond },
    leaderCrashes,
    timeline: randomFaultSchedule(seed, allNodes, settings.durationMs, faultProfile, sparesOf(nodes, allNodes)).map(timedFaultToStep),
    expect: [],
    liveness: { atMs: settings.durationMs, withinMs: LIVENESS_WITHIN_MS },
  };
}

/**
 * The fault profile drawn for a seed, with the weights its other draws decide: membership changes when
 * it has spares, no pauses under lease reads, and the kinds that draw from streams of their own.
 */
function seedFaultProfile(seed: number, profile: FaultProfile, decided: { readonly membershipWeight: number; readonly leaseReads: boolean; readonly attacks: boolean }): FaultProfile {
  // Selective loss by message type draws from a stream of its own, and only a quarter of the seeds draw
  // it at all, so that the schedules of the other seeds stay as they were before the kind existed.
  const selective = new RandomStream(seed, 'swarm-selective-loss');
  const dropMessagesWeight = selective.chance(0.25) ? selective.pick([1, 2]) : 0;
  return {
    ...profile,
    weights: {
      ...profile.weights,
      membership: decided.membershipWeight,
      ...(decided.leaseReads ? { pause: 0 } : {}),
      ...(dropMessagesWeight > 0 ? { dropMessages: dropMessagesWeight } : {}),
      ...(decided.attacks ? attackWeights(new RandomStream(seed, 'swarm-attacks')) : {}),
    },
  };
}

/** A seed's cluster without faults: the swarm's starting point, and what `--faults none` runs. */
function calmScenario(seed: number, settings: SeedRunSettings, streams: SwarmStreams): Scenario {
  return {
    name: `seed-${seed}`,
    description: `Seed ${seed} without faults.`,
    seed,
    cluster: {
      ...DEFAULT_CLUSTER,
      nodes: settings.nodeCount ?? 5,
      durationMs: settings.durationMs,
      electionTimeoutMs: drawForSwarm('electionTimeoutMs', streams),
    },
    network: { latencyMs: SWARM_LATENCY_MS.narrow, lossRate: 0, duplicateRate: 0, reorderRate: 0 },
    workload: { requestsPerSecond: 20, readsPerSecond: 0 },
    leaderCrashes: null,
    timeline: [],
    expect: [],
    liveness: null,
  };
}

function sparesOf(members: number, allNodes: number): number[] {
  return Array.from({ length: allNodes - members }, (_, index) => members + index + 1);
}

function timedFaultToStep(fault: TimedFault): ScenarioStep {
  return { atMs: fault.atMs, action: fault.action };
}

/** Each seed attacks in its own mix, every kind at least now and then; from a stream of its own, so that without attacks nothing changes. */
function attackWeights(random: RandomStream): Partial<FaultProfile['weights']> {
  const weight = () => random.pick([1, 1, 2, 3]);
  return { corruptMessages: weight(), replayMessages: weight(), forgeSender: weight(), outsiderMessages: weight(), bitRot: weight() };
}

function drawFaultProfile(random: RandomStream): FaultProfile {
  const weight = () => random.pick([0, 1, 2, 3]);
  return {
    meanGapMs: random.pick([200, 400, 800]),
    minDurationMs: 50,
    maxDurationMs: random.pick([500, 1500]),
    weights: {
      partition: weight(),
      isolateLeader: weight(),
      crash: weight(),
      crashLeader: weight(),
      pause: weight(),
      oneWayCut: weight(),
      lossBurst: weight(),
      transferLeadership: weight(),
      membership: 0,
    },
  };
}
