import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { raftsim } from './cli-process.js';

// eslint-disable-next-line no-control-regex -- what a terminal would obey must never be echoed to it
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

function expectOneSafeLine(args: string[], says: RegExp): void {
  const result = raftsim(args);
  expect(result.status, result.stderr).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(says);
  expect(result.stderr).not.toMatch(CONTROL);
}

describe('raftsim report and replay given a file that is not what they read', () => {
  const folder = mkdtempSync(join(tmpdir(), 'raftsim-hostile-'));
  const trace = join(folder, 'run.jsonl');

  beforeAll(() => {
    expect(raftsim(['run', '--seed', '3', '--duration', '1s', '--trace', trace, '--json']).status).toBe(0);
  });

  it('a gzip-compressed trace is named as such, in one line, with none of its bytes', () => {
    writeFileSync(join(folder, 'run.jsonl.gz'), gzipSync(readFileSync(trace)));
    expectOneSafeLine(['report', join(folder, 'run.jsonl.gz'), '--html', join(folder, 'gz.html')], /: not a text file but a gzip-compressed file: decompress it first \(gunzip\), not a raftsim trace$/);
  });

  it('a binary file, given as a trace or as a scenario, is named as not text, in one line', () => {
    const noise = Uint8Array.from({ length: 2048 }, (_, index) => (index * 37 + 11) % 256);
    writeFileSync(join(folder, 'noise.jsonl'), noise);
    writeFileSync(join(folder, 'noise.yaml'), noise);
    expectOneSafeLine(['report', join(folder, 'noise.jsonl'), '--html', join(folder, 'noise.html')], /: not a text file: it holds the control byte 0x[0-9a-f]{2} at byte offset \d+/);
    expectOneSafeLine(['replay', join(folder, 'noise.yaml')], /noise\.yaml: not a text file/);
  });

  it('a trace whose line endings became CRLF is read and verified as the trace it is', () => {
    const crlf = join(folder, 'crlf.jsonl');
    writeFileSync(crlf, readFileSync(trace, 'utf8').replace(/\n/g, '\r\n'));
    const result = raftsim(['report', crlf, '--html', join(folder, 'crlf.html')]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/trace [0-9a-f]{16} verified/);
  });

  it('a flag value or an unknown flag full of terminal controls is quoted escaped', () => {
    expectOneSafeLine(['run', '--bug', '\u001b[2J\u001b]0;owned\u0007'], /--bug must name a known bug .*got "\\x1b\[2J\\x1b\]0;owned\\x07"$/);
    expectOneSafeLine(['run', '--scenario', `\u001b[31m${'x'.repeat(3000)}.yaml`], /\\x1b\[31mxxx.*\(3010 characters\): cannot read it/);
    expectOneSafeLine(['run', '--\u001b[31mred'], /Unknown argument/);
  });
});
