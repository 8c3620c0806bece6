/**
 * `explore --shard K/N`: one machine's part of an exploration, and the record its --json carries so that
 * `raftsim merge` can put the parts back together into what one exploration over the whole range prints.
 */
import { RAFTSIM_VERSION } from '../formats/index.js';
import type { ShardRecord, ShardViolation } from '../formats/index.js';
import type { ExploreResult, SeedBlock, Shard } from '../scenarios/index.js';
import { DEFAULT_EXPLORE_OPTIONS, MAX_SHARDS, shardSeeds } from '../scenarios/index.js';
import { quoted } from '../sim/printable.js';
import { UsageError } from './arguments.js';

export interface ShardPlan {
  readonly shard: Shard;
  /** The seeds asked for by --from and --seeds, which all the shards share. */
  readonly range: SeedBlock;
  /** The seeds this shard explores. */
  readonly block: SeedBlock;
}

const SHARD = /^(\d+)\/(\d+)$/;

/** The --shard flag, checked against the flags it cannot go with; null when not given. */
export function parseShardFlag(args: { readonly shard?: unknown; readonly shrink: boolean; readonly out: unknown }, range: SeedBlock): ShardPlan | null {
  if (args.shard === undefined) return null;
  const text = String(args.shard).trim();
  const match = SHARD.exec(text);
  if (match === null) throw new UsageError(`--shard must be K/N, shard K of N shards (such as 2/4), got ${quoted(text)}`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS) throw new UsageError(`--shard ${text}: N, the number of shards, must be from 1 to ${MAX_SHARDS}`);
  if (index < 1 || index > count) throw new UsageError(`--shard ${text}: K must be from 1 to N (${count})`);
  if (args.shrink || args.out !== undefined) {
    throw new UsageError('--shard cannot be combined with --out or --shrink: a shard’s files would stay on its machine; after the merge, replay or shrink a failing seed by its replay command');
  }
  const shard = { index, count };
  return { shard, range, block: shardBlock(range, shard) };
}

/** The seeds a shard explores. The chunk is the determinism check's period, so that each shard re-runs the seeds the whole range would. */
export function shardBlock(range: SeedBlock, shard: Shard): SeedBlock {
  return shardSeeds(range, shard, Math.max(1, DEFAULT_EXPLORE_OPTIONS.determinismEvery));
}

/** What the merge needs of an exploration's settings and output beyond the summary itself. */
export interface ShardSource {
  readonly replayOf: (seed: number) => string;
  readonly timingProblem: string | null;
}

/**
 * The record a shard's --json ends with. `settings` is the replay command every seed shares, without its
 * seed: two shards with the same one ran every seed alike. Violations are kept for the failures the text
 * summary shows (the first `shown`), since the first failures of the whole range are among them.
 */
export function shardRecord(plan: ShardPlan, result: ExploreResult, source: ShardSource, shown: number): ShardRecord {
  const violations: ShardViolation[] = [];
  for (const failure of result.failed.slice(0, shown)) {
    if (failure.violation === null) continue;
    // Each node's log terms are left out: the summary does not show them, and they can be long.
    violations.push({ ...failure.violation, nodes: failure.violation.nodes.map(({ logTerms: _logTerms, ...node }) => node) });
  }
  return {
    format: 'raftsim-explore-shard',
    formatVersion: 1,
    version: RAFTSIM_VERSION,
    index: plan.shard.index,
    count: plan.shard.count,
    range: plan.range,
    settings: source.replayOf(0).replace(' --seed 0', ''),
    warning: source.timingProblem,
    violations,
    statistics: result.statistics,
  };
}

/** An exploration's JSON, with the shard record at its end when it explored a shard. */
export function withShardRecord(json: Record<string, unknown>, plan: ShardPlan | null, result: ExploreResult, source: ShardSource, shown: number): Record<string, unknown> {
  return plan === null ? json : { ...json, shard: shardRecord(plan, result, source, shown) };
}
