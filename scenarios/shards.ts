/**
 * Splitting an exploration's seed range into shards, one per machine, so that the shards' results put
 * together are those of one exploration over the whole range.
 *
 * A shard is one contiguous block of seeds, made of whole chunks of `chunkSeeds` seeds, the chunks dealt
 * out as evenly as they go. Why blocks rather
 * than every Nth seed: each seed draws its own configuration and faults from its own seed, so a seed's
 * cost does not depend on where it lies in the range and any split into equal counts balances the work
 * alike; what does depend on the position is the determinism check, which runs every 25th seed of the
 * range (counted from its first) twice. Blocks of whole 25-seed chunks give every shard the same share of
 * those second runs, and each shard re-runs exactly the seeds the whole exploration would, so a
 * nondeterministic implementation is caught on the same seeds. Every Nth seed would put all of them in one
 * shard whenever N shares a factor with 25 (with N = 5, shard 1 would do 20% more work than the others).
 * A block is also a plain
 * range: a shard's exploration is that of `fromSeed`..`fromSeed + seeds - 1`, and the shards' failures,
 * read in shard order, are already in seed order.
 */

export interface Shard {
  /** 1-based: shard `index` of `count`. */
  readonly index: number;
  readonly count: number;
}

export interface SeedBlock {
  readonly fromSeed: number;
  readonly seeds: number;
}

/** The most shards a range is split into: beyond this, a shard would be too small to be worth a machine. */
export const MAX_SHARDS = 10_000;

/**
 * The seeds shard `shard.index` of `shard.count` explores out of `range`. The blocks of shards 1..count
 * cover the range exactly, in order, without overlap; a shard left without a chunk (more shards than
 * chunks: the first ones) explores no seeds, and its block starts at the range's first seed.
 */
export function shardSeeds(range: SeedBlock, shard: Shard, chunkSeeds: number): SeedBlock {
  if (!Number.isSafeInteger(shard.count) || shard.count < 1 || shard.count > MAX_SHARDS) throw new RangeError(`shardSeeds: count must be a whole number from 1 to ${MAX_SHARDS}, got ${shard.count}`);
  if (!Number.isSafeInteger(shard.index) || shard.index < 1 || shard.index > shard.count) throw new RangeError(`shardSeeds: index must be from 1 to ${shard.count}, got ${shard.index}`);
  if (!Number.isSafeInteger(chunkSeeds) || chunkSeeds < 1) throw new RangeError(`shardSeeds: chunkSeeds must be a whole number of at least 1, got ${chunkSeeds}`);
  if (!Number.isSafeInteger(range.seeds) || range.seeds < 0) throw new RangeError(`shardSeeds: range.seeds must be a whole number, got ${range.seeds}`);
  const chunks = Math.ceil(range.seeds / chunkSeeds);
  // The last shards take the chunks left over, so that the range's last chunk, which may be short, goes
  // to a shard with one more chunk than the smallest: sizes then differ by at most one chunk.
  const firstWithExtra = shard.count - (chunks % shard.count);
  const chunksBefore = (index: number) => (index - 1) * Math.floor(chunks / shard.count) + Math.max(0, index - 1 - firstWithExtra);
  const start = Math.min(range.seeds, chunksBefore(shard.index) * chunkSeeds);
  const end = Math.min(range.seeds, chunksBefore(shard.index + 1) * chunkSeeds);
  return end === start ? { fromSeed: range.fromSeed, seeds: 0 } : { fromSeed: range.fromSeed + start, seeds: end - start };
}
