import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RandomStream, STREAM } from './random-streams.js';

function draws(stream: RandomStream, count: number): number[] {
  return Array.from({ length: count }, () => stream.next());
}

describe('RandomStream', () => {
  it('gives the same sequence for the same seed and name', () => {
    expect(draws(new RandomStream(42, STREAM.network), 100)).toEqual(draws(new RandomStream(42, STREAM.network), 100));
  });

  it('gives different sequences for different names or different seeds', () => {
    const reference = draws(new RandomStream(42, STREAM.network), 20);
    expect(draws(new RandomStream(42, STREAM.workload), 20)).not.toEqual(reference);
    expect(draws(new RandomStream(43, STREAM.network), 20)).not.toEqual(reference);
    expect(draws(new RandomStream(42, STREAM.nodeTimer(1)), 20)).not.toEqual(draws(new RandomStream(42, STREAM.nodeTimer(2)), 20));
  });

  it("draws in [0, 1), and extra draws from one stream leave another stream's values unchanged", () => {
    const network = new RandomStream(7, STREAM.network);
    const faults = new RandomStream(7, STREAM.faults);
    const interleaved: number[] = [];
    for (let round = 0; round < 50; round++) {
      interleaved.push(network.next());
      draws(faults, round % 3);
    }
    expect(interleaved).toEqual(draws(new RandomStream(7, STREAM.network), 50));
    expect(interleaved.every((value) => value >= 0 && value < 1)).toBe(true);
  });

  it('int(min, max) draws whole numbers within [min, max]', () => {
    const bounds = fc.tuple(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.nat(1_000_000), fc.nat());
    fc.assert(
      fc.property(bounds, ([min, span, seed]) => {
        const stream = new RandomStream(seed, 'bounds');
        for (let draw = 0; draw < 20; draw++) {
          const value = stream.int(min, min + span);
          expect(Number.isInteger(value)).toBe(true);
          expect(value).toBeGreaterThanOrEqual(min);
          expect(value).toBeLessThanOrEqual(min + span);
        }
      }),
    );
  });

  it('int(min, max) reaches both ends of a small range about equally often', () => {
    const stream = new RandomStream(3, 'small-range');
    const counts = [0, 0, 0];
    for (let draw = 0; draw < 30_000; draw++) counts[stream.int(1, 3) - 1]!++;
    // Each count is binomial(30000, 1/3) with a standard deviation of about 82; allow 5 of them.
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(410);
  });

  it('chance(0) and chance(1) decide without drawing, so they do not shift later values', () => {
    const deciding = new RandomStream(9, 'chance');
    expect(deciding.chance(0)).toBe(false);
    expect(deciding.chance(1)).toBe(true);
    expect(deciding.chance(-0.5)).toBe(false);
    expect(deciding.chance(2)).toBe(true);
    expect(draws(deciding, 5)).toEqual(draws(new RandomStream(9, 'chance'), 5));
  });

  it('shuffled returns a permutation and leaves its input alone; pick refuses an empty list', () => {
    const stream = new RandomStream(11, 'shuffle');
    const items = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = stream.shuffled(items);
    expect(items).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(shuffled.slice().sort((a, b) => a - b)).toEqual(items);
    expect(items).toContain(stream.pick(items));
    expect(() => stream.pick([])).toThrow('empty');
  });

  it('peek shows the numbers to come without drawing them, whatever draws them next', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.constantFrom('next', 'int', 'chance', 'pick', 'shuffled')), { maxLength: 30 }), (steps) => {
        const peeking = new RandomStream(11, STREAM.nodeTimer(1));
        const plain = new RandomStream(11, STREAM.nodeTimer(1));
        for (const [count, draw] of steps) {
          const seen = peeking.peek(count);
          expect(seen).toEqual(peeking.peek(count));
          const fromPeeking = drawWith(peeking, draw);
          expect(fromPeeking).toEqual(drawWith(plain, draw));
          if (draw === 'next' && count > 0) expect(fromPeeking).toBe(seen[0]);
        }
        expect(draws(peeking, 10)).toEqual(draws(plain, 10));
      }),
    );
  });
});

function drawWith(stream: RandomStream, draw: string): unknown {
  if (draw === 'int') return stream.int(1, 6);
  if (draw === 'chance') return stream.chance(0.5);
  if (draw === 'pick') return stream.pick(['a', 'b', 'c']);
  if (draw === 'shuffled') return stream.shuffled([1, 2, 3, 4]);
  return stream.next();
}
