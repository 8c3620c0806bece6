/**
 * A random fault schedule drawn from the seed: partitions and heals, crashes and restarts, pauses,
 * one-way cuts and bursts of loss. Only faults that Raft claims to survive are drawn, so any checker
 * that fires points at a bug rather than at the fault model.
 */
import type { NodeId } from '../../core/types.js';
import type { TimedFault } from './actions.js';
import { RandomStream, STREAM } from '../engine/random-streams.js';
import { SWARM_DRAWS } from './registry.js';

export interface FaultProfile {
  /** Mean virtual time between the starts of two faults. */
  readonly meanGapMs: number;
  /** How long a fault lasts before its repair, drawn uniformly. */
  readonly minDurationMs: number;
  readonly maxDurationMs: number;
  /** Relative weights of the kinds of fault, by the names of their draws (see each kind's `swarm`). */
  readonly weights: {
    readonly partition: number;
    readonly isolateLeader: number;
    readonly crash: number;
    readonly crashLeader: number;
    readonly pause: number;
    readonly oneWayCut: number;
    readonly lossBurst: number;
    readonly transferLeadership: number;
    /** Add a spare server (sometimes two in a row, which a leader must refuse), remove a random node later. */
    readonly membership: number;
    /** Drop one type of message to one node until the network is restored; drawn only when given a weight. */
    readonly dropMessages?: number;
    /** Attacks beyond Raft's fault model (faults/kinds/message-attacks.ts, bit-rot.ts); drawn only when given a weight. */
    readonly corruptMessages?: number;
    readonly replayMessages?: number;
    readonly forgeSender?: number;
    readonly outsiderMessages?: number;
    readonly bitRot?: number;
  };
}

export const DEFAULT_FAULT_PROFILE: FaultProfile = {
  meanGapMs: 400,
  minDurationMs: 100,
  maxDurationMs: 1500,
  weights: { partition: 3, isolateLeader: 2, crash: 2, crashLeader: 3, pause: 1, oneWayCut: 1, lossBurst: 1, transferLeadership: 1, membership: 0 },
};

/** The name of one of the swarm's draws (see each kind's `swarm`). */
type SwarmDrawName = keyof FaultProfile['weights'];

export function randomFaultSchedule(
  seed: number,
  nodeCount: number,
  durationMs: number,
  profile: FaultProfile = DEFAULT_FAULT_PROFILE,
  /** The spare servers (not members at the start), which membership changes add. */
  spares: readonly NodeId[] = [],
): TimedFault[] {
  const random = new RandomStream(seed, STREAM.faults);
  const kinds = Object.keys(profile.weights) as SwarmDrawName[];
  const totalWeight = kinds.reduce((sum, kind) => sum + (profile.weights[kind] ?? 0), 0);
  const nodes = Array.from({ length: nodeCount }, (_, index) => index + 1);
  const faults: TimedFault[] = [];
  const maxFaults = 10_000;
  let atMs = 0;
  while (faults.length < maxFaults) {
    // Exponential gaps: faults arrive as a Poisson process, so bursts and lulls both happen.
    atMs += Math.max(1, Math.round(-Math.log(1 - random.next()) * profile.meanGapMs));
    if (atMs >= durationMs || totalWeight <= 0) break;
    const kind = pickWeighted(random, kinds, (candidate) => profile.weights[candidate] ?? 0, totalWeight);
    const repairAtMs = atMs + random.int(profile.minDurationMs, profile.maxDurationMs);
    for (const [offset, action] of SWARM_DRAWS[kind]!(random, nodes, spares)) {
      faults.push({ atMs: offset === 0 ? atMs : repairAtMs, action });
    }
  }
  return faults.sort((a, b) => a.atMs - b.atMs);
}

function pickWeighted<T>(random: RandomStream, items: readonly T[], weight: (item: T) => number, total: number): T {
  let remaining = random.next() * total;
  for (const item of items) {
    remaining -= weight(item);
    if (remaining < 0) return item;
  }
  return items[items.length - 1]!;
}
