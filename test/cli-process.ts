/** Runs the built CLI in a separate process, as a user or a CI job would. */
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = fileURLToPath(new URL('../dist/bin/raftsim.js', import.meta.url));

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

/** A CLI process running in the background, whose output can be watched while it runs. */
export interface RunningCli {
  readonly child: ChildProcess;
  /** Everything printed so far. */
  output(): { readonly stdout: string; readonly stderr: string };
  /**
   * Resolves once `seen` holds, asked at every output and every 50 ms (it may look at files too);
   * rejects after `withinMs`, or if the process ends first.
   */
  waitFor(seen: (stdout: string, stderr: string) => boolean, withinMs: number): Promise<void>;
  /** Resolves with the exit code (or the signal that ended it) and everything printed. */
  readonly exited: Promise<CliRun & { readonly signal: NodeJS.Signals | null }>;
}

export function startRaftsim(args: readonly string[], options: { readonly cwd?: string; readonly env?: Record<string, string | undefined> } = {}): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const listeners = new Set<() => void>();
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    for (const listener of listeners) listener();
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    for (const listener of listeners) listener();
  });
  const exited = new Promise<CliRun & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on('close', (status, signal) => {
      for (const listener of listeners) listener();
      resolve({ status, signal, stdout, stderr });
    });
  });
  const waitFor = (seen: (stdout: string, stderr: string) => boolean, withinMs: number): Promise<void> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (seen(stdout, stderr)) finish(null);
        else if (child.exitCode !== null || child.signalCode !== null) finish(new Error(`the process ended before the awaited output:\n${stderr}`));
      };
      const timer = setTimeout(() => finish(new Error(`the awaited output did not come within ${withinMs} ms:\n${stderr.slice(-2000)}`)), withinMs);
      const poll = setInterval(check, 50);
      const finish = (error: Error | null): void => {
        clearTimeout(timer);
        clearInterval(poll);
        listeners.delete(check);
        if (error === null) resolve();
        else reject(error);
      };
      listeners.add(check);
      check();
    });
  return { child, output: () => ({ stdout, stderr }), waitFor, exited };
}
