/**
 * explore --shard K/N and raftsim merge: shards explored apart, put back together, are one exploration
 * over the whole range, byte for byte; and every way a set of shard files can be wrong is refused by name.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliRunIn } from './cli-process.js';
import { raftsimIn, stackTraceIn } from './cli-process.js';
import { expectUsageError } from './usage-error.js';

const workspace = mkdtempSync(join(tmpdir(), 'raftsim-shards-'));
/** A range where a known bug fails seeds in every shard. */
const RANGE = ['--seeds', '100', '--from', '3', '--bug', 'commit-without-majority'];
const TIMEOUT_MS = 240_000;

const path = (name: string) => join(workspace, name);
const run = (args: readonly string[]) => raftsimIn(workspace, args, TIMEOUT_MS);

let wholeJson: CliRunIn;
let wholeText: CliRunIn;
let shards: CliRunIn[];

beforeAll(async () => {
  [wholeJson, wholeText, ...shards] = await Promise.all([
    run(['explore', ...RANGE, '--json', '--stats', path('whole.csv')]),
    run(['explore', ...RANGE, '--stats', path('whole-stats.json')]),
    ...[1, 2, 3, 4].map((index) => run(['explore', ...RANGE, '--shard', `${index}/4`, '--json', '--stats', path(`shard-${index}.csv`)])),
  ]);
  shards.forEach((shard, index) => writeFileSync(path(`shard-${index + 1}.json`), shard.stdout));
}, TIMEOUT_MS);

/** The shard files in an order of their own, to show that the order given does not matter. */
const SHUFFLED = [3, 1, 4, 2].map((index) => path(`shard-${index}.json`));

describe('four shards merged', () => {
  it('found failures in more than one shard, so the merge has something to put in order', () => {
    expect(wholeJson.status).toBe(1);
    const failing = shards.filter((shard) => JSON.parse(shard.stdout).failed.length > 0);
    expect(failing.length).toBeGreaterThan(1);
    expect(shards.map((shard) => JSON.parse(shard.stdout).seeds)).toEqual([25, 25, 25, 25]);
  });

  it('print the JSON, write the --stats file and exit as one exploration over the whole range', async () => {
    const merged = await run(['merge', ...SHUFFLED, '--json', '--stats', path('merged.csv')]);
    expect(merged.stderr).toBe(wholeJson.stderr);
    expect(merged.status).toBe(wholeJson.status);
    expect(merged.stdout).toBe(wholeJson.stdout);
    expect(readFileSync(path('merged.csv'), 'utf8')).toBe(readFileSync(path('whole.csv'), 'utf8'));
  });

  it('print the text summary and write the JSON statistics of one exploration', async () => {
    const merged = await run(['merge', ...SHUFFLED, '--stats', path('merged-stats.json')]);
    expect(merged.status).toBe(wholeText.status);
    expect(merged.stdout).toBe(wholeText.stdout);
    expect(merged.stdout).toMatch(/explored 100 seeds \(3–102\)/);
    expect(readFileSync(path('merged-stats.json'), 'utf8')).toBe(readFileSync(path('whole-stats.json'), 'utf8'));
  });

  it('exit 0 when every seed held', async () => {
    const calm = ['explore', '--seeds', '30', '--duration', '2s'];
    const [whole, first, second] = await Promise.all([run([...calm, '--json']), run([...calm, '--shard', '1/2', '--json']), run([...calm, '--shard', '2/2', '--json'])]);
    writeFileSync(path('calm-1.json'), first.stdout);
    writeFileSync(path('calm-2.json'), second.stdout);
    const merged = await run(['merge', path('calm-1.json'), path('calm-2.json'), '--json']);
    expect(whole.status).toBe(0);
    expect(merged.status).toBe(0);
    expect(merged.stdout).toBe(whole.stdout);
  });
});

/** The fields of a shard's JSON that the cases below damage. */
interface EditableShard {
  seeds: number;
  fromSeed: number;
  passed: number;
  interrupted: boolean;
  events: unknown;
  shard: { version: string; settings: string; range: { seeds: number } };
}

/** A copy of shard `index`'s file with its JSON changed by `edit`. */
function editedShard(index: number, name: string, edit: (document: EditableShard) => void): string {
  const document = JSON.parse(readFileSync(path(`shard-${index}.json`), 'utf8')) as EditableShard;
  edit(document);
  writeFileSync(path(name), JSON.stringify(document, null, 2));
  return path(name);
}

function shardFiles(...indexes: number[]): string[] {
  return indexes.map((index) => path(`shard-${index}.json`));
}

describe('merge refuses shards that are not one whole exploration', () => {
  it.each<[string, () => string[], string]>([
    ['a missing shard', () => shardFiles(1, 2, 4), 'shard 3/4 (seeds 53–77) is missing'],
    ['a shard given twice', () => shardFiles(1, 2, 2, 3, 4), 'shard-2.json: shard 2/4 is given twice'],
    ['a file that is not there', () => [...shardFiles(1, 2, 3), path('shard-9.json')], 'shard-9.json: cannot read it (ENOENT)'],
    ['a cut-off file', () => [...shardFiles(1, 2, 3), (writeFileSync(path('cut.json'), readFileSync(path('shard-4.json'), 'utf8').slice(0, 500)), path('cut.json'))], 'cut.json: not JSON'],
    ['a plain exploration', () => [...shardFiles(1, 2, 3), (writeFileSync(path('plain.json'), wholeJson.stdout), path('plain.json'))], 'plain.json: not the JSON of a shard'],
    ['another version', () => [...shardFiles(1, 2, 3), editedShard(4, 'old.json', (file) => (file.shard.version = '0.0.1'))], 'old.json: shard 4/4 was explored by raftsim 0.0.1'],
    ['other settings', () => [...shardFiles(1, 2, 3), editedShard(4, 'other.json', (file) => (file.shard.settings = 'npx raftsim run --duration 5s'))], 'other.json: shard 4/4 is of another exploration than'],
    ['another range', () => [...shardFiles(1, 2, 3), editedShard(4, 'range.json', (file) => (file.shard.range.seeds = 200))], 'range.json: shard 4/4 is of another exploration'],
    ['an interrupted shard', () => [...shardFiles(1, 2, 3), editedShard(4, 'stopped.json', (file) => ((file.interrupted = true), (file.seeds = 10)))], 'stopped.json: shard 4/4 was interrupted after 10 of 25 seeds'],
    ['a shard holding other seeds', () => [...shardFiles(1, 2, 3), editedShard(4, 'moved.json', (file) => (file.fromSeed = 70))], 'moved.json: shard 4/4 of seeds 3–102 holds seeds 70–94, not seeds 78–102'],
    ['counts that disagree', () => [...shardFiles(1, 2, 3), editedShard(4, 'counts.json', (file) => (file.passed += 1))], 'counts.json: shard 4/4 is damaged'],
    ['a field of the wrong type', () => [...shardFiles(1, 2, 3), editedShard(4, 'typed.json', (file) => (file.events = 'many'))], 'typed.json: events:'],
  ])('%s', (_case, files, mentions) => {
    expectUsageError(['merge', ...files()], mentions);
  });

  it('statistics asked of shards explored without them', async () => {
    const bare = await run(['explore', ...RANGE, '--shard', '4/4', '--json']);
    writeFileSync(path('bare.json'), bare.stdout);
    expectUsageError(['merge', ...shardFiles(1, 2, 3), path('bare.json'), '--stats', path('never.csv')], 'bare.json: shard 4/4 has no statistics');
    const without = await run(['merge', ...shardFiles(1, 2, 3), path('bare.json'), '--json']);
    expect(without.stdout).toBe(wholeJson.stdout);
  });
});

describe('explore --shard', () => {
  it.each([
    ['0/4', 'K must be from 1 to N (4)'],
    ['5/4', 'K must be from 1 to N (4)'],
    ['1/0', 'N, the number of shards, must be from 1'],
    ['2-4', '--shard must be K/N'],
    ['1/4/2', '--shard must be K/N'],
  ])('refuses %s', (value, mentions) => {
    expectUsageError(['explore', '--seeds', '10', '--shard', value], mentions);
  });

  it('refuses --shrink and --out, whose files would stay on the shard’s machine', () => {
    expectUsageError(['explore', '--seeds', '10', '--shard', '1/2', '--shrink'], '--shard cannot be combined with --out or --shrink');
    expectUsageError(['explore', '--seeds', '10', '--shard', '1/2', '--out', path('failures')], '--shard cannot be combined with --out or --shrink');
  });

  it('runs a shard left without seeds and says so', async () => {
    const empty = await run(['explore', '--seeds', '20', '--shard', '1/2', '--json']);
    expect(empty.status).toBe(0);
    expect(stackTraceIn(empty.stderr)).toBeUndefined();
    expect(JSON.parse(empty.stdout)).toMatchObject({ seeds: 0, passed: 0, shard: { index: 1, count: 2, range: { fromSeed: 1, seeds: 20 } } });
  });
});
