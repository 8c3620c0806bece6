/**
 * Runs the golden cases with the built CLI, each in its own process, and reduces each to what is
 * pinned: the exit code, the trace hash when the command prints one, a hash of everything it printed
 * and a hash of the file it wrote. Temporary paths are replaced by `{out}` before hashing, so the
 * results depend on the command alone.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../cli-process.js';
import type { GoldenCase } from './cases.js';

export interface GoldenResult {
  readonly exitCode: number | null;
  readonly traceHash?: string;
  /** The first 16 hex digits of the SHA-256 of stdout. */
  readonly stdout: string;
  readonly file?: string;
}

export const GOLDEN_FILE = join(ROOT, 'test/golden/golden.json');
export const REWRITE_COMMAND = 'npm run golden:rewrite';

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

function runOne(golden: GoldenCase): Promise<GoldenResult> {
  const out = mkdtempSync(join(tmpdir(), 'raftsim-golden-'));
  const args = golden.args.map((arg) => arg.replaceAll('{out}', out));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, CI: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => errors.push(chunk));
    child.on('error', reject);
    child.on('close', (exitCode) => {
      try {
        const stdout = Buffer.concat(chunks).toString('utf8').replaceAll(out, '{out}');
        if (exitCode === 2) throw new Error(`golden case "${golden.name}" is bad usage: ${Buffer.concat(errors).toString('utf8').trim()}`);
        const traceHash = /^\s*\{/.test(stdout) ? (JSON.parse(stdout) as { traceHash?: unknown }).traceHash : undefined;
        const file = golden.writes === undefined ? undefined : digest(readFileSync(join(out, golden.writes), 'utf8').replaceAll(out, '{out}'));
        resolve({
          exitCode,
          ...(typeof traceHash === 'string' ? { traceHash } : {}),
          stdout: digest(stdout),
          ...(file === undefined ? {} : { file }),
        });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  });
}

/** Every case's result, by name, in the cases' order; as many processes at once as there are cores. */
export async function computeGolden(cases: readonly GoldenCase[]): Promise<Record<string, GoldenResult>> {
  const results: (GoldenResult | undefined)[] = new Array(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const index = next++;
      results[index] = await runOne(cases[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), 4)) }, worker));
  return Object.fromEntries(cases.map((golden, index) => [golden.name, results[index]!]));
}

export function goldenText(results: Record<string, GoldenResult>): string {
  return `${JSON.stringify({ rewrite: REWRITE_COMMAND, cases: results }, null, 2)}\n`;
}
