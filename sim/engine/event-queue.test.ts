import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';
import type { QueuedEvent } from './event-queue.js';

function byTimeThenSequence(a: QueuedEvent, b: QueuedEvent): number {
  return a.timeUs - b.timeUs || a.sequence - b.sequence;
}

function popAll<E extends QueuedEvent>(queue: EventQueue<E>): E[] {
  const popped: E[] = [];
  for (let event = queue.pop(); event !== undefined; event = queue.pop()) popped.push(event);
  return popped;
}

// Few distinct times, so that most events tie on time and the sequence number has to decide.
const events = fc.uniqueArray(fc.record({ timeUs: fc.nat(4), sequence: fc.nat(100_000) }), {
  selector: (event) => event.sequence,
  maxLength: 300,
});

describe('EventQueue', () => {
  it('pops events sorted by time, then by sequence, whatever order they were pushed in', () => {
    fc.assert(
      fc.property(events, (pushed) => {
        const queue = new EventQueue<QueuedEvent>(1000);
        for (const event of pushed) expect(queue.push(event)).toBe(true);
        expect(queue.size).toBe(pushed.length);
        expect(popAll(queue)).toEqual(pushed.slice().sort(byTimeThenSequence));
        expect(queue.size).toBe(0);
      }),
    );
  });

  it('agrees with a sorted list when pushes and pops interleave, and peek shows what pop returns', () => {
    const operations = fc.array(fc.oneof(fc.nat(4), fc.constant('pop' as const)), { maxLength: 300 });
    fc.assert(
      fc.property(operations, (script) => {
        const queue = new EventQueue<QueuedEvent>(1000);
        const model: QueuedEvent[] = [];
        let sequence = 0;
        for (const operation of script) {
          if (operation === 'pop') {
            model.sort(byTimeThenSequence);
            expect(queue.peek()).toEqual(model[0]);
            expect(queue.pop()).toEqual(model.shift());
          } else {
            const event = { timeUs: operation, sequence: sequence++ };
            queue.push(event);
            model.push(event);
          }
          expect(queue.size).toBe(model.length);
        }
      }),
    );
  });

  it('refuses a push at capacity, scheduling nothing, and accepts again once an event is popped', () => {
    const queue = new EventQueue<QueuedEvent>(2);
    expect(queue.push({ timeUs: 5, sequence: 0 })).toBe(true);
    expect(queue.push({ timeUs: 9, sequence: 1 })).toBe(true);
    expect(queue.push({ timeUs: 1, sequence: 2 })).toBe(false);
    expect(queue.size).toBe(2);
    expect(queue.peek()).toEqual({ timeUs: 5, sequence: 0 });
    expect(queue.pop()).toEqual({ timeUs: 5, sequence: 0 });
    expect(queue.push({ timeUs: 1, sequence: 3 })).toBe(true);
    expect(popAll(queue)).toEqual([
      { timeUs: 1, sequence: 3 },
      { timeUs: 9, sequence: 1 },
    ]);
  });

  it('returns undefined from peek and pop when empty', () => {
    const queue = new EventQueue<QueuedEvent>(4);
    expect(queue.peek()).toBeUndefined();
    expect(queue.pop()).toBeUndefined();
    expect(queue.size).toBe(0);
  });
});
