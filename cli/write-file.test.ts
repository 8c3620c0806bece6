import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, closeSync, existsSync, openSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from './arguments.js';
import { describeOutput, openOutputFile, outputTarget, prepareFile, prepareFolder, writeOutputFile } from './write-file.js';

const workspace = mkdtempSync(join(tmpdir(), 'raftsim-write-file-'));

function leftovers(folder: string): string[] {
  return readdirSync(folder).filter((name) => name.endsWith('.partial'));
}

/** A fresh folder per test, so that the leftovers of one cannot pass for another's. */
function folder(name: string): string {
  const path = join(workspace, name);
  mkdirSync(path);
  return path;
}

describe('writeOutputFile: regular files whole or not at all', () => {
  it('creates a new file, and its folder, with exactly the text', () => {
    const path = join(folder('new'), 'deeper', 'run.jsonl');
    writeOutputFile(path, 'one\ntwo\n');
    expect(readFileSync(path, 'utf8')).toBe('one\ntwo\n');
    expect(leftovers(join(workspace, 'new', 'deeper'))).toEqual([]);
  });

  it('replaces an existing file as a new file, keeping its permissions', () => {
    const place = folder('replace');
    const path = join(place, 'run.jsonl');
    writeFileSync(path, 'old text that is longer than the new one\n');
    chmodSync(path, 0o640);
    const before = statSync(path).ino;
    writeOutputFile(path, 'new\n');
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(statSync(path).mode & 0o777).toBe(0o640);
    // A new inode: the old file was renamed over, not truncated in place, so no reader saw half of it.
    expect(statSync(path).ino).not.toBe(before);
    expect(leftovers(place)).toEqual([]);
  });

  it('leaves the old file untouched and no temporary file when the write fails', () => {
    const place = folder('fails');
    const path = join(place, 'run.jsonl');
    writeFileSync(path, 'precious\n');
    // A folder where the temporary file would go makes opening it fail, whoever runs the test.
    mkdirSync(`${path}.${process.pid}.partial`);
    expect(() => writeOutputFile(path, 'new\n')).toThrow(UsageError);
    expect(() => writeOutputFile(path, 'new\n')).toThrow(`cannot write ${path} (`);
    expect(readFileSync(path, 'utf8')).toBe('precious\n');
  });

  it('follows a symlink: the target is replaced, the link stays a link', () => {
    const place = folder('symlink');
    const target = join(place, 'target.jsonl');
    const link = join(place, 'link.jsonl');
    writeFileSync(target, 'old\n');
    symlinkSync('target.jsonl', link);
    writeOutputFile(link, 'new\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('target.jsonl');
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(leftovers(place)).toEqual([]);
  });

  it('follows a dangling symlink to the file it names, creating that file', () => {
    const place = folder('dangling');
    const link = join(place, 'link.jsonl');
    symlinkSync('made/by/the/write.jsonl', link);
    writeOutputFile(link, 'text\n');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(place, 'made/by/the/write.jsonl'), 'utf8')).toBe('text\n');
  });

  it('refuses a folder, naming it', () => {
    const place = folder('a-folder');
    expect(() => writeOutputFile(place, 'x')).toThrow(`${place} is a folder, not a file`);
    expect(() => prepareFile(place, 'trace')).toThrow(`--trace ${place} is a folder, not a file`);
  });

  it('a file opened in pieces appears only when finished, and discarding leaves the old one', () => {
    const place = folder('pieces');
    const path = join(place, 'run.jsonl');
    writeFileSync(path, 'old\n');
    const kept = openOutputFile(path);
    kept.write('a\n');
    kept.write('b\n');
    expect(readFileSync(path, 'utf8')).toBe('old\n');
    kept.finish();
    expect(readFileSync(path, 'utf8')).toBe('a\nb\n');
    const dropped = openOutputFile(path);
    dropped.write('half');
    dropped.discard();
    expect(readFileSync(path, 'utf8')).toBe('a\nb\n');
    expect(leftovers(place)).toEqual([]);
  });
});

describe('writeOutputFile: devices, FIFOs and standard output are written in place', () => {
  it('names -, /dev/stdout and /dev/fd/1 standard output, and a device direct', () => {
    for (const name of ['-', '/dev/stdout', '/dev/fd/1']) expect(outputTarget(name)).toEqual({ kind: 'standard-output' });
    expect(describeOutput('-')).toBe('standard output');
    if (existsSync('/dev/null')) expect(outputTarget('/dev/null')).toEqual({ kind: 'direct', path: '/dev/null' });
  });

  it.runIf(existsSync('/dev/null'))('writes to /dev/null, which stays a device', () => {
    writeOutputFile('/dev/null', 'discarded\n');
    prepareFile('/dev/null', 'trace');
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
  });

  it.runIf(existsSync('/dev/full'))('a full device is one clear error, and /dev/full stays a device', () => {
    expect(() => writeOutputFile('/dev/full', 'x'.repeat(100_000))).toThrow('cannot write /dev/full (ENOSPC: no space left on device)');
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it.runIf(process.platform !== 'win32')('writes into a FIFO that a reader drains as it goes, and the FIFO stays one', async () => {
    const fifo = join(folder('fifo'), 'trace.jsonl');
    execFileSync('mkfifo', [fifo]);
    // The reader writes to a file: this process is blocked while it writes, and could not drain a pipe.
    const received = join(workspace, 'fifo', 'received');
    const sink = openSync(received, 'w');
    const reader = spawn('cat', [fifo], { stdio: ['ignore', sink, 'inherit'] });
    const done = new Promise((resolve) => reader.on('close', resolve));
    // Larger than a pipe's buffer, so the writer has to wait for the reader more than once.
    const text = 'line of the trace\n'.repeat(20_000);
    writeOutputFile(fifo, text);
    expect(await done).toBe(0);
    closeSync(sink);
    expect(readFileSync(received, 'utf8')).toBe(text);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });
});

describe('prepareFolder', () => {
  it('creates a folder, and refuses a file or standard output', () => {
    const place = join(workspace, 'prepared', 'inner');
    prepareFolder(place, 'out');
    expect(statSync(place).isDirectory()).toBe(true);
    const file = join(workspace, 'prepared', 'file');
    writeFileSync(file, '');
    expect(() => prepareFolder(file, 'out')).toThrow(`--out ${file} is a file, not a folder`);
    expect(() => prepareFolder('-', 'out')).toThrow('--out names a folder');
    if (existsSync('/dev/null')) expect(() => prepareFolder('/dev/null', 'out')).toThrow('--out /dev/null is a device or FIFO, not a folder');
  });
});
