import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findNamedScenario, runScenario } from '../../scenarios/index.js';
import { parseTraceText, readTraceFile } from './read.js';
import { traceToJsonLines } from './write.js';

// eslint-disable-next-line no-control-regex -- control characters are what must not reach a terminal
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const text = traceToJsonLines(runScenario(findNamedScenario('leader-crash')!, { trace: 'full' }), 'npx raftsim run --scenario leader-crash');

function problemOf(read: ReturnType<typeof parseTraceText>): string {
  if (read.ok) throw new Error('expected the trace to be refused');
  return read.problem;
}

describe('a trace file whose line endings were converted to CRLF', () => {
  it('reads as the same trace: the hashes cover the lines, not the bytes that end them', () => {
    const read = parseTraceText(text.replace(/\n/g, '\r\n'), 'run.jsonl');
    const original = parseTraceText(text, 'run.jsonl');
    expect(read.ok && original.ok).toBe(true);
    if (!read.ok || !original.ok) return;
    expect(read.trace.events).toEqual(original.trace.events);
    expect(read.trace.trailer.traceHash).toBe(original.trace.trailer.traceHash);
    expect(read.trace.text).toBe(text);
  });

  it('still refuses a carriage return anywhere else, which is an edit', () => {
    const lines = text.split('\n');
    lines[3] = lines[3]!.replace(',', ',\r');
    expect(problemOf(parseTraceText(lines.join('\n'), 'run.jsonl'))).toMatch(/^run\.jsonl: content hash mismatch/);
  });
});

describe('what a trace file holds never reaches the terminal raw', () => {
  it('a line that is not JSON is named with its control characters escaped', () => {
    const lines = text.split('\n');
    lines[2] = '\u001b[2J\u001b]0;owned\u0007 not json';
    const problem = problemOf(parseTraceText(lines.join('\n'), 'run.jsonl'));
    expect(problem).toMatch(/^run\.jsonl:3: not JSON/);
    expect(problem).not.toMatch(CONTROL);
  });

  it('a record kind is quoted escaped and cut short', () => {
    const lines = text.split('\n');
    lines[2] = lines[2]!.replace(/"kind":"[^"]+"/, `"kind":"\\u001b[31m${'k'.repeat(5_000)}"`);
    const problem = problemOf(parseTraceText(lines.join('\n'), 'run.jsonl'));
    expect(problem).toContain('record kind "\\x1b[31mkkk');
    expect(problem).toContain('(5005 characters)');
    expect(problem).not.toMatch(CONTROL);
    expect(problem.length).toBeLessThan(400);
  });

  it('a gzip-compressed or binary file is named for what it is, in one line', () => {
    const folder = mkdtempSync(join(tmpdir(), 'raftsim-hostile-'));
    writeFileSync(join(folder, 'run.jsonl.gz'), gzipSync(text));
    writeFileSync(join(folder, 'random.jsonl'), Uint8Array.from({ length: 4096 }, (_, index) => (index * 151 + 7) % 256));
    expect(problemOf(readTraceFile(join(folder, 'run.jsonl.gz')))).toBe(`${join(folder, 'run.jsonl.gz')}: not a text file but a gzip-compressed file: decompress it first (gunzip), not a raftsim trace`);
    const binary = problemOf(readTraceFile(join(folder, 'random.jsonl')));
    expect(binary).toMatch(/: not a text file: it holds the control byte 0x[0-9a-f]{2} at byte offset \d+, not a raftsim trace$/);
  });
});
