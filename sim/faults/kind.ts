/**
 * What makes a kind of fault, in one place (one file per kind under kinds/, collected in registry.ts):
 * its key and written form in a scenario file, its description, whether it breaks something, how the
 * simulator carries it out, how the swarm and fast-check draw it, and how shrinking cuts it. As
 * FoundationDB composes self-contained fault workloads, everything else iterates the registry.
 */
import type fc from 'fast-check';
import type { z } from 'zod';
import type { NodeId } from '../../core/types.js';
import type { RandomStream } from '../engine/random-streams.js';
import type { NodeHost } from '../cluster/host.js';
import type { FaultAction, NodeSelection } from './actions.js';
import type { FaultContext } from './context.js';

/** A fault (offset 0) or its repair (offset 1), as a swarm schedule draws them. */
export type DrawnFault = [0 | 1, FaultAction];

/** Draws one fault of the swarm and its repair, over `nodes`; `spares` are the servers outside the initial configuration. */
export type SwarmDraw = (random: RandomStream, nodes: readonly NodeId[], spares: readonly NodeId[]) => DrawnFault[];

export interface FaultKind<Action extends FaultAction, Written = unknown> {
  /** The action's type, which is also its key in a timeline step. */
  readonly type: Action['type'];
  /** Breaks something (never done once the liveness phase has begun), as opposed to repairing or only observing. */
  readonly injects: boolean;
  /** The value under the kind's key in a timeline step, as written and as validated. */
  readonly schema: z.ZodType<Written, unknown>;
  /** The action a validated step stands for; `forMs` is the step's `for` (see lastsForAPeriod). */
  fromDocument(written: Written, forMs: number | undefined): Action;
  /** The value to write under the kind's key. */
  toDocument(action: Action): unknown;
  /** The kind takes a step-level `for`: the change is undone after that long. */
  lastsForAPeriod?(action: Action): number | undefined;
  /** One line for timelines and the explorer. */
  describe(action: Action): string;
  /**
   * What a scenario step's `as` remembers: the nodes the action acts on now, and the action with its
   * nodes fixed to those, to carry out in its place (so that a random pick is drawn once). Absent: the
   * kind acts on no particular nodes, and its steps take no `as`.
   */
  pin?(context: FaultContext, action: Action): PinnedAction<Action>;
  /** Carries the action out now; false when it had nothing to act on (no leader, node already down, …). */
  apply(context: FaultContext, action: Action): boolean;
  /** How the swarm draws faults of this kind, by the name of their weight in a FaultProfile. */
  readonly swarm?: Readonly<Record<string, SwarmDraw>>;
  /** How property tests draw it over nodes 1..nodes; absent: never drawn, and a timeline holding it is not shrunk. */
  arbitrary?(nodes: number): fc.Arbitrary<Action>;
  /**
   * A fault beyond Raft's model (an attack, bit rot): property tests draw it only when asked, as the swarm
   * does only with attacks, since the protocol does not claim to survive it.
   */
  readonly beyondRaftModel?: boolean;
  /** Whether the shrinker may change a drawn action of this kind (default: whenever it has an arbitrary). */
  shrinkable?(action: Action): boolean;
  /** The action on a cluster cut to `nodes`, null when nothing of it is left (default: unchanged). */
  restrictToNodes?(action: Action, nodes: number): Action | null;
}

export interface PinnedAction<Action extends FaultAction> {
  readonly action: Action;
  readonly nodes: readonly NodeId[];
}

/** Whether every node a value names (a number, a list, or a role or set name) exists among 1..nodes. */
export function namesOnlyNodesUpTo(value: unknown, nodes: number): boolean {
  return Array.isArray(value) ? value.every((item) => namesOnlyNodesUpTo(item, nodes)) : typeof value !== 'number' || value <= nodes;
}

/** The nodes of `selection` whose hosts `acts` accepts now, and the action fixed to them (see FaultKind.pin). */
export function pinHosts<Action extends FaultAction & { readonly nodes: unknown }>(
  context: FaultContext,
  action: Action,
  selection: NodeSelection,
  acts: (host: NodeHost) => boolean,
): PinnedAction<Action> {
  const nodes = context.select.resolveNodes(selection).filter((node) => acts(context.hosts[node - 1]!));
  return { action: { ...action, nodes }, nodes };
}
