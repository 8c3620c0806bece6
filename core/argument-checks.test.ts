import { describe, expect, it } from 'vitest';
import { arrayOf, checkArguments, describeValue, integer, nullable, number, oneOf, onlyFields, optional, shaped, string, withDefaults } from './argument-checks.js';

function thrown(call: () => void): Error {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('nothing was thrown');
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
});
