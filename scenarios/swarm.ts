/**
 * Swarm testing: each seed draws its own configuration (how entries are batched, how the network
 * behaves, which faults and how often) before it draws its faults. Varying the configuration per seed
 * reaches corners that any one fixed configuration, however hostile, visits rarely.
 */
import type { RaftImplementation } from '../core/contract.js';
import type { SimulationOptions, TraceMode } from '../sim/index.js';
import { RandomStream, randomFaultSchedule, simulationOptions } from '../sim/index.js';
import type { FaultProfile } from '../sim/index.js';

export type FaultMode = 'swarm' | 'none';

export interface SeedRunSettings {
  /** null: the swarm draws the cluster size (3 or 5) along with everything else. */
  readonly nodeCount: number | null;
  readonly durationMs: number;
  readonly implementation: RaftImplementation;
  readonly faults: FaultMode;
  readonly trace: TraceMode;
}

/** The complete options of one seed's run; `raftsim run --seed N` and exploration share them. */
export function optionsForSeed(seed: number, settings: SeedRunSettings): SimulationOptions {
  if (settings.faults === 'none') {
    return simulationOptions({
      seed,
      nodeCount: settings.nodeCount ?? 5,
      durationMs: settings.durationMs,
      implementation: settings.implementation,
      trace: settings.trace,
    });
  }
  const random = new RandomStream(seed, 'swarm');
  const nodeCount = settings.nodeCount ?? random.pick([3, 5, 5]);
  const wideLatency = random.chance(0.5);
  const profile = drawFaultProfile(random);
  return simulationOptions({
    seed,
    nodeCount,
    durationMs: settings.durationMs,
    implementation: settings.implementation,
    trace: settings.trace,
    maxEntriesPerAppend: random.pick([1, 1, 2, 4, 64]),
    heartbeatMs: random.pick([25, 50, 50]),
    network: {
      latencyMinMs: wideLatency ? 1 : 10,
      latencyMaxMs: wideLatency ? 60 : 15,
      lossRate: random.pick([0, 0, 0.05, 0.1]),
      duplicateRate: random.pick([0, 0, 0.05]),
      reorderRate: random.pick([0, 0, 0.05]),
    },
    workload: { requestsPerSecond: random.pick([5, 20, 50]) },
    leaderCrashes: random.chance(0.6)
      ? { probability: random.pick([0.5, 0.7]), afterMinMs: 0, afterMaxMs: 100, downMinMs: 20, downMaxMs: 400 }
      : null,
    faults: randomFaultSchedule(seed, nodeCount, settings.durationMs, profile),
  });
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
    },
  };
}

