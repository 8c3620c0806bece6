import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claimFolder, LOCK_FILE_NAME } from './folder-lock.js';

const workspace = mkdtempSync(join(tmpdir(), 'raftsim-folder-lock-'));

/** The pid of a process that has exited: a lock naming it is stale. */
function deadPid(): number {
  return Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }));
}

function holderOf(folder: string): unknown {
  return JSON.parse(readFileSync(join(folder, LOCK_FILE_NAME), 'utf8'));
}

describe('claimFolder: one run at a time writes into a folder', () => {
  it('creates the folder and a lock naming this process, and leaves nothing else', () => {
    const folder = join(workspace, 'fresh');
    claimFolder(folder, 'out', 'explore');
    expect(holderOf(folder)).toEqual({ pid: process.pid, host: hostname() });
    expect(readdirSync(folder)).toEqual([LOCK_FILE_NAME]);
  });

  it('refuses a folder locked by a live process, naming the folder, the process and the lock', () => {
    const folder = join(workspace, 'held');
    claimFolder(folder, 'out', 'explore');
    // This very process is alive; a second claim sees the first one's lock.
    expect(() => claimFolder(folder, 'out', 'explore')).toThrow(
      `--out ${folder} is in use by another raftsim explore (pid ${process.pid}, lock ${join(folder, LOCK_FILE_NAME)}): wait for it to finish or choose another folder`,
    );
  });

  it('refuses a lock from another machine, which it cannot ask', () => {
    const folder = join(workspace, 'remote');
    mkdirSync(folder);
    writeFileSync(join(folder, LOCK_FILE_NAME), JSON.stringify({ pid: 1, host: `not-${hostname()}` }));
    expect(() => claimFolder(folder, 'out', 'explore')).toThrow(`(pid 1 on not-${hostname()}, lock`);
  });

  it('takes over a lock whose process is gone, and one that names no process', () => {
    for (const stale of [JSON.stringify({ pid: deadPid(), host: hostname() }), 'not a lock']) {
      const folder = mkdtempSync(join(workspace, 'stale-'));
      writeFileSync(join(folder, LOCK_FILE_NAME), stale);
      claimFolder(folder, 'out', 'explore');
      expect(holderOf(folder)).toEqual({ pid: process.pid, host: hostname() });
      expect(readdirSync(folder)).toEqual([LOCK_FILE_NAME]);
    }
  });

  it('removes its lock when the process exits', () => {
    const folder = join(workspace, 'released');
    const script = `import('${new URL('./folder-lock.ts', import.meta.url).href}').then((lock) => lock.claimFolder(${JSON.stringify(folder)}, 'out', 'explore'))`;
    execFileSync(process.execPath, ['--import', 'tsx', '-e', script]);
    expect(existsSync(folder)).toBe(true);
    expect(existsSync(join(folder, LOCK_FILE_NAME))).toBe(false);
  });
});
