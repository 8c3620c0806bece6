import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
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

/** Writes a whole file or nothing: the text goes to a temporary file beside it, then is renamed into place. */
export function writeFileAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.partial`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
