import { describe, expect, it } from 'vitest';
import { Int32Column } from './int32-column.js';

describe('a column of 32-bit whole numbers', () => {
  it('reads back what was pushed, past its first capacity, and nothing past its end', () => {
    const column = new Int32Column([0]);
    for (let value = 1; value <= 1000; value++) column.push(value * 7 - 3000);
    expect(column.length).toBe(1001);
    expect(column.get(0)).toBe(0);
    expect(column.get(1000)).toBe(4000);
    expect(column.get(1001)).toBeUndefined();
    expect(column.get(-1)).toBeUndefined();
    expect(column.slice(998)).toEqual([3986, 3993, 4000]);
  });

  it('forgets what a truncation cuts, so that a later push takes its place', () => {
    const column = new Int32Column([5, 6, 7]);
    column.truncate(1);
    expect(column.get(1)).toBeUndefined();
    column.push(-2_147_483_648);
    expect(column.slice()).toEqual([5, -2_147_483_648]);
    column.set(0, 2_147_483_647);
    expect(column.get(0)).toBe(2_147_483_647);
  });

  it('refuses a value it would not give back exactly, and a write past its end', () => {
    const column = new Int32Column();
    expect(() => column.push(2 ** 31)).toThrow(/not a 32-bit whole number/);
    expect(() => column.push(1.5)).toThrow(/not a 32-bit whole number/);
    expect(() => column.set(0, 1)).toThrow(/outside the column/);
  });

  it('reads a value with valueAt only inside the column, where get gives undefined outside', () => {
    const column = new Int32Column([4, 5]);
    expect(column.valueAt(0)).toBe(4);
    expect(column.valueAt(1)).toBe(5);
    expect(() => column.valueAt(2)).toThrow("index 2 is outside the column's 2 values");
    expect(() => column.valueAt(-1)).toThrow("index -1 is outside the column's 2 values");
    expect(() => column.set(-1, 0)).toThrow(/outside the column/);
  });
});
