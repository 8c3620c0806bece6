import { describe, expect, it } from 'vitest';
import { niceAxis } from './chart-axis.js';

describe('chart axis', () => {
  it('chooses round axis steps that cover the values', () => {
    expect(niceAxis(0, 340)).toEqual({ from: 0, to: 400, ticks: [0, 100, 200, 300, 400] });
    expect(niceAxis(0, 3)).toMatchObject({ from: 0, to: 3, ticks: [0, 1, 2, 3] });
    const flat = niceAxis(0, 0);
    expect(flat.to).toBeGreaterThan(flat.from);
  });
});
