/** Runs the built CLI in a separate process, as a user or a CI job would. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function raftsim(args: readonly string[], env: Record<string, string | undefined> = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface CliRunIn extends CliRun {
  /** Whether the run was stopped for taking longer than it was given. */
  readonly timedOut: boolean;
}

/**
 * Runs the built CLI in `cwd` without blocking the test process, so that independent runs overlap; a run
 * past `timeoutMs` is killed and reported as timed out. Output is read as bytes and decoded at the end.
 */
export function raftsimIn(cwd: string, args: readonly string[], timeoutMs: number): Promise<CliRunIn> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, timedOut, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') });
    });
  });
}

/** A Node stack trace in a process's stderr: frames ("    at f (file:1:2)") or an uncaught error's header. */
export function stackTraceIn(stderr: string): string | undefined {
  return /^\s+at .*|^\w*Error(?: \[\w+\])?: .*|^node:internal.*/m.exec(stderr)?.[0];
}

/** Splits a printed replay command ("npx raftsim run --seed 3 …") into the CLI's arguments. */
export function replayArguments(replay: string): string[] {
  const words = replay.trim().split(/\s+/);
  if (words[0] !== 'npx' || words[1] !== 'raftsim') throw new Error(`not a raftsim command: ${replay}`);
  return words.slice(2);
}
