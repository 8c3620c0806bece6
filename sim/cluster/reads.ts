/**
 * The read side of the client workload. A client asks the node it believes leads for a linearizable
 * read; the node answers through its read protocol (a ReadState in a Ready), and the node's host
 * answers the client once its state machine has applied through the ReadState's index. Each read is
 * remembered with the length of the committed history when it was asked, which is what its answer
 * must include (see checkers/stale-read.ts).
 */
import type { ReadState } from '../../core/contract.js';
import type { NodeId } from '../../core/types.js';

/** Reads asked and not yet answered; the oldest are forgotten beyond this (their nodes dropped them). */
export const MAX_OUTSTANDING_READS = 10_000;

export interface ReadInvocation {
  readonly node: NodeId;
  readonly invokedAtUs: number;
  readonly committedAtInvocation: number;
}

export class ReadLedger {
  private nextNumber = 0;
  private readonly outstanding = new Map<number, ReadInvocation>();
  asked = 0;
  answered = 0;

  /** A number for a new read; the read is remembered once a node takes it. */
  nextReadNumber(): number {
    return ++this.nextNumber;
  }

  taken(number: number, invocation: ReadInvocation): void {
    this.asked++;
    if (this.outstanding.size >= MAX_OUTSTANDING_READS) {
      const oldest = this.outstanding.keys().next().value;
      if (oldest !== undefined) this.outstanding.delete(oldest);
    }
    this.outstanding.set(number, invocation);
  }

  /** The invocation of a read being answered, forgotten from now on; undefined if unknown. */
  take(number: number): ReadInvocation | undefined {
    const invocation = this.outstanding.get(number);
    if (invocation !== undefined) {
      this.outstanding.delete(number);
      this.answered++;
    }
    return invocation;
  }
}

/** ReadStates a node handed out, waiting for its state machine to apply through their index. */
export class AwaitingReads {
  private readonly reads: ReadState[] = [];

  add(reads: readonly ReadState[]): void {
    for (const read of reads) this.reads.push(read);
  }

  get isEmpty(): boolean {
    return this.reads.length === 0;
  }

  /** Takes the reads the state machine, applied through `appliedIndex`, can now answer. */
  takeAnswerable(appliedIndex: number): ReadState[] {
    const ready = this.reads.filter((read) => read.index <= appliedIndex);
    if (ready.length > 0) {
      const waiting = this.reads.filter((read) => read.index > appliedIndex);
      this.reads.length = 0;
      for (const read of waiting) this.reads.push(read);
    }
    return ready;
  }

  clear(): void {
    this.reads.length = 0;
  }
}
