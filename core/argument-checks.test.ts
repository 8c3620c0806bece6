import { describe, expect, it } from 'vitest';
import type { ArgumentRule } from './argument-checks.js';
import { arrayOf, boolean, checkArguments, describeValue, func, integer, nullable, number, oneOf, onlyFields, optional, shaped, string, withDefaults } from './argument-checks.js';

function thrown(call: () => void): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('nothing was thrown');
}

/** The message a value breaking the rule throws, as argument `x` of `f`; null when the value keeps the rule. */
function complaint(rule: ArgumentRule, value: unknown): string | null {
  try {
    checkArguments('f', ['x', value, rule]);
    return null;
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

describe('argument checks', () => {
  it('throw a TypeError for the wrong kind of value and a RangeError for one out of range, naming function and argument', () => {
    const wrongKind = thrown(() => checkArguments('f', ['count', '3', integer(1, 9)]));
    expect(wrongKind).toBeInstanceOf(TypeError);
    expect(wrongKind.message).toBe('f: count must be an integer from 1 to 9, got "3"');
    const outOfRange = thrown(() => checkArguments('f', ['count', 2.5, integer(1, 9)]));
    expect(outOfRange).toBeInstanceOf(RangeError);
    expect(outOfRange.message).toBe('f: count must be an integer from 1 to 9, got 2.5');
  });

  it('check the arguments in order and pass values that keep every rule', () => {
    expect(() => checkArguments('f', ['a', 1, number({ min: 0 })], ['b', undefined, optional(string())], ['c', null, nullable(string())])).not.toThrow();
    expect(thrown(() => checkArguments('f', ['a', -1, number({ min: 0 })], ['b', 5, string()])).message).toBe('f: a must be a number ≥ 0, got -1');
  });

  it('name the place inside an argument: a field, an element, a field that does not exist', () => {
    const rule = onlyFields('Options', ['sizes', 'mode'], { sizes: arrayOf(integer(0)), mode: optional(oneOf(['a', 'b'])) });
    expect(thrown(() => checkArguments('f', ['options', { sizes: [1, -2] }, rule])).message).toBe('f: options.sizes[1] must be an integer ≥ 0, got -2');
    expect(thrown(() => checkArguments('f', ['options', { sizes: [], mode: 'c' }, rule])).message).toBe('f: options.mode must be one of "a", "b", got "c"');
    const unknown = thrown(() => checkArguments('f', ['options', { sizes: [], size: 3 }, rule]));
    expect(unknown).toBeInstanceOf(TypeError);
    expect(unknown.message).toBe('f: options has no field size; its fields are sizes, mode');
  });

  it('name an object of another kind as a whole, and one with a single field wrong by that field', () => {
    const point = shaped('a Point', { x: number(), y: number() });
    expect(thrown(() => checkArguments('f', ['p', { latitude: 1, longitude: 2 }, point])).message).toBe('f: p must be a Point, got an object with latitude, longitude');
    expect(thrown(() => checkArguments('f', ['p', { x: 1, y: Number.NaN }, point])).message).toBe('f: p.y must be a finite number, got NaN');
  });

  it('describe values briefly, by kind', () => {
    expect(describeValue('x'.repeat(50))).toBe(`"${'x'.repeat(40)}"…`);
    expect([describeValue([1, 2]), describeValue(() => 1), describeValue({}), describeValue(null), describeValue(3n)]).toEqual([
      'an array of 2',
      'a function',
      'an empty object',
      'null',
      '3n',
    ]);
  });

  it('fill in defaults for the fields left out or given as undefined', () => {
    expect(withDefaults({ a: 1, b: 2, c: 3 }, { a: 5, b: undefined })).toEqual({ a: 5, b: 2, c: 3 });
  });

  it('keep an integer within both bounds, each bound itself included', () => {
    const count = integer(1, 9);
    expect([1, 9].map((value) => complaint(count, value))).toEqual([null, null]);
    expect([0, 10].map((value) => complaint(count, value))).toEqual([
      'RangeError: f: x must be an integer from 1 to 9, got 0',
      'RangeError: f: x must be an integer from 1 to 9, got 10',
    ]);
  });

  it('say which bounds a number has, and whether its minimum is itself allowed', () => {
    expect(complaint(number({ min: 0, max: 1 }), 2)).toBe('RangeError: f: x must be a number from 0 to 1, got 2');
    expect(complaint(number({ min: 0, max: 1, aboveMin: true }), 0)).toBe('RangeError: f: x must be a number > 0 and ≤ 1, got 0');
    expect(complaint(number({ min: 0, aboveMin: true }), -1)).toBe('RangeError: f: x must be a number > 0, got -1');
    expect(complaint(number({ max: 5 }), 6)).toBe('RangeError: f: x must be a number ≤ 5, got 6');
    expect(complaint(number(), Number.POSITIVE_INFINITY)).toBe('RangeError: f: x must be a finite number, got Infinity');
    expect(complaint(number({ min: 0 }), '1')).toBe('TypeError: f: x must be a number ≥ 0, got "1"');
  });

  it('keep a number within its bounds: a minimum included unless it must be exceeded, a maximum included', () => {
    const inclusive = number({ min: 0, max: 1 });
    const aboveZero = number({ min: 0, max: 1, aboveMin: true });
    const atMost = number({ max: 1 });
    expect([0, 0.5, 1].map((value) => complaint(inclusive, value))).toEqual([null, null, null]);
    expect([-0.001, 1.001].map((value) => complaint(inclusive, value) !== null)).toEqual([true, true]);
    expect([0, 0.001, 1, 1.001].map((value) => complaint(aboveZero, value) === null)).toEqual([false, true, true, false]);
    expect([-1e9, 1, 1.001, Number.NaN].map((value) => complaint(atMost, value) === null)).toEqual([true, true, false, false]);
  });

  it('tell a string from a non-empty one: blank counts as empty, and either kind names what it wanted', () => {
    expect(complaint(string(), '')).toBeNull();
    expect(complaint(string(), 3)).toBe('TypeError: f: x must be a string, got 3');
    expect(complaint(string({ nonEmpty: true }), 'a')).toBeNull();
    expect(complaint(string({ nonEmpty: true }), ' \t')).toBe('RangeError: f: x must be a non-empty string, got " \\t"');
    expect(complaint(string({ nonEmpty: true }), 3)).toBe('TypeError: f: x must be a non-empty string, got 3');
    expect(complaint(string({ nonEmpty: false }), '')).toBeNull();
  });

  it('want true or false for a flag and a function for a callback, naming them', () => {
    expect([true, false].map((value) => complaint(boolean, value))).toEqual([null, null]);
    expect(complaint(boolean, 'yes')).toBe('TypeError: f: x must be true or false, got "yes"');
    expect(complaint(func, () => 1)).toBeNull();
    expect(complaint(func, 'next')).toBe('TypeError: f: x must be a function, got "next"');
  });

  it('call a value of the allowed type but not allowed out of range, and a value of another type the wrong kind', () => {
    const mode = oneOf(['fast', 'slow']);
    expect(complaint(mode, 'medium')).toBe('RangeError: f: x must be one of "fast", "slow", got "medium"');
    expect(complaint(mode, 1)).toBe('TypeError: f: x must be one of "fast", "slow", got 1');
    const mixed = oneOf([1, 'all']);
    expect(complaint(mixed, 2)).toMatch(/^RangeError/);
    expect(complaint(mixed, 'some')).toMatch(/^RangeError/);
    expect(complaint(mixed, true)).toMatch(/^TypeError/);
  });

  it('want an array, of any elements unless told', () => {
    expect(complaint(arrayOf(), [1, 'a', null])).toBeNull();
    expect(complaint(arrayOf(), { length: 0 })).toBe('TypeError: f: x must be an array, got an object with length');
    expect(complaint(arrayOf(integer(0), 'a list of indexes'), 'x')).toBe('TypeError: f: x must be a list of indexes, got "x"');
  });

  it('allow null in place of a value, and say so only for the value itself, not for a field inside it', () => {
    const point = nullable(shaped('a Point', { x: number(), y: number() }));
    expect(complaint(point, null)).toBeNull();
    expect(complaint(point, 5)).toBe('TypeError: f: x must be null or a Point, got 5');
    expect(complaint(point, { x: 1, y: 'north' })).toBe('TypeError: f: x.y must be a finite number, got "north"');
    expect(complaint(nullable(integer(1)), 0)).toBe('RangeError: f: x must be null or an integer ≥ 1, got 0');
  });

  it('want an object for a shape: null, an array, a string or a number are not one', () => {
    const named = shaped('a Named { name }', { name: optional(string()) });
    expect(complaint(named, {})).toBeNull();
    for (const value of [null, [], 'name', 7]) expect(complaint(named, value), describeValue(value)).toMatch(/^TypeError: f: x must be a Named \{ name \}, got /);
  });

  it('name the first wrong field of an object that has the fields, however many are wrong', () => {
    const point = shaped('a Point', { x: number(), y: number() });
    expect(complaint(point, { x: 'east', y: 'north' })).toBe('TypeError: f: x.x must be a finite number, got "east"');
    expect(complaint(point, { x: 1 })).toBe('TypeError: f: x.y must be a finite number, got undefined');
  });

  it('show flags, numbers and nothing as themselves, a string of 40 characters whole, and the first five fields of a wide object', () => {
    expect([describeValue(true), describeValue(false), describeValue(undefined), describeValue(-2.5)]).toEqual(['true', 'false', 'undefined', '-2.5']);
    expect(describeValue('y'.repeat(40))).toBe(JSON.stringify('y'.repeat(40)));
    expect(describeValue('y'.repeat(41))).toBe(`"${'y'.repeat(40)}"…`);
    expect(describeValue({ a: 1, b: 2, c: 3, d: 4, e: 5 })).toBe('an object with a, b, c, d, e');
    expect(describeValue({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 })).toBe('an object with a, b, c, d, e, …');
  });
});
