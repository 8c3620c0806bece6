import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainHash, hashString, RunningHash } from './hash.js';

function hashOf(values: readonly number[]): string {
  const hash = new RunningHash();
  for (const value of values) hash.add(value);
  return hash.hex();
}

describe('RunningHash', () => {
  it('gives the same sixteen hex digits for the same values, in any instance', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeInteger()), (values) => {
        const hex = hashOf(values);
        expect(hex).toMatch(/^[0-9a-f]{16}$/);
        expect(hashOf(values)).toBe(hex);
      }),
    );
  });

  it('depends on the order of the values', () => {
    expect(hashOf([1, 2])).not.toBe(hashOf([2, 1]));
    expect(hashOf([0, 0, 7])).not.toBe(hashOf([7, 0, 0]));
  });

  it('changes with every value added, zeros included', () => {
    expect(hashOf([])).not.toBe(hashOf([0]));
    expect(hashOf([0])).not.toBe(hashOf([0, 0]));
  });

  it('tells apart values that differ only above 32 bits, and negative values from their 32-bit twins', () => {
    expect(hashOf([2 ** 32])).not.toBe(hashOf([0]));
    expect(hashOf([2 ** 32 + 5])).not.toBe(hashOf([5]));
    expect(hashOf([2 ** 52 + 2 ** 32])).not.toBe(hashOf([2 ** 52]));
    expect(hashOf([-1])).not.toBe(hashOf([2 ** 32 - 1]));
  });

  it('hashes strings with their length, so a split string differs from the whole', () => {
    const whole = new RunningHash();
    whole.addString('ab');
    const split = new RunningHash();
    split.addString('a');
    split.addString('b');
    expect(whole.hex()).not.toBe(split.hex());
    const again = new RunningHash();
    again.addString('ab');
    expect(again.hex()).toBe(whole.hex());
  });
});

describe('hashString', () => {
  it('is 32-bit FNV-1a (published test vectors)', () => {
    expect(hashString('') >>> 0).toBe(0x811c9dc5);
    expect(hashString('a') >>> 0).toBe(0xe40c292c);
    expect(hashString('foobar') >>> 0).toBe(0xbf9cf968);
  });
});

describe('chainHash', () => {
  it('depends on the order in which values are chained', () => {
    expect(chainHash(chainHash(0, 1), 2)).not.toBe(chainHash(chainHash(0, 2), 1));
  });

  it('returns a signed 32-bit integer, the form prefix hashes are compared in', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer(), (previous, value) => {
        const hash = chainHash(previous, value);
        expect(hash).toBe(hash | 0);
        expect(chainHash(previous, value)).toBe(hash);
      }),
    );
  });
});
