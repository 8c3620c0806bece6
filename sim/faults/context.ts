/**
 * What a fault kind's handler may touch: the cluster's parts and a few services of the interpreter
 * (the trace at the current time, undoing a change after a period, choosing hosts). The interpreter
 * implements it over the cluster of one run.
 */
import type { NodeId } from '../../core/types.js';
import type { ObservedCluster } from '../checking/observed-cluster.js';
import type { NodeHost } from '../cluster/host.js';
import type { HostLifecycle } from '../cluster/lifecycle.js';
import type { MembershipOperator } from '../cluster/membership.js';
import type { Network } from '../cluster/network.js';
import type { NodeControl } from '../cluster/node-control.js';
import type { NetworkOptions } from '../options.js';
import type { TraceKind } from '../trace/trace.js';
import type { NodeSelection } from './actions.js';
import type { NodeSelector } from './selectors.js';

/** A command a node accepted: the index it got there, for what a scenario step's `as` remembers. */
export interface AcceptedProposal {
  readonly node: NodeId;
  readonly index: number;
  readonly command: string;
}

/** The parts of the cluster faults act on. */
export interface FaultTargets {
  /** Every node, spares included. */
  readonly nodes: readonly NodeId[];
  readonly hosts: readonly NodeHost[];
  readonly select: NodeSelector;
  readonly cluster: ObservedCluster;
  readonly network: Network;
  readonly lifecycle: HostLifecycle;
  readonly control: NodeControl;
  readonly membership: MembershipOperator;
}

export interface FaultContext extends FaultTargets {
  readonly nowUs: number;
  /** The liveness phase has begun. */
  readonly settled: boolean;
  readonly seed: number;
  /** The network the run was configured with. */
  readonly networkDefaults: NetworkOptions;
  /** The configured tick length, before any clock drift. */
  readonly tickUs: number;
  hostOf(node: NodeId | null): NodeHost | null;
  /** Acts on the hosts a selection names that `applies` accepts; false when there were none. */
  forEachHost(selection: NodeSelection, applies: (host: NodeHost) => boolean, act: (host: NodeHost) => void): boolean;
  /** Records a trace record at the current time. */
  record(kind: TraceKind, node: number, peer: number, a: number, b: number, detail: unknown): void;
  /** Runs `undo` after `forMs` (nothing when undefined), unless the liveness phase has begun by then. */
  undoLater(forMs: number | undefined, undo: () => void): void;
  /** A number for a new timer alignment, and for a command proposed by a fault. */
  nextAlignment(): number;
  nextProposal(): number;
  /** Tells the interpreter a node accepted a command (see AcceptedProposal). */
  noteProposal(proposal: AcceptedProposal): void;
  /** Switches every part to the liveness phase. */
  settle(): void;
}
