/**
 * A random fault schedule drawn from the seed: partitions and heals, crashes and restarts, pauses,
 * one-way cuts and bursts of loss. Only faults that Raft claims to survive are drawn, so any checker
 * that fires points at a bug rather than at the fault model.
 */
import type { NodeId } from '../../core/types.js';
import type { FaultAction, TimedFault } from './actions.js';
import { RandomStream, STREAM } from '../engine/random-streams.js';

export interface FaultProfile {
  /** Mean virtual time between the starts of two faults. */
  readonly meanGapMs: number;
  /** How long a fault lasts before its repair, drawn uniformly. */
  readonly minDurationMs: number;
  readonly maxDurationMs: number;
  /** Relative weights of the kinds of fault. */
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
  };
}

export const DEFAULT_FAULT_PROFILE: FaultProfile = {
  meanGapMs: 400,
  minDurationMs: 100,
  maxDurationMs: 1500,
  weights: { partition: 3, isolateLeader: 2, crash: 2, crashLeader: 3, pause: 1, oneWayCut: 1, lossBurst: 1, transferLeadership: 1, membership: 0 },
};

type FaultKind = keyof FaultProfile['weights'];

export function randomFaultSchedule(
  seed: number,
  nodeCount: number,
  durationMs: number,
  profile: FaultProfile = DEFAULT_FAULT_PROFILE,
  /** The spare servers (not members at the start), which membership changes add. */
  spares: readonly NodeId[] = [],
): TimedFault[] {
  const random = new RandomStream(seed, STREAM.faults);
  const kinds = Object.keys(profile.weights) as FaultKind[];
  const totalWeight = kinds.reduce((sum, kind) => sum + profile.weights[kind], 0);
  const nodes = Array.from({ length: nodeCount }, (_, index) => index + 1);
  const faults: TimedFault[] = [];
  const maxFaults = 10_000;
  let atMs = 0;
  while (faults.length < maxFaults) {
    // Exponential gaps: faults arrive as a Poisson process, so bursts and lulls both happen.
    atMs += Math.max(1, Math.round(-Math.log(1 - random.next()) * profile.meanGapMs));
    if (atMs >= durationMs || totalWeight <= 0) break;
    const kind = pickWeighted(random, kinds, (candidate) => profile.weights[candidate], totalWeight);
    const repairAtMs = atMs + random.int(profile.minDurationMs, profile.maxDurationMs);
    for (const [offset, action] of faultPair(kind, random, nodes, spares)) {
      faults.push({ atMs: offset === 0 ? atMs : repairAtMs, action });
    }
  }
  return faults.sort((a, b) => a.atMs - b.atMs);
}

/** A fault and its repair: [0, fault], [1, repair]. */
function faultPair(kind: FaultKind, random: RandomStream, nodes: readonly NodeId[], spares: readonly NodeId[]): [0 | 1, FaultAction][] {
  switch (kind) {
    case 'partition': {
      const shuffled = random.shuffled(nodes);
      const cutAt = random.int(1, Math.max(1, nodes.length - 1));
      return [
        [0, { type: 'partition', groups: [shuffled.slice(0, cutAt).sort(byNumber), shuffled.slice(cutAt).sort(byNumber)] }],
        [1, { type: 'heal' }],
      ];
    }
    case 'isolateLeader':
      return [
        [0, { type: 'isolate', node: 'leader' }],
        [1, { type: 'heal' }],
      ];
    case 'crash': {
      const node = random.pick(nodes);
      return [
        [0, { type: 'crash', nodes: node }],
        [1, { type: 'restart', nodes: node }],
      ];
    }
    case 'crashLeader':
      return [
        [0, { type: 'crash', nodes: 'leader' }],
        [1, { type: 'restart', nodes: 'crashed' }],
      ];
    case 'pause': {
      const node = random.pick(nodes);
      return [
        [0, { type: 'pause', nodes: node }],
        [1, { type: 'resume', nodes: node }],
      ];
    }
    case 'oneWayCut': {
      const [from, to] = random.shuffled(nodes);
      if (from === undefined || to === undefined) return [];
      return [
        [0, { type: 'cut', from, to }],
        [1, { type: 'heal' }],
      ];
    }
    case 'transferLeadership': {
      // A planned handover, the kind an operator makes during maintenance; it needs no repair.
      return [[0, { type: 'transfer-leadership', to: random.pick(nodes) }]];
    }
    case 'membership': {
      const adds: [0 | 1, FaultAction][] = [[0, { type: 'add-server', node: 'spare' }]];
      // A second change before the first is committed must be refused (single-server changes, §4.2).
      if (random.chance(0.5)) adds.push([0, { type: 'add-server', node: 'spare' }]);
      // Removals keep three members, so the cluster keeps tolerating a fault as it changes.
      const removal: [0 | 1, FaultAction] = [1, { type: 'remove-server', node: random.pick(nodes), keepAtLeast: 3 }];
      // Network trouble in the middle of a change: the leader and the servers being added are cut off
      // from the rest, where an unsafe change shows as two majorities.
      if (spares.length === 0 || !random.chance(0.3)) return [...adds, removal];
      return [...adds, [0, { type: 'partition', groups: [['leader', ...spares], 'rest'] }], [1, { type: 'heal' }], removal];
    }
    case 'lossBurst':
      return [
        [0, { type: 'network', change: { lossRate: Math.round(random.int(20, 60)) / 100 } }],
        [1, { type: 'restore-network' }],
      ];
  }
}

function pickWeighted<T>(random: RandomStream, items: readonly T[], weight: (item: T) => number, total: number): T {
  let remaining = random.next() * total;
  for (const item of items) {
    remaining -= weight(item);
    if (remaining < 0) return item;
  }
  return items[items.length - 1]!;
}

function byNumber(a: number, b: number): number {
  return a - b;
}
