import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { raftsim } from './cli-process.js';
import { expectUsageError } from './usage-error.js';

const workspace = mkdtempSync(join(tmpdir(), 'raftsim-trace-'));

describe('raftsim run --trace and --report', () => {
  it('two processes write the same trace file, byte for byte, and its trailer holds the run’s trace hash', () => {
    const first = join(workspace, 'first.jsonl');
    const second = join(workspace, 'second.jsonl');
    const one = raftsim(['run', '--seed', '81723', '--duration', '3s', '--json', '--trace', first]);
    const two = raftsim(['run', '--seed', '81723', '--duration', '3s', '--trace', second]);
    expect(one.status).toBe(0);
    expect(two.status).toBe(0);
    expect(two.stdout).toContain(`wrote ${second}`);
    const bytes = readFileSync(first);
    expect(bytes.length).toBeGreaterThan(10_000);
    expect(bytes.equals(readFileSync(second))).toBe(true);
    const lines = bytes.toString('utf8').trimEnd().split('\n');
    expect(JSON.parse(lines[lines.length - 1]!).traceHash).toBe(JSON.parse(one.stdout).traceHash);
  });

  it('replay writes a trace too, and report builds the same explorer from it offline, exiting as the run did', () => {
    const trace = join(workspace, 'double-vote.jsonl');
    const direct = join(workspace, 'double-vote-direct.html');
    expect(raftsim(['run', '--seed', '1', '--bug', 'double-vote', '--trace', trace, '--report', direct]).status).toBe(1);
    const html = join(workspace, 'double-vote.html');
    const report = raftsim(['report', trace, '--html', html]);
    expect(report.status).toBe(1);
    expect(report.stdout).toMatch(/^wrote .*double-vote\.html: seed 1, \d+ records, trace [0-9a-f]{16} verified, a check failed/);
    expect(readFileSync(html, 'utf8')).toBe(readFileSync(direct, 'utf8'));
    expect(readFileSync(html, 'utf8')).toMatch(/^<!doctype html>/);
    expect(readFileSync(html, 'utf8')).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);

    const scenario = join(workspace, 'split.yaml');
    writeFileSync(scenario, raftsim(['scenarios', 'show', 'split-vote']).stdout);
    const replayed = join(workspace, 'replayed.jsonl');
    expect(raftsim(['replay', scenario, '--trace', replayed]).status).toBe(0);
    const defaultHtml = raftsim(['report', replayed]);
    expect(defaultHtml.status).toBe(0);
    expect(existsSync(join(workspace, 'replayed.html'))).toBe(true);
  });

  it('refuses a trace file that was changed, is not JSON, has another version or lacks a field: one line, exit 2', () => {
    const trace = join(workspace, 'good.jsonl');
    expect(raftsim(['run', '--scenario', 'leader-crash', '--trace', trace]).status).toBe(0);
    const lines = readFileSync(trace, 'utf8').trimEnd().split('\n');
    const write = (name: string, content: string[]) => {
      const path = join(workspace, name);
      writeFileSync(path, `${content.join('\n')}\n`);
      return path;
    };
    const edited = lines.slice();
    edited[20] = edited[20]!.replace(/"t":(\d+)/, (_, time) => `"t":${Number(time) + 1}`);
    const editedFile = write('edited.jsonl', edited);
    expectUsageError(['report', editedFile], `${editedFile}: content hash mismatch`);
    const notJson = lines.slice();
    notJson[6] = 'garbage';
    const notJsonFile = write('not-json.jsonl', notJson);
    expectUsageError(['report', notJsonFile], `${notJsonFile}:7: not JSON`);
    const header = JSON.parse(lines[0]!);
    const versionFile = write('version.jsonl', [JSON.stringify({ ...header, version: 9 }), ...lines.slice(1)]);
    expectUsageError(['report', versionFile], `${versionFile}:1: trace format version 9 is not supported`);
    const missing = lines.slice();
    missing[3] = missing[3]!.replace(/,"node":\d+/, '');
    const missingFile = write('missing.jsonl', missing);
    expectUsageError(['report', missingFile], `${missingFile}:4: the record is missing "node"`);
    expectUsageError(['report', join(workspace, 'absent.jsonl')], 'absent.jsonl: cannot read it (no such file)');
    expect(existsSync(join(workspace, 'edited.html'))).toBe(false);
  });

  it('a --trace or --report path that cannot be written is refused before the run, and nothing is left half-written', () => {
    const folder = join(workspace, 'a-folder');
    mkdirSync(folder);
    expectUsageError(['run', '--trace', folder], `--trace ${folder} is a folder, not a file`);
    expectUsageError(['run', '--report', folder], `--report ${folder} is a folder, not a file`);
    expect(readdirSync(workspace).some((name) => name.endsWith('.partial'))).toBe(false);
  });
});

describe('raftsim explore --out', () => {
  it('writes a trace and an explorer report for each failing seed, with or without --shrink', () => {
    const folder = join(workspace, 'failures');
    const result = raftsim(['explore', '--seeds', '3', '--bug', 'double-vote', '--out', folder, '--json']);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.failed.length).toBeGreaterThan(0);
    for (const failure of report.failed) {
      expect(failure.report).toBe(join(folder, `seed-${failure.seed}.html`));
      expect(failure.trace).toBe(join(folder, `seed-${failure.seed}.jsonl`));
      expect(readFileSync(failure.report, 'utf8')).toContain('election-safety');
      const trailer = JSON.parse(readFileSync(failure.trace, 'utf8').trimEnd().split('\n').pop()!);
      expect(trailer.traceHash).toBe(failure.traceHash);
    }
    const text = raftsim(['explore', '--seeds', '2', '--bug', 'double-vote', '--out', folder]);
    expect(text.stdout).toMatch(/explorer: .*seed-\d+\.html \(trace .*seed-\d+\.jsonl\)/);
  });
});
