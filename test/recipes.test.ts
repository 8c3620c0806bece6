/**
 * The recipes for running shards on a scheduler (recipes/), and the README's sharding walkthrough, run
 * here in a real shell as the scheduler would run them: each shard's command with the shard value the
 * scheduler gives it, the files passed on as the scheduler passes them, then the merge. Only the size of
 * the range and the implementation are swapped for a small range and the example implementation. So
 * every raftsim command in them is checked to be one the command line accepts, the shard values to match
 * the matrix or the completions, and the result to be that of one exploration over the whole range.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { CLI, ROOT } from './cli-process.js';

const TIMEOUT_MS = 300_000;
/** What the recipes are run with instead of their own range and implementation. */
const SMALL = { SEEDS: '100', IMPL: join(ROOT, 'examples', 'minimal-raft.js') };

/** A folder on PATH whose `npx raftsim` runs the CLI as built, and refuses any other package. */
const shims = mkdtempSync(join(tmpdir(), 'raftsim-recipe-bin-'));
writeFileSync(
  join(shims, 'npx'),
  ['#!/bin/sh', 'if [ "$1" != raftsim ]; then echo "npx $1: only raftsim runs here" >&2; exit 127; fi', 'shift', `exec "${process.execPath}" "${CLI}" "$@"`, ''].join('\n'),
);
chmodSync(join(shims, 'npx'), 0o755);

interface ShellRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function shell(command: readonly string[], cwd: string, env: Record<string, string>): Promise<ShellRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd,
      env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env, PATH: `${shims}:${process.env.PATH}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') }));
  });
}

/** GitHub Actions runs a step's script with bash, stopping at the first command that fails. */
const ACTIONS_BASH = ['bash', '--noprofile', '--norc', '-eo', 'pipefail', '-c'];

/** The JSON of one exploration of SMALL's range, the reference every merge is held to. */
let single: Promise<ShellRun> | null = null;
function singleExploration(): Promise<ShellRun> {
  single ??= shell(['npx', 'raftsim', 'explore', '--impl', SMALL.IMPL, '--seeds', SMALL.SEEDS, '--json'], ROOT, {});
  return single;
}

const recipe = (path: string) => readFileSync(join(ROOT, 'recipes', path), 'utf8');

/** Every `npx raftsim …` line in a text, for the checks that apply to all of them. */
function raftsimLines(text: string): string[] {
  return text.split('\n').filter((line) => /npx raftsim /.test(line) && !/^\s*#/.test(line));
}

interface Step {
  readonly name?: string;
  readonly run?: string;
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}

/** A step's text with the workflow expressions the scheduler fills in; any other expression fails the test. */
function expand(text: string, values: Record<string, string>): string {
  const expanded = text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
  expect(expanded, 'an expression the test does not know').not.toMatch(/\$\{\{/);
  return expanded;
}

describe('the GitHub Actions recipe', () => {
  const workflow = parse(recipe('github-actions/raftsim-shards.yml'));
  const explore = workflow.jobs.explore;
  const merge = workflow.jobs.merge;
  const shards: number[] = explore.strategy.matrix.shard;

  it('has a matrix of shards 1..N, every shard running to its end, and a merge job after them', () => {
    expect(shards).toEqual(Array.from({ length: shards.length }, (_, index) => index + 1));
    expect(shards.length).toBeGreaterThan(1);
    expect(explore.strategy['fail-fast']).toBe(false);
    expect(merge.needs).toBe('explore');
    const exploring = (explore.steps as Step[]).flatMap((step) => raftsimLines(step.run ?? ''));
    expect(exploring).toHaveLength(1);
    expect(exploring[0]).toContain('--shard "${{ matrix.shard }}/${{ strategy.job-total }}"');
    expect(Object.keys(workflow.env)).toEqual(expect.arrayContaining(Object.keys(SMALL)));
  });

  it('runs: each shard uploads its JSON, the merge job downloads them all and merges them into one exploration', async () => {
    const workspace = mkdtempSync(join(tmpdir(), 'raftsim-recipe-actions-'));
    const env = { ...workflow.env, ...SMALL };
    const downloaded = join(workspace, 'merge');
    const download = (merge.steps as Step[]).find((step) => step.uses?.startsWith('actions/download-artifact'))!;
    mkdirSync(join(downloaded, String(download.with!.path)), { recursive: true });
    await Promise.all(
      shards.map(async (shard) => {
        const values = { 'matrix.shard': String(shard), 'strategy.job-total': String(shards.length) };
        const runner = join(workspace, `shard-runner-${shard}`);
        mkdirSync(runner);
        for (const step of (explore.steps as Step[]).filter((candidate) => candidate.run?.includes('npx raftsim'))) {
          const run = await shell([...ACTIONS_BASH, expand(step.run!, values)], runner, env);
          expect(run.status, `shard ${shard}: ${run.stderr}`).toBe(0);
        }
        const upload = (explore.steps as Step[]).find((step) => step.uses?.startsWith('actions/upload-artifact'))!;
        const artifact = expand(String(upload.with!.name), values);
        // download-artifact with a pattern and merge-multiple puts every matching artifact's files in one folder.
        expect(artifact).toMatch(new RegExp(`^${String(download.with!.pattern).replace(/\*/g, '.*')}$`));
        expect(download.with!['merge-multiple']).toBe(true);
        const file = expand(String(upload.with!.path), values);
        copyFileSync(join(runner, file), join(downloaded, String(download.with!.path), file));
      }),
    );
    const steps = (merge.steps as Step[]).filter((step) => step.run?.includes('npx raftsim'));
    const runs: ShellRun[] = [];
    for (const step of steps) runs.push(await shell([...ACTIONS_BASH, expand(step.run!, {})], downloaded, env));
    const whole = await singleExploration();
    expect(runs[0]!.status, runs[0]!.stderr).toBe(0);
    const uploaded = String((merge.steps as Step[]).find((step) => step.uses?.startsWith('actions/upload-artifact'))!.with!.path).trim().split('\n');
    for (const file of uploaded) expect(existsSync(join(downloaded, file)), file).toBe(true);
    expect(readFileSync(join(downloaded, 'raftsim.json'), 'utf8')).toBe(whole.stdout);
    // The summary step fails the workflow exactly when one exploration would have exited 1.
    expect(runs.at(-1)!.status).toBe(whole.status);
    expect(runs.at(-1)!.stdout).toMatch(/^explored 100 seeds \(1–100\)/);
  }, TIMEOUT_MS);
});

interface Container {
  readonly image: string;
  readonly command: string[];
  readonly args: string[];
  readonly env: { readonly name: string; readonly value: string }[];
  readonly volumeMounts: { readonly name: string; readonly mountPath: string }[];
}

function containerOf(job: { spec: { template: { spec: { containers: Container[] } } } }): Container {
  const containers = job.spec.template.spec.containers;
  expect(containers).toHaveLength(1);
  return containers[0]!;
}

function environmentOf(container: Container): Record<string, string> {
  return Object.fromEntries(container.env.map(({ name, value }) => [name, value]));
}

describe('the Kubernetes recipe', () => {
  const documents = parseAllDocuments(recipe('kubernetes/raftsim-explore-job.yaml')).map((document) => document.toJS());
  const exploreJob = documents.find((document) => document.kind === 'Job');
  const claim = documents.find((document) => document.kind === 'PersistentVolumeClaim');
  const mergeJob = parse(recipe('kubernetes/raftsim-merge-job.yaml'));
  const explore = containerOf(exploreJob);
  const merge = containerOf(mergeJob);
  const completions: number = exploreJob.spec.completions;

  it('is an Indexed Job of as many completions as shards, writing to the volume the merge Job reads', () => {
    expect(exploreJob.spec.completionMode).toBe('Indexed');
    expect(completions).toBeGreaterThan(1);
    expect(environmentOf(explore).SHARDS).toBe(String(completions));
    expect(explore.args.join('\n')).toMatch(/JOB_COMPLETION_INDEX \+ 1/);
    for (const [job, container] of [[exploreJob, explore], [mergeJob, merge]] as const) {
      expect(container.volumeMounts[0]!.mountPath).toBe(environmentOf(container).RESULTS);
      expect(job.spec.template.spec.volumes[0].persistentVolumeClaim.claimName).toBe(claim.metadata.name);
      expect(job.spec.template.spec.restartPolicy).toBe('Never');
    }
    expect(claim.spec.accessModes).toContain('ReadWriteMany');
    expect(merge.image).toBe(explore.image);
  });

  it('has a Dockerfile for an image of the project, on a Node that raftsim runs on', () => {
    const dockerfile = recipe('kubernetes/Dockerfile');
    const node = /^FROM node:(\d+)/m.exec(dockerfile);
    const engines = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node as string;
    expect(Number(node?.[1])).toBeGreaterThanOrEqual(Number(/\d+/.exec(engines)![0]));
    expect(dockerfile).toMatch(/^RUN npm ci$/m);
    expect(dockerfile).toMatch(/^COPY \. \.$/m);
    expect(dockerfile).toMatch(/^WORKDIR /m);
  });

  it('runs: every index explores its shard into the volume, and the merge Job merges them into one exploration', async () => {
    const volume = mkdtempSync(join(tmpdir(), 'raftsim-recipe-volume-'));
    const runAs = (container: Container, extra: Record<string, string>) => shell([...container.command, ...container.args], volume, { ...environmentOf(container), ...SMALL, RESULTS: volume, ...extra });
    const indexes = await Promise.all(Array.from({ length: completions }, (_, index) => runAs(explore, { JOB_COMPLETION_INDEX: String(index) })));
    indexes.forEach((run, index) => expect(run.status, `index ${index}: ${run.stderr}`).toBe(0));
    const merged = await runAs(merge, {});
    const whole = await singleExploration();
    expect(merged.status, merged.stderr).toBe(whole.status);
    expect(readFileSync(join(volume, 'raftsim.json'), 'utf8')).toBe(whole.stdout);
    expect(existsSync(join(volume, 'raftsim-stats.csv'))).toBe(true);
    expect(merged.stdout).toMatch(/^explored 100 seeds \(1–100\)/);
  }, TIMEOUT_MS);
});

describe("the README's sharding walkthrough", () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = /\n## From one laptop to a cluster\n([\s\S]*?)\n## /.exec(readme)![1]!;
  const lines = /```console\n([\s\S]*?)```/.exec(section)![1]!.trim().split('\n');

  it('shows only commands, and every raftsim command of the section is among them', () => {
    expect(lines.every((line) => line.startsWith('$ npx raftsim '))).toBe(true);
    expect(raftsimLines(section).filter((line) => !line.startsWith('$ '))).toEqual([]);
  });

  it('runs in a shell, each line exiting as its comment says', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-recipe-readme-'));
    for (const line of lines) {
      const expected = Number(/# .*\bexit (\d)\b/.exec(line)?.[1] ?? 0);
      const run = await shell(['bash', '--noprofile', '--norc', '-c', line.slice(2)], folder, {});
      expect(run.status, `${line}\n${run.stderr}`).toBe(expected);
    }
    expect(readFileSync(join(folder, 'all.json'), 'utf8')).toContain('"seeds": 200');
    expect(existsSync(join(folder, 'stats.csv'))).toBe(true);
  }, TIMEOUT_MS);
});
