/**
 * The JSON an `explore --shard K/N --json` prints: the exploration's own JSON for the shard's seeds, and a
 * `shard` record with what putting the shards back together (`raftsim merge`) needs. Read back, it is
 * checked field by field, since it comes from another machine and may be damaged or from another version.
 */
import { z } from 'zod';
import type { NodeSnapshot, Violation } from '../sim/index.js';
import type { SeedBlock, SeedStatistics } from '../scenarios/index.js';
import { decodeText } from '../scenarios/text-file.js';

export const SHARD_FORMAT = 'raftsim-explore-shard';
export const SHARD_FORMAT_VERSION = 1;

/** A violation as a shard keeps it: every node's state without its log terms, which the summary does not show. */
export type ShardViolation = Omit<Violation, 'nodes'> & { readonly nodes: readonly Omit<NodeSnapshot, 'logTerms'>[] };

export interface ShardRecord {
  readonly format: typeof SHARD_FORMAT;
  readonly formatVersion: typeof SHARD_FORMAT_VERSION;
  /** The raftsim version that explored the shard: shards of different versions may not run seeds alike. */
  readonly version: string;
  readonly index: number;
  readonly count: number;
  /** The whole range the shards split. */
  readonly range: SeedBlock;
  /** What every seed's run shares, as the replay command without its seed. */
  readonly settings: string;
  /** The warning the exploration printed before it ran, if any. */
  readonly warning: string | null;
  readonly violations: readonly ShardViolation[];
  /** Each seed's statistics, in seed order, when the shard was explored with statistics. */
  readonly statistics: readonly SeedStatistics[] | null;
}

const whole = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const samples = z.array(z.number());

const failureSchema = z
  .object({ seed: whole, kind: z.string(), checker: z.string(), message: z.string(), atMs: z.number(), traceHash: z.string(), replay: z.string() })
  .strict();

const nodeSchema = z
  .object({
    node: whole,
    status: z.string(),
    role: z.string(),
    term: whole,
    votedFor: whole.nullable(),
    commitIndex: whole,
    appliedIndex: whole,
    snapshotIndex: whole,
    lastLogIndex: whole,
    lastLogTerm: whole,
  })
  .strict();

const violationSchema = z
  .object({ checker: z.string(), message: z.string(), seed: whole, atMs: z.number(), timeUs: z.number(), event: whole, nodes: z.array(nodeSchema) })
  .strict();

// Statistics pass through whole: a field the table gains is carried from the shards to the merged file.
const statisticsSchema = z.looseObject({ seed: whole, passed: z.boolean(), electionTimesMs: samples, unavailabilityWindowsMs: samples, commitLatenciesMs: samples });

const recordSchema = z
  .object({
    format: z.literal(SHARD_FORMAT),
    formatVersion: z.literal(SHARD_FORMAT_VERSION),
    version: z.string(),
    index: whole.min(1),
    count: whole.min(1),
    range: z.object({ fromSeed: whole, seeds: whole }).strict(),
    settings: z.string(),
    warning: z.string().nullable(),
    violations: z.array(violationSchema),
    statistics: z.array(statisticsSchema).nullable(),
  })
  .strict();

const shardFileSchema = z
  .object({
    seeds: whole,
    seedsRequested: whole,
    interrupted: z.boolean(),
    fromSeed: whole,
    implementation: z.string(),
    scenario: z.string().nullable(),
    livenessWithinMs: z.number().nullable(),
    skippedCheckers: z.array(z.string()),
    passed: whole,
    failed: z.array(failureSchema),
    eventLimited: whole,
    events: whole,
    virtualMs: z.number().min(0),
    shard: recordSchema,
  })
  .strict();

export type ShardFailureJson = z.infer<typeof failureSchema>;
export type ShardFile = Omit<z.infer<typeof shardFileSchema>, 'shard'> & { readonly shard: ShardRecord };

export type ShardFileRead = { readonly ok: true; readonly file: ShardFile } | { readonly ok: false; readonly problem: string };

/** A shard's JSON file, checked; the problem names the first field that is wrong. */
export function parseShardFile(bytes: Uint8Array): ShardFileRead {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return decoded;
  let document: unknown;
  try {
    document = JSON.parse(decoded.text);
  } catch (error) {
    return { ok: false, problem: `not JSON (${(error as Error).message})` };
  }
  if (typeof document !== 'object' || document === null || !('shard' in document)) {
    return { ok: false, problem: 'not the JSON of a shard: it has no "shard" record (explore it with --shard K/N --json)' };
  }
  const parsed = shardFileSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`)).join('');
    return { ok: false, problem: `${where === '' ? 'the file' : where.replace(/^\./, '')}: ${issue.message.replace(/^Invalid input: /, '')}` };
  }
  // The schema checked every field the summary reads; the checker and role names are shown, never acted on.
  return { ok: true, file: parsed.data as ShardFile };
}
