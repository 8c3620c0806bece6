import { accessSync, constants, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

/** Writes a whole file or nothing: the text goes to a temporary file beside it, then is renamed into place. */
export function writeFileAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.partial`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new UsageError(`cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
