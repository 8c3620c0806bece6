/**
 * Putting shards back together: the files are checked to be every shard of one exploration, once each,
 * explored alike and to the end, and their results are joined in seed order into the summary one
 * exploration over the whole range would have given. Any problem is bad input, named with its file.
 */
import { RAFTSIM_VERSION } from '../formats/index.js';
import type { ShardFile, ShardViolation } from '../formats/index.js';
import type { SeedBlock } from '../scenarios/index.js';
import { MAX_SHARDS } from '../scenarios/index.js';
import type { Violation } from '../sim/index.js';
import { UsageError } from './arguments.js';
import type { ExploreSummary, ExploreSummarySettings, SummaryFailure } from './commands/explore-summary.js';
import { shardBlock } from './shard.js';

export interface NamedShard {
  readonly path: string;
  readonly file: ShardFile;
}

export interface MergedExploration {
  readonly result: ExploreSummary;
  readonly settings: ExploreSummarySettings;
  readonly warning: string | null;
}

/** The fields that must agree between shards of one exploration, with how to name each in a message. */
const SHARED_FIELDS: readonly (readonly [string, (file: ShardFile) => unknown])[] = [
  ['range', (file) => file.shard.range],
  ['number of shards', (file) => file.shard.count],
  ['settings', (file) => file.shard.settings],
  ['implementation', (file) => file.implementation],
  ['scenario', (file) => file.scenario],
  ['liveness bound', (file) => file.livenessWithinMs],
  ['skipped checks', (file) => file.skippedCheckers],
];

export function mergeShards(shards: readonly NamedShard[], wantStatistics: boolean): MergedExploration {
  const first = shards[0];
  if (first === undefined) throw new UsageError('merge needs the JSON files of the shards to put together');
  for (const shard of shards) checkShard(shard, first, wantStatistics);
  const ordered = inShardOrder(shards, first.file.shard.count, first.file.shard.range);
  const files = ordered.map((shard) => shard.file);
  const violations = new Map<number, ShardViolation>(files.flatMap((file) => file.shard.violations.map((violation) => [violation.seed, violation] as const)));
  const replays = new Map<number, string>(files.flatMap((file) => file.failed.map((failure) => [failure.seed, failure.replay] as const)));
  const failed: SummaryFailure[] = files.flatMap((file) =>
    file.failed.map(({ replay: _replay, ...failure }) => ({ ...failure, violation: restored(violations.get(failure.seed)) })),
  );
  const sum = (pick: (file: ShardFile) => number) => files.reduce((total, file) => total + pick(file), 0);
  const result: ExploreSummary = {
    fromSeed: first.file.shard.range.fromSeed,
    seeds: sum((file) => file.seeds),
    stoppedEarly: false,
    passed: sum((file) => file.passed),
    failed,
    eventLimited: sum((file) => file.eventLimited),
    totalEvents: sum((file) => file.events),
    // Each shard's total is exact in microseconds (explore sums them so), and so is their sum.
    totalVirtualMs: sum((file) => Math.round(file.virtualMs * 1000)) / 1000,
    statistics: wantStatistics ? files.flatMap((file) => file.shard.statistics ?? []) : null,
  };
  const settings: ExploreSummarySettings = {
    explore: { seeds: first.file.shard.range.seeds },
    implementationName: first.file.implementation,
    scenario: first.file.scenario === null ? null : { name: first.file.scenario },
    replayOf: (seed) => replays.get(seed) ?? '',
    judging: { livenessWithinMs: first.file.livenessWithinMs, skippedCheckers: first.file.skippedCheckers },
  };
  return { result, settings, warning: first.file.shard.warning };
}

/** A shard's violation as the summary renders it; the log terms it left out are not shown. */
function restored(violation: ShardViolation | undefined): Violation | null {
  return violation === undefined ? null : { ...violation, nodes: violation.nodes.map((node) => ({ ...node, logTerms: [] })) };
}

function checkShard({ path, file }: NamedShard, first: NamedShard, wantStatistics: boolean): void {
  const record = file.shard;
  const name = `shard ${record.index}/${record.count}`;
  if (record.version !== RAFTSIM_VERSION) throw new UsageError(`${path}: ${name} was explored by raftsim ${record.version}, and this is raftsim ${RAFTSIM_VERSION}: merge with the version that explored`);
  for (const [field, pick] of SHARED_FIELDS) {
    const mine = JSON.stringify(pick(file));
    const theirs = JSON.stringify(pick(first.file));
    if (mine !== theirs) throw new UsageError(`${path}: ${name} is of another exploration than ${first.path}: ${field} ${mine} here, ${theirs} there`);
  }
  if (record.index > record.count || record.count > MAX_SHARDS) throw new UsageError(`${path}: ${name} does not exist: K must be from 1 to N, and N at most ${MAX_SHARDS}`);
  if (file.interrupted || file.seeds !== file.seedsRequested) {
    throw new UsageError(`${path}: ${name} was interrupted after ${file.seeds} of ${file.seedsRequested} seeds: explore it again`);
  }
  const block = shardBlock(record.range, record);
  if (file.fromSeed !== block.fromSeed || file.seeds !== block.seeds) {
    throw new UsageError(`${path}: ${name} of ${describeBlock(record.range)} holds ${describeBlock(file)}, not ${describeBlock(block)}`);
  }
  checkCounts(path, name, file);
  if (wantStatistics && record.statistics === null) throw new UsageError(`${path}: ${name} has no statistics: explore every shard with --stats too, or merge without --stats`);
}

/** The shard's own numbers agree with each other, as an exploration writes them. */
function checkCounts(path: string, name: string, file: ShardFile): void {
  const statistics = file.shard.statistics;
  const failedSeeds = file.failed.map((failure) => failure.seed);
  const inOrder = failedSeeds.every((seed, index) => seed >= file.fromSeed && seed < file.fromSeed + file.seeds && (index === 0 || seed > failedSeeds[index - 1]!));
  const problems: readonly (readonly [boolean, string])[] = [
    [file.passed + file.failed.length !== file.seeds, `its ${file.passed} passed and ${file.failed.length} failed seeds are not its ${file.seeds} seeds`],
    [!inOrder, 'its failed seeds are not its own seeds in increasing order'],
    [file.shard.violations.some((violation) => !failedSeeds.includes(violation.seed)), 'it holds a violation of a seed that did not fail'],
    [statistics !== null && (statistics.length !== file.seeds || statistics.some((seed, index) => seed.seed !== file.fromSeed + index)), 'its statistics are not one row per seed, in seed order'],
  ];
  const problem = problems.find(([found]) => found);
  if (problem !== undefined) throw new UsageError(`${path}: ${name} is damaged: ${problem[1]}`);
}

/** The shards ordered 1..N, refusing one given twice and naming the first one missing. */
function inShardOrder(shards: readonly NamedShard[], count: number, range: SeedBlock): NamedShard[] {
  const byIndex = new Map<number, NamedShard>();
  for (const shard of shards) {
    const index = shard.file.shard.index;
    const earlier = byIndex.get(index);
    if (earlier !== undefined) throw new UsageError(`${shard.path}: shard ${index}/${count} is given twice, here and in ${earlier.path}: the shards overlap`);
    byIndex.set(index, shard);
  }
  const ordered: NamedShard[] = [];
  for (let index = 1; index <= count; index++) {
    const shard = byIndex.get(index);
    if (shard === undefined) {
      const block = shardBlock(range, { index, count });
      throw new UsageError(`shard ${index}/${count} (${describeBlock(block)}) is missing: give the JSON files of all ${count} shards`);
    }
    ordered.push(shard);
  }
  return ordered;
}

function describeBlock(block: SeedBlock): string {
  return block.seeds === 0 ? 'no seeds' : `seeds ${block.fromSeed}–${block.fromSeed + block.seeds - 1}`;
}
