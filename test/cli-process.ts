/** Runs the built CLI in a separate process, as a user or a CI job would. */
import { spawnSync } from 'node:child_process';
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

/** Splits a printed replay command ("npx raftsim run --seed 3 …") into the CLI's arguments. */
export function replayArguments(replay: string): string[] {
  const words = replay.trim().split(/\s+/);
  if (words[0] !== 'npx' || words[1] !== 'raftsim') throw new Error(`not a raftsim command: ${replay}`);
  return words.slice(2);
}
