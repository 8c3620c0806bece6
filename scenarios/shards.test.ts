import { describe, expect, it } from 'vitest';
import type { SeedBlock } from './shards.js';
import { shardSeeds } from './shards.js';

function allShards(range: SeedBlock, count: number, chunkSeeds = 25): SeedBlock[] {
  return Array.from({ length: count }, (_, index) => shardSeeds(range, { index: index + 1, count }, chunkSeeds));
}

/** Every seed of the range, in the order the shards explore them. */
function seedsInShardOrder(blocks: readonly SeedBlock[]): number[] {
  return blocks.flatMap((block) => Array.from({ length: block.seeds }, (_, offset) => block.fromSeed + offset));
}

describe('shards of a seed range', () => {
  it.each([
    [{ fromSeed: 1, seeds: 2000 }, 4],
    [{ fromSeed: 77, seeds: 1013 }, 7],
    [{ fromSeed: 0, seeds: 60 }, 5],
    [{ fromSeed: 5, seeds: 1 }, 3],
  ])('cover the range %o in %i shards exactly once, in seed order', (range, count) => {
    const expected = Array.from({ length: range.seeds }, (_, offset) => range.fromSeed + offset);
    expect(seedsInShardOrder(allShards(range, count))).toEqual(expected);
  });

  it('are balanced: sizes differ by at most one chunk', () => {
    for (const [seeds, count] of [[2000, 4], [20_000, 7], [1013, 3], [999, 10]] as const) {
      const sizes = allShards({ fromSeed: 1, seeds }, count).map((block) => block.seeds);
      expect(Math.max(...sizes) - Math.min(...sizes), `${seeds} seeds in ${count}`).toBeLessThanOrEqual(25);
    }
    expect(allShards({ fromSeed: 1, seeds: 2000 }, 4).map((block) => block.seeds)).toEqual([500, 500, 500, 500]);
  });

  it('start on a chunk boundary, so each re-runs the seeds the whole range samples for determinism', () => {
    for (const block of allShards({ fromSeed: 10, seeds: 1013 }, 6)) {
      expect((block.fromSeed - 10) % 25).toBe(0);
    }
  });

  it('give every shard an equal share of the sampled seeds even when the count shares a factor with 25', () => {
    const sampled = (block: SeedBlock) => seedsInShardOrder([block]).filter((seed) => (seed - 1) % 25 === 0).length;
    expect(allShards({ fromSeed: 1, seeds: 2500 }, 5).map(sampled)).toEqual([20, 20, 20, 20, 20]);
  });

  it('leave a shard without seeds when there are more shards than chunks', () => {
    expect(allShards({ fromSeed: 100, seeds: 50 }, 4)).toEqual([
      { fromSeed: 100, seeds: 0 },
      { fromSeed: 100, seeds: 0 },
      { fromSeed: 100, seeds: 25 },
      { fromSeed: 125, seeds: 25 },
    ]);
  });

  it('refuse a shard outside 1..count', () => {
    expect(() => shardSeeds({ fromSeed: 1, seeds: 10 }, { index: 0, count: 2 }, 25)).toThrow(/index must be from 1 to 2/);
    expect(() => shardSeeds({ fromSeed: 1, seeds: 10 }, { index: 3, count: 2 }, 25)).toThrow(/index must be from 1 to 2/);
    expect(() => shardSeeds({ fromSeed: 1, seeds: 10 }, { index: 1, count: 0 }, 25)).toThrow(/count must be/);
  });
});
