import { accessSync, closeSync, constants, mkdirSync, openSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from './arguments.js';

/** Checks, before any work, that files can be written into `folder` (creating it if need be). */
export function prepareFolder(folder: string, flag: string): void {
  try {
    if (statSync(folder, { throwIfNoEntry: false })?.isFile() === true) throw new UsageError(`--${flag} ${folder} is a file, not a folder`);
    mkdirSync(folder, { recursive: true });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--${flag} ${folder}: cannot create the folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Checks, before any work, that `path` can be written as a file. */
export function prepareFile(path: string, flag: string): void {
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === true) throw new UsageError(`--${flag} ${path} is a folder, not a file`);
    mkdirSync(dirname(path), { recursive: true });
    accessSync(dirname(path), constants.W_OK);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--${flag} ${path}: cannot write there (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** What a file is made of: its whole text, or a function that writes it piece by piece (a file too large to hold). */
export type FileContent = string | ((write: (piece: string | Uint8Array) => void) => void);

/** Writes a whole file or nothing: the content goes to a temporary file beside it, then is renamed into place. */
export function writeFileAtomically(path: string, content: FileContent): void {
  const temporary = `${path}.${process.pid}.partial`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    if (typeof content === 'string') writeFileSync(temporary, content);
    else writePieces(temporary, content);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    // A failure of the file system is the user's to fix; anything else is a bug, and keeps its stack.
    if (code === undefined) throw error;
    throw new UsageError(`cannot write ${path} (${code})`);
  }
}

function writePieces(path: string, content: (write: (piece: string | Uint8Array) => void) => void): void {
  const file = openSync(path, 'w');
  try {
    content((piece) => {
      const bytes = typeof piece === 'string' ? Buffer.from(piece) : piece;
      // A write may take fewer bytes than it is given; each round must take some.
      for (let written = 0; written < bytes.length; ) {
        const taken = writeSync(file, bytes, written, bytes.length - written);
        if (taken <= 0) throw new Error(`writing ${path} made no progress`);
        written += taken;
      }
    });
  } finally {
    closeSync(file);
  }
}
