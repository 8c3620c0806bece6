/**
 * Where output files go, and how. A regular file (or a new path) is written whole or not at all: the
 * text goes to a temporary file beside it, which is then renamed into place, so a reader never sees half
 * a file and a failed write leaves what was there. A symlink is followed: its target is replaced, the
 * link stays a link. A device or a FIFO cannot be renamed over (that would put a regular file where
 * /dev/null was), so it is opened and written directly, as is standard output, named `-`.
 */
import { accessSync, chmodSync, closeSync, constants, lstatSync, mkdirSync, openSync, readlinkSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './arguments.js';

/** The name that stands for standard output wherever a file is written. */
export const STANDARD_OUTPUT = '-';

/** Names of this process's standard output: written to as standard output, never opened again. */
const STANDARD_OUTPUT_NAMES = new Set([STANDARD_OUTPUT, '/dev/stdout', '/dev/fd/1', '/proc/self/fd/1']);

/** More links in a row than any real setup holds; the kernel's own limit is 40. */
const MAX_LINKS_FOLLOWED = 40;

export type OutputTarget =
  | { readonly kind: 'standard-output' }
  /** A device, FIFO or socket: opened and written in place. */
  | { readonly kind: 'direct'; readonly path: string }
  /** A regular file or a new path (a symlink's final target): written beside it, then renamed over it. */
  | { readonly kind: 'atomic'; readonly path: string; readonly mode: number | null };

export function isStandardOutput(path: string): boolean {
  return STANDARD_OUTPUT_NAMES.has(path);
}

/** How a path is written; throws a UsageError for a folder or a path that cannot be looked at. */
export function outputTarget(path: string, flag?: string): OutputTarget {
  if (isStandardOutput(path)) return { kind: 'standard-output' };
  const named = flag === undefined ? path : `--${flag} ${path}`;
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats?.isDirectory() === true) throw new UsageError(`${named} is a folder, not a file`);
    if (stats !== undefined && !stats.isFile()) return { kind: 'direct', path };
    return { kind: 'atomic', path: finalTarget(path), mode: stats === undefined ? null : stats.mode & 0o7777 };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${named}: cannot write there (${errorCode(error)})`);
  }
}

/** The path a chain of symlinks ends at, existing or not (a dangling link names the file to create). */
export function finalTarget(path: string): string {
  let current = resolve(path);
  for (let hop = 0; hop < MAX_LINKS_FOLLOWED; hop++) {
    const stats = lstatSync(current, { throwIfNoEntry: false });
    if (stats === undefined || !stats.isSymbolicLink()) return current;
    current = resolve(dirname(current), readlinkSync(current));
  }
  throw Object.assign(new Error(`more than ${MAX_LINKS_FOLLOWED} symlinks in a row`), { code: 'ELOOP' });
}

/** Checks, before any work, that files can be written into `folder` (creating it if need be). */
export function prepareFolder(folder: string, flag: string): void {
  if (isStandardOutput(folder)) throw new UsageError(`--${flag} names a folder for several files; standard output (${folder}) cannot be one`);
  try {
    const stats = statSync(folder, { throwIfNoEntry: false });
    if (stats !== undefined && !stats.isDirectory()) throw new UsageError(`--${flag} ${folder} is ${stats.isFile() ? 'a file' : 'a device or FIFO'}, not a folder`);
    mkdirSync(folder, { recursive: true });
    accessSync(folder, constants.W_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--${flag} ${folder}: cannot create the folder (${errorCode(error)})`);
  }
}

/** Checks, before any work, that `path` can be written as a file. */
export function prepareFile(path: string, flag: string): void {
  const target = outputTarget(path, flag);
  if (target.kind === 'standard-output') return;
  try {
    if (target.kind === 'direct') return accessSync(target.path, constants.W_OK);
    mkdirSync(dirname(target.path), { recursive: true });
    accessSync(dirname(target.path), constants.W_OK);
  } catch (error) {
    throw new UsageError(`--${flag} ${path}: cannot write there (${errorCode(error)})`);
  }
}

/** An output being written: text in pieces, then finished (or discarded, leaving what was there). */
export interface OutputFile {
  /** Writes the next piece: text (as UTF-8) or bytes. */
  write(piece: string | Uint8Array): void;
  /** Renames a regular file into place; closes a device or FIFO. */
  finish(): void;
  /** Removes the temporary file of a regular file; what went to a device or standard output stays gone. */
  discard(): void;
}

/** Opens an output for writing in pieces; every failure is a UsageError naming the path. */
export function openOutputFile(path: string): OutputFile {
  const target = outputTarget(path);
  if (target.kind === 'standard-output') {
    return { write: (text) => void process.stdout.write(text), finish: () => undefined, discard: () => undefined };
  }
  const temporary = target.kind === 'atomic' ? `${target.path}.${process.pid}.partial` : null;
  let descriptor: number | null = null;
  const fail = (error: unknown): never => {
    discard();
    throw new UsageError(`cannot write ${path} (${errorDescription(error)})`);
  };
  const discard = (): void => {
    if (descriptor !== null) closeQuietly(descriptor);
    descriptor = null;
    if (temporary !== null) removeQuietly(temporary);
  };
  try {
    if (temporary !== null) mkdirSync(dirname(temporary), { recursive: true });
    descriptor = openSync(temporary ?? target.path, 'w');
    if (target.kind === 'atomic' && target.mode !== null) chmodSync(temporary!, target.mode);
  } catch (error) {
    fail(error);
  }
  return {
    write: (piece) => {
      try {
        writeWhole(descriptor!, piece);
      } catch (error) {
        fail(error);
      }
    },
    finish: () => {
      try {
        closeSync(descriptor!);
        descriptor = null;
        if (temporary !== null) renameSync(temporary, target.path);
      } catch (error) {
        fail(error);
      }
    },
    discard,
  };
}

/** What a file is made of: its whole text, or a function that writes it piece by piece (a file too large to hold). */
export type FileContent = string | ((write: (piece: string | Uint8Array) => void) => void);

/** Writes a whole output: a regular file whole or not at all, a device, FIFO or standard output directly. */
export function writeOutputFile(path: string, content: FileContent): void {
  const file = openOutputFile(path);
  try {
    if (typeof content === 'string') file.write(content);
    else content((piece) => file.write(piece));
  } catch (error) {
    // A failure while producing the content (not a UsageError from writing) still leaves what was there.
    file.discard();
    throw error;
  }
  file.finish();
}

/** How a written output is named to the user. */
export function describeOutput(path: string): string {
  return isStandardOutput(path) ? 'standard output' : path;
}

/** writeSync may write less than asked (to a pipe, a FIFO); a bounded loop writes the rest. */
function writeWhole(descriptor: number, piece: string | Uint8Array): void {
  const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
  let written = 0;
  for (let attempt = 0; written < bytes.length && attempt <= bytes.length; attempt++) {
    written += writeSync(descriptor, bytes, written, bytes.length - written);
  }
  if (written < bytes.length) throw Object.assign(new Error('short write'), { code: 'EIO' });
}

function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // Not a file of ours (a folder in its place): left as it is.
  }
}

function closeQuietly(descriptor: number): void {
  try {
    closeSync(descriptor);
  } catch {
    // Already failing: the first error is the one worth reporting.
  }
}

export function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** "ENOSPC: no space left on device", from Node's "ENOSPC: no space left on device, write". */
function errorDescription(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message.split('\n')[0]!.split(',')[0]! : String(error);
  return code !== undefined && !message.startsWith(code) ? `${code}: ${message}` : message;
}
