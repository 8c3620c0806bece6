/**
 * What the cluster achieved during its liveness phase, for a failure to say. A bound on convergence is
 * a choice, and an implementation may be slow yet correct (one entry per AppendEntries, one request in
 * flight): a message that shows the leader committing and followers gaining tells such a one apart from
 * a cluster that is stuck, and says whether a longer bound (--liveness-within) is worth trying.
 */
import type { NodeId } from '../core/types.js';
import type { ObservedCluster, ObservedNode } from '../sim/index.js';
import { currentLeader } from './observations.js';

interface NodeMark {
  readonly lastIndex: number;
  readonly commitIndex: number;
}

/** Each node's log and commit index at the start of the phase, and the leaders seen since. */
export class LivenessProgress {
  private readonly marks: Map<NodeId, NodeMark>;
  /** The leader last seen and its term; 0 for none yet. */
  private lastLeader: NodeId = 0;
  private lastLeaderTerm = 0;
  private leaderChanges = 0;

  constructor(
    private readonly cluster: ObservedCluster,
    private readonly startMs: number,
  ) {
    this.marks = new Map(cluster.nodes.map((node) => [node.id, { lastIndex: node.lastIndex(), commitIndex: node.commitIndex }]));
    this.noteLeader();
  }

  /** After each event of the phase: counts a change of leader (a new node, or the same in a new term). */
  observe(): void {
    if (this.noteLeader()) this.leaderChanges++;
  }

  /** Whether a leader leads now that is not the one last seen (another node, or the same in another term), which becomes the one seen. */
  private noteLeader(): boolean {
    const leaderId = currentLeader(this.cluster);
    if (leaderId === null) return false;
    const term = this.cluster.node(leaderId).term;
    if (leaderId === this.lastLeader && term === this.lastLeaderTerm) return false;
    this.lastLeader = leaderId;
    this.lastLeaderTerm = term;
    return true;
  }

  /** One sentence on the progress made from the start of the phase to `nowMs`. */
  describe(nowMs: number): string {
    const seconds = Math.max(nowMs - this.startMs, 1) / 1000;
    const leaderId = currentLeader(this.cluster);
    const changes = `${this.leaderChanges} leader change${this.leaderChanges === 1 ? '' : 's'}`;
    if (leaderId === null) {
      const nodes = this.cluster.nodes.filter((node) => node.up && !node.paused && !node.retired);
      return `${this.verdict(nodes, null)}: no leader at the end, ${changes}; logs grew: ${nodes.map((node) => `node ${node.id} +${this.gained(node)}`).join(', ')}`;
    }
    const leader = this.cluster.node(leaderId);
    const members = this.cluster.configurationOf(leader);
    const followers = this.cluster.nodes.filter((node) => node.up && !node.paused && members.includes(node.id) && node.id !== leaderId);
    const committed = Math.max(0, leader.commitIndex - (this.marks.get(leaderId)?.commitIndex ?? 0));
    const rate = (committed / seconds).toFixed(1);
    const gains = followers.map((node) => this.followerGain(node, leader));
    const leaderPart = `leader node ${leaderId} of term ${leader.term} committed ${committed} ${committed === 1 ? 'entry' : 'entries'} (${rate}/s), ${changes}`;
    return `${this.verdict(followers, committed)}: ${leaderPart}; followers gained: ${gains.length === 0 ? 'none to gain' : gains.join(', ')}`;
  }

  private followerGain(node: ObservedNode, leader: ObservedNode): string {
    const gained = this.gained(node);
    const behind = leader.lastIndex() - node.lastIndex();
    if (behind <= 0) return `node ${node.id} +${gained}`;
    return `node ${node.id} +${gained} (${gained > 0 ? 'catching up' : 'stuck'}, ${behind} behind)`;
  }

  /** Entries a node's log grew by (never below 0: a truncated log gained nothing). */
  private gained(node: ObservedNode): number {
    return Math.max(0, node.lastIndex() - (this.marks.get(node.id)?.lastIndex ?? 0));
  }

  /**
   * Converging only when entries were committed during the phase: logs that grow without commits (a new
   * leader's no-op, writes piling up that no majority acknowledges) are a cluster stuck, not a slow one.
   */
  private verdict(nodes: readonly ObservedNode[], committed: number | null): string {
    const commitsAdvanced = (committed ?? 0) > 0 || nodes.some((node) => node.commitIndex > (this.marks.get(node.id)?.commitIndex ?? 0));
    if (commitsAdvanced) return 'progress in the window, still converging';
    return nodes.some((node) => this.gained(node) > 0) ? 'no entry committed in the window, though logs grew' : 'no progress in the window';
  }
}
