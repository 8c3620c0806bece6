/**
 * `raftsim merge a.json b.json …`: the shards of one exploration (`explore --shard K/N --json`), put back
 * together into what one exploration over the whole range prints, writes (--stats) and exits with.
 */
import { readFileSync } from 'node:fs';
import { parseShardFile } from '../../formats/index.js';
import { renderSeedStatistics } from '../../reports/index.js';
import { seedStatisticsTable } from '../../scenarios/index.js';
import { UsageError } from '../arguments.js';
import { refuseSameFiles } from '../output-paths.js';
import type { NamedShard } from '../shard-merge.js';
import { mergeShards } from '../shard-merge.js';
import type { Output } from '../terminal.js';
import { warn } from '../warnings.js';
import { errorCode } from '../write-file.js';
import { prepareStatisticsFile, writeStatistics } from './explore-statistics.js';
import { exploreJson, exploreText } from './explore.js';

export interface MergeArguments {
  readonly files: unknown;
  readonly json: boolean;
  readonly stats?: unknown;
}

export function mergeCommand(args: MergeArguments, output: Output): number {
  const paths = (Array.isArray(args.files) ? args.files : [args.files]).filter((path) => path !== undefined).map(String);
  if (paths.length === 0) throw new UsageError('merge needs the JSON files of the shards to put together: raftsim merge shard-1.json shard-2.json …');
  if (paths.some((path) => path.trim() === '')) throw new UsageError('merge was given an empty file name: name the JSON file of each shard');
  refuseSameFiles(
    [{ label: '--stats', path: args.stats }],
    paths.map((path) => ({ label: 'the shard file', path })),
  );
  const statisticsFile = prepareStatisticsFile(args.stats);
  const merged = mergeShards(paths.map(readShard), statisticsFile !== null);
  warn(output, merged.warning);
  if (statisticsFile !== null) writeStatistics(statisticsFile, seedStatisticsTable(merged.result.statistics!), renderSeedStatistics);
  const files = { reports: new Map(), shrunk: new Map() };
  if (args.json) output.out(JSON.stringify(exploreJson(merged.result, merged.settings, files, false), null, 2));
  else for (const line of exploreText(merged.result, merged.settings, files, output.chalk)) output.out(line);
  return merged.result.failed.length > 0 ? 1 : 0;
}

function readShard(path: string): NamedShard {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new UsageError(`${path}: cannot read it (${errorCode(error)})`);
  }
  const read = parseShardFile(bytes);
  if (!read.ok) throw new UsageError(`${path}: ${read.problem}`);
  return { path, file: read.file };
}
