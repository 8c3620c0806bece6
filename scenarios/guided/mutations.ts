/**
 * Mutants of a scenario for coverage-guided exploration: small changes to a scenario that reached
 * something new, in the hope that a neighbour of it reaches further. A scenario is data, so a mutant
 * is one too, and is written, replayed and shrunk like any other. Every change draws from the swarm's
 * own distributions (its fault draws, its protocol options, its network and workload choices), so a
 * mutant stays inside the fault model the swarm explores; nothing here knows any particular bug.
 */
import type { FaultAction, NodeRef, RandomStream } from '../../sim/index.js';
import { isFaultType, SWARM_DRAWS } from '../../sim/index.js';
import { restrictToNodes } from '../arbitraries.js';
import type { ProtocolOptionField } from '../protocol-options.js';
import { drawForSwarm } from '../protocol-options.js';
import { scenarioOptionsProblem } from '../run-scenario.js';
import type { Scenario, ScenarioStep } from '../scenario.js';
import { scenarioFromDocument, scenarioToDocument } from '../schema.js';
import { CLUSTER_SIZE_DRAW, SWARM_LATENCY_MS } from '../swarm.js';

export interface MutationContext {
  /** Whether inserted faults may be attacks beyond Raft's model (explore --attacks). */
  readonly attacks: boolean;
  /** Whether the workload is the user's to fix (explore --workload): then it is left alone. */
  readonly workloadFixed: boolean;
}

type Mutation = (scenario: Scenario, random: RandomStream, context: MutationContext) => Scenario | null;

/** The fault draws the swarm makes within Raft's fault model; membership needs spares, attacks need --attacks. */
const MODEL_FAULT_DRAWS = ['partition', 'isolateLeader', 'crash', 'crashLeader', 'pause', 'oneWayCut', 'lossBurst', 'transferLeadership', 'dropMessages'];
const ATTACK_DRAWS = ['corruptMessages', 'replayMessages', 'forgeSender', 'outsiderMessages', 'bitRot'];

/** The protocol options the swarm draws per seed and a mutant may draw again (lease reads depend on others, so stay). */
const REDRAWN_OPTIONS: readonly ProtocolOptionField[] = ['maxEntriesPerAppend', 'heartbeatMs', 'preVote', 'checkQuorum', 'snapshotThreshold', 'diskLatencyMs', 'maxInflightAppends'];

/** How long an inserted fault lasts before its repair, as the swarm's profiles draw it. */
const FAULT_DURATION_MS: readonly [number, number] = [50, 1500];
/** How far a shifted step moves, either way. */
const SHIFT_MS = 500;

/** Where faults may go: before the liveness phase, when every fault is healed. */
function faultPhaseEndMs(scenario: Scenario): number {
  return scenario.liveness?.atMs ?? scenario.cluster.durationMs;
}

function members(scenario: Scenario): number[] {
  return scenario.cluster.members === null ? Array.from({ length: scenario.cluster.nodes }, (_, index) => index + 1) : [...scenario.cluster.members];
}

function spares(scenario: Scenario): number[] {
  const inside = new Set(members(scenario));
  return Array.from({ length: scenario.cluster.nodes }, (_, index) => index + 1).filter((node) => !inside.has(node));
}

/** Steps in time order; a stable sort keeps a fault before its repair when both fall at one time. */
function withTimeline(scenario: Scenario, timeline: readonly ScenarioStep[]): Scenario {
  return { ...scenario, timeline: [...timeline].sort((a, b) => (a.atMs ?? 0) - (b.atMs ?? 0)) };
}

const insertFault: Mutation = (scenario, random, context) => {
  const end = faultPhaseEndMs(scenario);
  if (end < 1) return null;
  const nodeSpares = spares(scenario);
  const draws = [...MODEL_FAULT_DRAWS, ...(nodeSpares.length > 0 ? ['membership'] : []), ...(context.attacks ? ATTACK_DRAWS : [])]
    // A paused process is a clock that stops beyond any bound a lease assumes: the swarm draws no pauses with lease reads.
    .filter((name) => !(name === 'pause' && scenario.cluster.leaseReads));
  const atMs = random.int(0, end - 1);
  const repairAtMs = atMs + random.int(FAULT_DURATION_MS[0], FAULT_DURATION_MS[1]);
  const drawn = SWARM_DRAWS[random.pick(draws)]!(random, members(scenario), nodeSpares);
  const steps = drawn.map(([phase, action]): ScenarioStep => ({ atMs: phase === 0 ? atMs : repairAtMs, action }));
  return withTimeline(scenario, [...scenario.timeline, ...steps]);
};

const deleteStep: Mutation = (scenario, random) => {
  if (scenario.timeline.length === 0) return null;
  const gone = random.int(0, scenario.timeline.length - 1);
  return { ...scenario, timeline: scenario.timeline.filter((_, index) => index !== gone) };
};

const shiftStep: Mutation = (scenario, random) => {
  if (scenario.timeline.length === 0) return null;
  const moved = random.int(0, scenario.timeline.length - 1);
  const end = faultPhaseEndMs(scenario);
  const timeline = scenario.timeline.map((step, index) => {
    if (index !== moved || step.atMs === undefined) return step;
    return { ...step, atMs: Math.max(0, Math.min(end - 1, step.atMs + random.int(-SHIFT_MS, SHIFT_MS))) };
  });
  return withTimeline(scenario, timeline);
};

/** The same step once more, elsewhere in the fault phase: a fault that mattered once may matter twice. */
const copyStep: Mutation = (scenario, random) => {
  if (scenario.timeline.length === 0 || faultPhaseEndMs(scenario) < 1) return null;
  const step = scenario.timeline[random.int(0, scenario.timeline.length - 1)]!;
  if (step.atMs === undefined) return null;
  return withTimeline(scenario, [...scenario.timeline, { ...step, atMs: random.int(0, faultPhaseEndMs(scenario) - 1) }]);
};

const ROLE_REFS: readonly string[] = ['leader', 'follower', 'any-node'];

/** Another node for one step: a number becomes another number, a role another role. */
const changeNode: Mutation = (scenario, random) => {
  if (scenario.timeline.length === 0) return null;
  const changed = random.int(0, scenario.timeline.length - 1);
  const step = scenario.timeline[changed]!;
  if (!isFaultType(step.action.type)) return null;
  const action = step.action as unknown as Record<string, unknown>;
  const field = ['node', 'nodes', 'to', 'from'].find((name) => typeof action[name] === 'number' || ROLE_REFS.includes(action[name] as string));
  if (field === undefined) return null;
  const value: NodeRef = typeof action[field] === 'number' ? random.int(1, scenario.cluster.nodes) : (random.pick(ROLE_REFS) as NodeRef);
  const timeline = scenario.timeline.map((one, index) => (index === changed ? { ...one, action: { ...action, [field]: value } as unknown as FaultAction } : one));
  return { ...scenario, timeline };
};

const redrawPolicy: Mutation = (scenario, random) => {
  const field = random.pick(REDRAWN_OPTIONS);
  const value = drawForSwarm(field, { configuration: random, features: random });
  return { ...scenario, cluster: { ...scenario.cluster, [field]: value } };
};

const redrawNetwork: Mutation = (scenario, random) => {
  const network = scenario.network;
  switch (random.int(0, 3)) {
    case 0:
      return { ...scenario, network: { ...network, latencyMs: random.chance(0.5) ? SWARM_LATENCY_MS.wide : SWARM_LATENCY_MS.narrow } };
    case 1:
      return { ...scenario, network: { ...network, lossRate: random.pick([0, 0.05, 0.1, 0.1]) } };
    case 2:
      return { ...scenario, network: { ...network, duplicateRate: random.pick([0, 0, 0.05]) } };
    default:
      return { ...scenario, network: { ...network, reorderRate: random.pick([0, 0, 0.05]) } };
  }
};

const redrawLeaderCrashes: Mutation = (scenario, random) => {
  const leaderCrashes = random.chance(0.75) ? { probability: random.pick([0.5, 0.7]), afterMinMs: 0, afterMaxMs: 100, downMinMs: 20, downMaxMs: 400 } : null;
  return { ...scenario, leaderCrashes };
};

const redrawWorkload: Mutation = (scenario, random, context) => {
  if (context.workloadFixed) return null;
  const workload = random.chance(0.5)
    ? { ...scenario.workload, requestsPerSecond: random.pick([5, 20, 50, 50]) }
    : { ...scenario.workload, readsPerSecond: scenario.workload.kv !== undefined ? 0 : random.chance(0.4) ? random.pick([5, 20, 50]) : 0 };
  return { ...scenario, workload };
};

/** Another cluster size from the swarm's draw; faults on nodes that are gone go (or keep only the nodes left). */
const resizeCluster: Mutation = (scenario, random) => {
  if (scenario.cluster.members !== null) return null;
  const nodes = random.pick(CLUSTER_SIZE_DRAW);
  if (nodes === scenario.cluster.nodes) return null;
  const timeline: ScenarioStep[] = [];
  for (const step of scenario.timeline) {
    if (!isFaultType(step.action.type)) continue;
    const action = restrictToNodes(step.action as FaultAction, nodes);
    if (action !== null) timeline.push({ ...step, action });
  }
  const perNode = Object.fromEntries(Object.entries(scenario.cluster.perNode).filter(([node]) => Number(node) <= nodes));
  return { ...scenario, cluster: { ...scenario.cluster, nodes, perNode }, timeline };
};

/** Another seed: the same faults at the same times, with other network delays, timers and picks. */
const reseed: Mutation = (scenario, random) => ({ ...scenario, seed: random.int(1, 2 ** 31 - 1) });

/** Each mutation by name, for the description of a mutant. */
export const MUTATIONS: Readonly<Record<string, Mutation>> = {
  'insert-fault': insertFault,
  'delete-step': deleteStep,
  'shift-step': shiftStep,
  'copy-step': copyStep,
  'change-node': changeNode,
  'redraw-policy': redrawPolicy,
  'redraw-network': redrawNetwork,
  'redraw-leader-crashes': redrawLeaderCrashes,
  'redraw-workload': redrawWorkload,
  'resize-cluster': resizeCluster,
  reseed,
};

/**
 * How often each mutation is chosen, by its name's place in MUTATIONS: the timeline's changes most,
 * as the fault schedule is where the swarm's runs differ most.
 */
const MUTATION_WEIGHTS: readonly [string, number][] = [
  ['insert-fault', 4],
  ['delete-step', 3],
  ['shift-step', 3],
  ['copy-step', 2],
  ['change-node', 2],
  ['redraw-policy', 1],
  ['redraw-network', 1],
  ['redraw-leader-crashes', 1],
  ['redraw-workload', 1],
  ['resize-cluster', 1],
  ['reseed', 2],
];
const TOTAL_WEIGHT = MUTATION_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);

/** Mutations stacked on one mutant at most; each after the first is drawn with probability one half. */
const MAX_STACKED = 4;
/** Tries at a valid mutant before falling back to the parent under another seed, which is always valid. */
const MAX_TRIES = 8;

export interface Mutant {
  readonly scenario: Scenario;
  /** The mutations applied, in order. */
  readonly mutations: readonly string[];
}

/** A valid mutant of a scenario, drawn from `random` alone. */
export function mutateScenario(parent: Scenario, random: RandomStream, context: MutationContext): Mutant {
  for (let attempt = 0; attempt < MAX_TRIES; attempt++) {
    let scenario = parent;
    const applied: string[] = [];
    for (let stacked = 0; stacked < MAX_STACKED && (stacked === 0 || random.chance(0.5)); stacked++) {
      const name = pickMutation(random);
      const next = MUTATIONS[name]!(scenario, random, context);
      if (next === null) continue;
      scenario = next;
      applied.push(name);
    }
    if (applied.length > 0 && mutantProblem(scenario) === null) return { scenario, mutations: applied };
  }
  return { scenario: reseed(parent, random, context)!, mutations: ['reseed'] };
}

function pickMutation(random: RandomStream): string {
  let left = random.next() * TOTAL_WEIGHT;
  for (const [name, weight] of MUTATION_WEIGHTS) {
    left -= weight;
    if (left < 0) return name;
  }
  return MUTATION_WEIGHTS[MUTATION_WEIGHTS.length - 1]![0];
}

/** Why a mutant cannot run or be written as a scenario file, or null: it must pass what a file passes. */
export function mutantProblem(scenario: Scenario): string | null {
  const parsed = scenarioFromDocument(scenarioToDocument(scenario));
  if (!parsed.ok) return parsed.problem;
  return scenarioOptionsProblem(scenario);
}
