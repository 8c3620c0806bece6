import { describe, expect, it } from 'vitest';
import { batchSize } from './ordered-pool.js';

/** The batches a pool starts, in order. */
function batches(count: number, workers: number, maxBatch: number): number[] {
  const sizes: number[] = [];
  for (let started = 0; started < count; ) {
    const size = batchSize(count, started, workers, maxBatch);
    sizes.push(size);
    started += size;
  }
  return sizes;
}

describe('batches of jobs', () => {
  it('cover every job once, never beyond the largest batch, and shrink to single jobs at the end', () => {
    for (const [count, workers, maxBatch] of [[1, 1, 16], [24, 1, 16], [400, 2, 16], [3000, 2, 16], [7, 3, 4], [100, 8, 16]] as const) {
      const sizes = batches(count, workers, maxBatch);
      expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(count);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(maxBatch);
      expect(sizes.at(-1)).toBe(1);
      expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    }
  });

  it('are as large as allowed while many jobs are left, and one job each once few are', () => {
    expect(batches(3000, 2, 16).slice(0, 3)).toEqual([16, 16, 16]);
    expect(batches(24, 1, 16)).toEqual([6, 4, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1]);
    expect(batches(8, 2, 16)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(batches(400, 2, 1).every((size) => size === 1)).toBe(true);
  });
});
