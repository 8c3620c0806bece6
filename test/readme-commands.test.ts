/**
 * Every command in the README's shell blocks runs here, with the exit code and the outcome its text
 * promises, so the README cannot go stale. test/readme-shell-blocks.ts states the convention the README
 * follows; the quick start's `npm ci && …` lines are checked by test/readme.test.ts instead.
 */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_BUGS } from '../bugs/index.js';
import type { CliRunIn } from './cli-process.js';
import { ROOT, raftsimIn, stackTraceIn } from './cli-process.js';
import type { ReadmeCommand } from './readme-shell-blocks.js';
import { parseCommand, shellBlocks } from './readme-shell-blocks.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = shellBlocks(readme, 'README.md');

/** Shell lines that are not raftsim commands and are checked elsewhere. */
const NOT_RUN = [/^npm ci && npx raftsim explore\b/, /^npm ci && npm test\b/];

/**
 * Commands that show a default too long for the suite (minutes on two cores), each run in a shortened
 * form instead. The README keeps the full command, since its default is the point it makes.
 */
const LONG_COMMANDS: ReadonlyMap<string, { readonly reason: string; readonly runInstead: readonly string[] }> = new Map([
  ['explore', { reason: 'the default 2,000 seeds', runInstead: ['explore', '--seeds', '40'] }],
  ['explore --impl examples/minimal-raft.js', { reason: 'the default 2,000 seeds', runInstead: ['explore', '--impl', 'examples/minimal-raft.js', '--seeds', '40'] }],
  ['experiment election-timing', { reason: 'the default 10 ranges × 1,000 trials', runInstead: ['experiment', 'election-timing', '--trials', '20'] }],
  [
    'experiment election-timing --html figure16.html --csv figure16.csv',
    { reason: 'the default 10 ranges × 1,000 trials', runInstead: ['experiment', 'election-timing', '--html', 'figure16.html', '--csv', 'figure16.csv', '--trials', '20'] },
  ],
  [
    'diff --seeds 100 --a preVote=false --a checkQuorum=false --b preVote=true --b checkQuorum=true --json',
    { reason: '100 swarm seeds, each run twice', runInstead: ['diff', '--seeds', '10', '--a', 'preVote=false', '--a', 'checkQuorum=false', '--b', 'preVote=true', '--b', 'checkQuorum=true', '--json'] },
  ],
  [
    'experiment sweep --param latency=1ms,10ms,20ms --param electionTimeout=150ms-300ms,150ms-200ms --seeds 100',
    { reason: '6 settings × 100 swarm seeds', runInstead: ['experiment', 'sweep', '--param', 'latency=1ms,10ms,20ms', '--param', 'electionTimeout=150ms-300ms,150ms-200ms', '--seeds', '3'] },
  ],
  ['experiment split-votes', { reason: 'the default 8 cases × 1,000 trials', runInstead: ['experiment', 'split-votes', '--trials', '10'] }],
  ['bugs --measure', { reason: 'every bug explored from five roots and shrunk', runInstead: ['bugs', '--measure', '--roots', '1', 'double-vote'] }],
]);

/** Files the README's commands take the reader to have: their own implementation, here the minimal example, typed. */
const READER_FILES: Readonly<Record<string, string>> = {
  'my-raft.ts': [
    "import type { RaftImplementation } from 'raftsim';",
    "import minimal from './examples/minimal-raft.js';",
    '',
    'export const implementation: RaftImplementation = minimal;',
    '',
  ].join('\n'),
};

type PromisedOutcome = (run: CliRunIn, folder: string, earlier: readonly CliRunIn[]) => void;

/** What a command's comment promises beyond its exit code, where that can be checked. */
const PROMISES: ReadonlyMap<string, PromisedOutcome> = new Map<string, PromisedOutcome>([
  ['run --seed 4 --faults none', (run) => expect(run.stdout).toMatch(/elections 1 · leader changes 1 ·/)],
  ['run --seed 1 --bug double-vote', (run) => expect(run.stdout).toContain('election-safety')],
  [
    'experiment sweep --param heartbeat=25ms,50ms,75ms --measure messagesPerEntry,unavailableMs --seeds 20 --csv sweep.csv --html sweep.html',
    (_run, folder) => {
      expect(readFileSync(join(folder, 'sweep.csv'), 'utf8').split('\n').filter((line) => /^\d+ms,\d+,/.test(line))).toHaveLength(60);
      expect(readFileSync(join(folder, 'sweep.html'), 'utf8').match(/<circle /g)).toHaveLength(6);
    },
  ],
  ['explore --bug commit-old-term --seeds 300', (run) => expect(run.stdout).toContain('leader-completeness')],
  ['explore --bug double-vote --seeds 20 --shrink --out failures/', (_run, folder) => expect(readdirSync(join(folder, 'failures')).filter((name) => name.endsWith('.yaml')).length).toBeGreaterThan(0)],
  ['explore --seeds 100 --stats stats.csv', (_run, folder) => expectStatsTable(readFileSync(join(folder, 'stats.csv'), 'utf8'), 100)],
  ['explore --seeds 100 --stats stats.json', (_run, folder) => expect(JSON.parse(readFileSync(join(folder, 'stats.json'), 'utf8'))).toMatchObject({ seeds: expect.any(Array), aggregate: expect.any(Object) })],
  ['explore --bug double-vote --seeds 20 --markdown', (run) => expect(run.stdout).toMatch(/^#+ raftsim explore[\s\S]*election-safety/)],
  ['run --seed 81723 --markdown', (run) => expect(run.stdout).toMatch(/^#+ /)],
  ['experiment election-timing --ranges 150-155,150-300 --trials 200 --json', (run) => expect(JSON.stringify(JSON.parse(run.stdout))).toMatch(/150-155[\s\S]*150-300/)],
  ['replay figure8.yaml --bug commit-old-term', (run, _folder, earlier) => expect(run.stdout).toContain(failedCheck(earlier.at(-1)!.stdout))],
  ['conformance', (run) => expect(run.stdout).toMatch(/, 0 failed/)],
  ['conformance --bug commit-old-term', (run) => expect(run.stdout).toMatch(/✗ leader-commits-only-current-term/)],
  ['conformance --json --only figure-7-f', (run) => expect(JSON.parse(run.stdout).tests).toMatchObject([{ name: 'figure-7-f', status: 'passed' }])],
  ['bugs', (run) => expect(KNOWN_BUGS.filter((bug) => !run.stdout.includes(bug.name))).toEqual([])],
  ['explore --bug keep-vote-in-new-term --seeds 50', (run) => expect(run.stdout).toContain('liveness')],
  // The README prints this comparison's table: its figures must be what the command prints.
  [
    'diff --scenario one-way-partition --seeds 50 --a preVote=false --a checkQuorum=false --b preVote=true --b checkQuorum=true',
    (run) => expect(readme).toContain(run.stdout.split('\n').slice(5, 12).join('\n')),
  ],
  ['diff --seeds 5 --b-bug double-vote', (run) => expect(run.stderr).toContain('variant b: election-safety')],
]);

const OUTPUT_FLAGS = new Set(['--trace', '--report', '--html', '--csv', '--stats', '--out']);

function expectStatsTable(csv: string, seeds: number): void {
  // The seed rows name their seed in the `seed` column; the summary rows name their statistic in `summary`.
  const rows = csv.trimEnd().split('\n').map((row) => row.split(','));
  expect(rows[0]!.slice(0, 2)).toEqual(['summary', 'seed']);
  expect(rows.slice(1).map((row) => row[1])).toEqual([...Array.from({ length: seeds }, (_, index) => String(index + 1)), '', '', '', '']);
  expect(rows.slice(1).map((row) => row[0])).toEqual([...Array.from({ length: seeds }, () => ''), 'p50', 'p90', 'p99', 'max']);
}

/** The check a shrunk seed failed, from shrink's first line: "seed 186 fails leader-completeness: …". */
function failedCheck(shrinkOutput: string): string {
  const match = /^seed \d+ fails ([\w-]+):/m.exec(shrinkOutput);
  expect(match, shrinkOutput).not.toBeNull();
  return match![1]!;
}

function commandText(command: ReadmeCommand): string {
  return command.args.join(' ');
}

function prepareFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'raftsim-readme-'));
  cpSync(join(ROOT, 'examples'), join(folder, 'examples'), { recursive: true });
  writeFileSync(join(folder, 'package.json'), JSON.stringify({ type: 'module' }));
  for (const [name, text] of Object.entries(READER_FILES)) writeFileSync(join(folder, name), text);
  return folder;
}

function partialFiles(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => /\.partial$|\.tmp$/.test(name));
}

function expectAsPromised(command: ReadmeCommand, run: CliRunIn, folder: string, earlier: readonly CliRunIn[]): void {
  const context = `${command.where}: ${command.line} (in ${folder})\nstdout: ${run.stdout.slice(-2000)}\nstderr: ${run.stderr}`;
  expect(run.timedOut, context).toBe(false);
  expect(run.status, context).toBe(command.expectedExit);
  expect(stackTraceIn(run.stderr), context).toBeUndefined();
  if (command.args.includes('--json')) expect(() => JSON.parse(run.stdout), context).not.toThrow();
  command.args.forEach((word, index) => {
    if (OUTPUT_FLAGS.has(word)) expect(existsSync(join(folder, command.args[index + 1]!)), `${context}\n${word} wrote nothing`).toBe(true);
  });
  expect(partialFiles(folder), context).toEqual([]);
  PROMISES.get(commandText(command))?.(run, folder, earlier);
}

describe('README commands', () => {
  it('every line of a shell block is a raftsim command, or a quick-start line checked by readme.test.ts', () => {
    const unaccounted = blocks.flatMap((block) => block.otherLines).filter((line) => !NOT_RUN.some((pattern) => pattern.test(line)));
    expect(unaccounted).toEqual([]);
    expect(blocks.flatMap((block) => block.commands).length).toBeGreaterThan(30);
  });

  it('names only commands the README has, in the lists of long commands and of promises', () => {
    const inReadme = new Set(blocks.flatMap((block) => block.commands.map(commandText)));
    expect([...LONG_COMMANDS.keys(), ...PROMISES.keys()].filter((text) => !inReadme.has(text))).toEqual([]);
  });

  it('runs the scenario file example as it is', async () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const folder = prepareFolder();
    writeFileSync(join(folder, 'example.yaml'), example);
    const run = await raftsimIn(folder, ['run', '--scenario', 'example.yaml'], 120_000);
    expect(run.status, run.stderr).toBe(0);
    rmSync(folder, { recursive: true });
  });
});

describe.concurrent('README shell blocks, each command in order in a fresh folder', () => {
  for (const block of blocks.filter((candidate) => candidate.commands.length > 0)) {
    it(`${block.where}: ${block.commands.map(commandText).join(' · ')}`, async () => {
      const folder = prepareFolder();
      const runs: CliRunIn[] = [];
      for (const command of block.commands) {
        const args = LONG_COMMANDS.get(commandText(command))?.runInstead ?? command.args;
        const run = await raftsimIn(folder, args, 580_000);
        expectAsPromised(command, run, folder, runs);
        runs.push(run);
      }
      rmSync(folder, { recursive: true });
    }, 600_000);
  }
});

describe('the README command convention', () => {
  it('reads the expected exit code from the comment, 0 when it names none', () => {
    expect(parseCommand('npx raftsim run --seed 1 --bug double-vote   # caught by a checker: exit 1', 'x:1')).toMatchObject({ args: ['run', '--seed', '1', '--bug', 'double-vote'], expectedExit: 1 });
    expect(parseCommand('npx raftsim replay f.yaml      # the same violation, exits 1', 'x:1').expectedExit).toBe(1);
    expect(parseCommand('npx raftsim run --seed 81723   # one run; it exits 0 when it passes', 'x:1').expectedExit).toBe(0);
    expect(parseCommand('npx raftsim explore', 'x:1')).toMatchObject({ args: ['explore'], comment: '', expectedExit: 0 });
  });

  it('refuses a line it would not run as written', () => {
    expect(() => parseCommand('npx raftsim run --seed 1 | head', 'README.md:9')).toThrow(/README.md:9: only plain words/);
    expect(() => parseCommand('npx raftsim run --scenario "a b.yaml"', 'README.md:9')).toThrow(/only plain words/);
  });

  it('finds the commands of sh, bash and untagged blocks and nothing in other blocks', () => {
    const markdown = ['```sh', 'npx raftsim run   # a', '```', '```yaml', 'npx raftsim bugs', '```', '```', 'npx raftsim explore', 'npm ci', '```'].join('\n');
    const found = shellBlocks(markdown, 'M.md');
    expect(found.map((block) => [block.where, block.commands.map((command) => command.args.join(' ')), block.otherLines])).toEqual([
      ['M.md:1', ['run'], []],
      ['M.md:7', ['explore'], ['npm ci']],
    ]);
  });
});
