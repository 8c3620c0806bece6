import { describe, expect, it } from 'vitest';
import { createAllCheckers } from './all.js';
import { CHECKER_NAMES } from './checker.js';

describe('createAllCheckers', () => {
  it('makes one checker of every name, in the order the names are listed', () => {
    expect(createAllCheckers().map((checker) => checker.name)).toEqual([...CHECKER_NAMES]);
  });

  it('makes fresh checkers on every call, since checkers remember their run', () => {
    const first = createAllCheckers();
    const second = createAllCheckers();
    first.forEach((checker, index) => expect(checker).not.toBe(second[index]));
  });
});
