/**
 * The simulation's pending events, ordered totally: by virtual time, then by the order in which they
 * were scheduled. A binary min-heap; with the sequence number as tie-breaker no two events compare
 * equal, so the order never depends on the heap's internals.
 */
import { emptyObjectArray } from './empty-array.js';

export interface QueuedEvent {
  readonly timeUs: number;
  readonly sequence: number;
}

export class EventQueue<E extends QueuedEvent> {
  private readonly heap = emptyObjectArray<E>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.heap.length;
  }

  /** Returns false, scheduling nothing, when the queue is at capacity. */
  push(event: E): boolean {
    if (this.heap.length >= this.capacity) return false;
    const heap = this.heap;
    let index = heap.length;
    heap.push(event);
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = heap[parentIndex]!;
      if (!comesBefore(event, parent)) break;
      heap[index] = parent;
      index = parentIndex;
    }
    heap[index] = event;
    return true;
  }

  peek(): E | undefined {
    return this.heap[0];
  }

  pop(): E | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop()!;
    if (heap.length === 0) return top;
    const length = heap.length;
    let index = 0;
    while (true) {
      const left = 2 * index + 1;
      if (left >= length) break;
      const right = left + 1;
      let child = left;
      if (right < length && comesBefore(heap[right]!, heap[left]!)) child = right;
      if (!comesBefore(heap[child]!, last)) break;
      heap[index] = heap[child]!;
      index = child;
    }
    heap[index] = last;
    return top;
  }
}

function comesBefore(a: QueuedEvent, b: QueuedEvent): boolean {
  return comesFirst(a.timeUs, a.sequence, b.timeUs, b.sequence);
}

/** The order of events: by time, then by sequence number. */
export function comesFirst(timeUs: number, sequence: number, otherTimeUs: number, otherSequence: number): boolean {
  return timeUs < otherTimeUs || (timeUs === otherTimeUs && sequence < otherSequence);
}
