/**
 * A lock on an output folder, so that two runs writing `seed-N` files into one folder at once cannot
 * leave one run's report pointing at the other's files. The lock is a file in the folder naming the
 * process that holds it; it is created whole (written aside, then linked into place, which fails if a
 * lock is there) and removed when the process exits. A lock whose process is gone (killed, or the
 * machine restarted) is taken over.
 */
import { hostname } from 'node:os';
import { join } from 'node:path';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { UsageError } from './arguments.js';
import { errorCode, prepareFolder } from './write-file.js';

export const LOCK_FILE_NAME = '.raftsim.lock';

/** Enough rounds for a lock released or taken over between two looks; more means something else is wrong. */
const LOCK_ATTEMPTS = 5;

interface Holder {
  readonly pid: number;
  readonly host: string;
}

/**
 * Prepares `folder` and locks it for this process until it exits; a folder locked by a live process is
 * a UsageError naming the lock and the process.
 */
export function claimFolder(folder: string, flag: string, command: string): void {
  prepareFolder(folder, flag);
  const lock = join(folder, LOCK_FILE_NAME);
  const ours: Holder = { pid: process.pid, host: hostname() };
  for (let attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
    if (tryCreateLock(lock, ours, flag)) {
      process.once('exit', () => releaseLock(lock, ours));
      return;
    }
    const holder = readHolder(lock);
    if (holder === undefined) continue;
    if (holder !== null && isAlive(holder)) {
      const where = holder.host === ours.host ? '' : ` on ${holder.host}`;
      throw new UsageError(`--${flag} ${folder} is in use by another raftsim ${command} (pid ${holder.pid}${where}, lock ${lock}): wait for it to finish or choose another folder`);
    }
    removeStaleLock(lock, holder);
  }
  throw new UsageError(`--${flag} ${folder}: the lock ${lock} kept changing hands; try again`);
}

/** Creates the lock whole, or returns false if one is there. */
function tryCreateLock(lock: string, ours: Holder, flag: string): boolean {
  try {
    createWhole(lock, `${JSON.stringify(ours)}\n`);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw new UsageError(`--${flag}: cannot create the lock ${lock} (${errorCode(error)})`);
  }
}

/** Where hard links are not supported, an exclusive create stands in (a crash may then leave it empty). */
const LINKS_UNSUPPORTED = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/** Creates `path` with its content already in it, failing with EEXIST if it is there. */
function createWhole(path: string, content: string): void {
  const aside = `${path}.${process.pid}.partial`;
  try {
    writeFileSync(aside, content);
    linkSync(aside, path);
  } catch (error) {
    if (!LINKS_UNSUPPORTED.has(errorCode(error))) throw error;
    writeFileSync(path, content, { flag: 'wx' });
  } finally {
    rmSync(aside, { force: true });
  }
}

/** The lock's holder; null for a lock that does not name one, undefined when the lock is gone. */
function readHolder(lock: string): Holder | null | undefined {
  let text: string;
  try {
    text = readFileSync(lock, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const holder = JSON.parse(text) as Partial<Holder>;
    return Number.isSafeInteger(holder.pid) && typeof holder.host === 'string' ? { pid: holder.pid!, host: holder.host } : null;
  } catch {
    return null;
  }
}

/** Whether the holder runs; one on another machine cannot be asked, so it is taken to. */
function isAlive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/**
 * Moves a stale lock aside and deletes it. Two runs may find the same stale lock; whichever moves it
 * second may have moved the first one's new lock instead, and puts it back.
 */
function removeStaleLock(lock: string, stale: Holder | null): void {
  const aside = `${lock}.${process.pid}.stale`;
  try {
    renameSync(lock, aside);
  } catch {
    return;
  }
  const moved = readHolder(aside);
  const same = stale === null ? moved === null : moved !== null && moved !== undefined && moved.pid === stale.pid && moved.host === stale.host;
  if (!same) {
    try {
      linkSync(aside, lock);
    } catch {
      // A third run took the lock meanwhile: it holds the folder now.
    }
  }
  rmSync(aside, { force: true });
}

/** Removes the lock if it is still this process's. */
function releaseLock(lock: string, ours: Holder): void {
  const holder = readHolder(lock);
  if (holder !== null && holder !== undefined && holder.pid === ours.pid && holder.host === ours.host) rmSync(lock, { force: true });
}
