/**
 * Output files as a user meets them: flags with no value, standard output, devices, symlinks, FIFOs,
 * outputs that are inputs, and two explorations sharing a folder.
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, raftsim, ROOT } from './cli-process.js';

const workspace = mkdtempSync(join(tmpdir(), 'raftsim-output-files-'));
const LOCK = '.raftsim.lock';

function expectUsageError(args: string[], mentions: string): void {
  const result = raftsim(args);
  expect(result.status, result.stderr).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^raftsim: /);
  expect(lines[0]).toContain(mentions);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

function path(name: string): string {
  return join(workspace, name);
}

/** A short run's trace, for tests that need an input trace file. */
function traceFile(name: string): string {
  const file = path(name);
  if (!existsSync(file)) expect(raftsim(['run', '--seed', '3', '--duration', '1s', '--trace', file]).status).toBe(0);
  return file;
}

describe('a flag that names a file needs a value: exit 2 before anything runs', () => {
  const cases: [string[], string][] = [
    [['run', '--trace'], '--trace needs a value'],
    [['run', '--trace='], '--trace needs a value'],
    [['run', '--report', ''], '--report needs a value'],
    [['run', '--report', '--json'], '--report needs a value'],
    [['run', '--trace', 'a.jsonl', '--trace', 'b.jsonl'], '--trace was given 2 times'],
    [['replay', 'x.yaml', '--trace'], '--trace needs a value'],
    [['report', 'x.jsonl', '--html='], '--html needs a value'],
    [['report', ''], 'report needs the name of a file to read'],
    [['shrink', '--seed', '1', '--out'], '--out needs a value'],
    [['explore', '--seeds', '1000000', '--stats='], '--stats needs a value'],
    [['explore', '--seeds', '1000000', '--out'], '--out needs a value'],
    [['experiment', 'election-timing', '--csv'], '--csv needs a value'],
    [['experiment', 'election-timing', '--html', ''], '--html needs a value'],
    [['run', '--scenario='], '--scenario needs a value'],
    [['run', '--impl'], '--impl needs a value'],
  ];
  for (const [args, mentions] of cases) it(args.join(' '), () => expectUsageError(args, mentions));
});

describe('standard output: "-" streams a file there, and nothing else may go there with it', () => {
  it('--trace - prints the trace file, byte for byte, and the run’s text goes to stderr', () => {
    const file = traceFile('seed-3.jsonl');
    const streamed = raftsim(['run', '--seed', '3', '--duration', '1s', '--trace', '-']);
    expect(streamed.status).toBe(0);
    expect(streamed.stdout).toBe(readFileSync(file, 'utf8'));
    expect(streamed.stderr).toContain('all checks held');
    expect(streamed.stderr).toContain('wrote standard output');
  });

  it('report --html - prints the explorer', () => {
    const result = raftsim(['report', traceFile('seed-3.jsonl'), '--html', '-']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^<!doctype html>/);
    expect(result.stderr).toMatch(/^wrote standard output: seed 3/);
  });

  it('refuses two things on standard output: two outputs, or one and --json or --markdown', () => {
    expectUsageError(['run', '--trace', '-', '--json'], '--trace - and --json would both go to standard output');
    expectUsageError(['run', '--trace', '-', '--report', '-'], '--trace - and --report - would both go to standard output');
    expectUsageError(['run', '--report', '-', '--markdown'], '--report - and --markdown would both go to standard output');
    expectUsageError(['experiment', 'election-timing', '--html', '-'], '--html - and the CSV table would both go to standard output');
    expectUsageError(['experiment', 'election-timing', '--csv', '-', '--json'], '--csv - and --json would both go to standard output');
  });

  it('refuses - where a folder or a file extension is needed', () => {
    expectUsageError(['explore', '--out', '-'], '--out names a folder');
    expectUsageError(['explore', '--stats', '-'], '--stats -: name a .csv, .json or .html file');
  });
});

describe('devices, symlinks and FIFOs', () => {
  it.runIf(existsSync('/dev/null'))('writes to /dev/null, which stays a device', () => {
    const result = raftsim(['run', '--seed', '3', '--duration', '1s', '--trace', '/dev/null', '--report', '/dev/null']);
    expect(result.status).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it.runIf(existsSync('/dev/full'))('a full device: one line, exit 2, /dev/full stays a device and no other file is touched', () => {
    const kept = path('kept.html');
    writeFileSync(kept, 'written before\n');
    expectUsageError(['run', '--seed', '3', '--duration', '1s', '--trace', '/dev/full', '--report', kept], 'cannot write /dev/full (ENOSPC: no space left on device)');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
    expect(readFileSync(kept, 'utf8')).toBe('written before\n');
  });

  it('follows a symlink: the target gets the trace, the link stays a link', () => {
    const target = path('target.jsonl');
    const link = path('link.jsonl');
    writeFileSync(target, 'old\n');
    symlinkSync('target.jsonl', link);
    expect(raftsim(['run', '--seed', '3', '--duration', '1s', '--trace', link]).status).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('target.jsonl');
    expect(readFileSync(target, 'utf8')).toBe(readFileSync(traceFile('seed-3.jsonl'), 'utf8'));
  });

  it.runIf(process.platform !== 'win32')('writes into a FIFO that another process reads as it goes', async () => {
    const fifo = path('trace.fifo');
    const received = path('received.jsonl');
    execFileSync('mkfifo', [fifo]);
    const sink = openSync(received, 'w');
    const reader = spawn('cat', [fifo], { stdio: ['ignore', sink, 'inherit'] });
    const finished = new Promise<number | null>((resolve) => reader.on('close', resolve));
    const result = raftsim(['run', '--seed', '3', '--duration', '1s', '--trace', fifo]);
    expect(await finished).toBe(0);
    closeSync(sink);
    expect(result.status).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readFileSync(received, 'utf8')).toBe(readFileSync(traceFile('seed-3.jsonl'), 'utf8'));
  });
});

describe('an output that is an input, or another output, is refused before anything runs', () => {
  it('report run.jsonl --html run.jsonl, also through a hard link, leaves the trace as it was', () => {
    const trace = path('input.jsonl');
    copyFileSync(traceFile('seed-3.jsonl'), trace);
    const before = readFileSync(trace);
    expectUsageError(['report', trace, '--html', trace], `--html ${trace} would overwrite the trace file ${trace}`);
    const hard = path('input-hard.jsonl');
    linkSync(trace, hard);
    expectUsageError(['report', trace, '--html', hard], 'would overwrite the trace file');
    expect(readFileSync(trace).equals(before)).toBe(true);
  });

  it('replay s.yaml --trace s.yaml, and shrink and run with their --scenario file', () => {
    const scenario = path('split.yaml');
    writeFileSync(scenario, raftsim(['scenarios', 'show', 'split-vote']).stdout);
    const before = readFileSync(scenario, 'utf8');
    expectUsageError(['replay', scenario, '--trace', scenario], `--trace ${scenario} would overwrite the scenario file ${scenario}`);
    expectUsageError(['run', '--scenario', scenario, '--report', scenario], 'would overwrite the scenario file');
    expectUsageError(['shrink', '--scenario', scenario, '--out', scenario], `--out ${scenario} would overwrite the scenario file`);
    expect(readFileSync(scenario, 'utf8')).toBe(before);
  });

  it('explore --scenario s.json --stats s.json, before its million seeds', () => {
    const scenario = path('split.json');
    writeFileSync(scenario, JSON.stringify(parse(raftsim(['scenarios', 'show', 'split-vote']).stdout)));
    const before = readFileSync(scenario, 'utf8');
    expectUsageError(['explore', '--seeds', '1000000', '--scenario', scenario, '--stats', scenario], `--stats ${scenario} would overwrite --scenario ${scenario}`);
    expect(readFileSync(scenario, 'utf8')).toBe(before);
  });

  it('an --impl module given as an output', () => {
    const module = path('minimal-raft.js');
    copyFileSync(join(ROOT, 'examples', 'minimal-raft.js'), module);
    expectUsageError(['run', '--impl', module, '--trace', module], `--trace ${module} would overwrite --impl ${module}`);
  });

  it('two outputs in one file: run --trace f --report f, experiment --csv f --html f', () => {
    const file = path('both.out');
    expectUsageError(['run', '--trace', file, '--report', file], `--trace ${file} and --report ${file} are the same file`);
    expectUsageError(['experiment', 'election-timing', '--csv', file, '--html', file], 'are the same file');
    expect(existsSync(file)).toBe(false);
  });

  it('explore --out a folder holding its own --scenario under a name it writes', () => {
    const folder = path('failures-with-input');
    mkdirSync(folder);
    const scenario = join(folder, 'seed-1.yaml');
    writeFileSync(scenario, raftsim(['scenarios', 'show', 'split-vote']).stdout);
    expectUsageError(['explore', '--seeds', '1000000', '--scenario', scenario, '--out', folder], `--out ${folder} holds seed-1.yaml, which is --scenario ${scenario}`);
  });
});

describe('explore --out: one exploration at a time per folder', () => {
  it('a second run is refused naming the lock and the pid; a lock left by a killed run is taken over', async () => {
    const folder = path('shared');
    const lock = join(folder, LOCK);
    const first = spawn(process.execPath, [CLI, 'explore', '--seeds', '100000', '--bug', 'double-vote', '--out', folder], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise((resolve) => first.on('exit', resolve));
    try {
      for (let wait = 0; wait < 600 && !existsSync(lock); wait++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(existsSync(lock)).toBe(true);
      expectUsageError(['explore', '--seeds', '2', '--bug', 'double-vote', '--out', folder], `--out ${folder} is in use by another raftsim explore (pid ${first.pid}, lock ${lock})`);
    } finally {
      first.kill('SIGKILL');
      await exited;
    }
    // Killed, the first run could not remove its lock: the next run finds it stale and takes the folder.
    expect(existsSync(lock)).toBe(true);
    const next = raftsim(['explore', '--seeds', '3', '--bug', 'double-vote', '--out', folder, '--json']);
    expect(next.status, next.stderr).toBe(1);
    for (const failure of JSON.parse(next.stdout).failed) {
      const trailer = JSON.parse(readFileSync(failure.trace, 'utf8').trimEnd().split('\n').pop()!);
      expect(trailer.traceHash).toBe(failure.traceHash);
    }
    expect(existsSync(lock)).toBe(false);
  });
});
