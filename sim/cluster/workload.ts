/**
 * A client that proposes commands at a steady rate to whichever node it believes leads. A node that
 * does not lead answers with what it knows of the leader, and the client follows that at once; with no
 * hint it tries the next node. Commands not yet accepted wait in a bounded queue.
 */
import type { ProposeResult } from '../../core/contract.js';
import type { NodeId } from '../../core/types.js';
import { emptyObjectArray } from '../engine/empty-array.js';

export const MAX_PENDING_COMMANDS = 10_000;

export interface ProposalTarget {
  /** Proposes to a node; null when the node cannot be reached (crashed or paused). */
  propose(node: NodeId, command: string): ProposeResult | null;
}

export interface ReadTarget {
  /** Asks a node for a read; false when it does not take it (not the leader, unreachable). */
  read(node: NodeId): boolean;
}

export class Workload {
  private guess: NodeId = 1;
  private counter = 0;
  private readonly pending = emptyObjectArray<string>();
  private pendingHead = 0;
  abandoned = 0;
  accepted = 0;
  readonly proposedAtUs = new Map<string, number>();

  constructor(private readonly nodeCount: number) {}

  /** One client step: a new command arrives and the client tries to get the oldest one accepted. */
  step(nowUs: number, target: ProposalTarget): void {
    this.counter++;
    if (this.pending.length - this.pendingHead >= MAX_PENDING_COMMANDS) {
      this.pendingHead++;
      this.abandoned++;
    }
    this.pending.push(`c${this.counter}`);
    const command = this.pending[this.pendingHead]!;
    // Every node is tried at most once per step; each redirect counts as one try.
    for (let attempt = 0; attempt < this.nodeCount; attempt++) {
      const result = target.propose(this.guess, command);
      if (result !== null && result.accepted) {
        this.accepted++;
        this.proposedAtUs.set(command, nowUs);
        this.pendingHead++;
        if (this.pendingHead > 1024 && this.pendingHead * 2 > this.pending.length) {
          this.pending.splice(0, this.pendingHead);
          this.pendingHead = 0;
        }
        return;
      }
      const hint = result === null ? null : result.leaderId;
      this.guess = hint !== null && hint !== this.guess ? hint : (this.guess % this.nodeCount) + 1;
    }
  }

  /** One read: asked of the node believed to lead, then of the next until one takes it or all refused. */
  read(target: ReadTarget): boolean {
    for (let attempt = 0; attempt < this.nodeCount; attempt++) {
      if (target.read(this.guess)) return true;
      this.guess = (this.guess % this.nodeCount) + 1;
    }
    return false;
  }
}
