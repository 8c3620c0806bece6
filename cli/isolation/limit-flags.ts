/** --seed-timeout, --seed-memory and --workers: the limits every isolated job runs under, and how many run at once. */
import { availableParallelism, totalmem } from 'node:os';
import { parseDuration, parseWholeNumber } from '../arguments.js';
import { DEFAULT_SEED_TIMEOUT_MS, defaultSeedMemoryMb } from './isolated-runner.js';
import type { IsolationLimits } from './isolated-runner.js';

export const ISOLATION_FLAGS = {
  'seed-timeout': {
    type: 'string',
    nargs: 1,
    requiresArg: true,
    describe: 'wall time a seed may go without its simulation moving on before it fails as a hang: 60s (default), 500ms, 2m',
  },
  'seed-memory': {
    type: 'string',
    nargs: 1,
    requiresArg: true,
    describe: 'heap of each thread running the implementation, in MiB, before its seed fails as out-of-memory (default: half the machine shared among the workers, each 256–4096)',
  },
} as const;

export const WORKERS_FLAG = {
  workers: {
    type: 'string',
    nargs: 1,
    requiresArg: true,
    describe: 'seeds run at once, each in a worker thread of its own; the result is the same for any number (default: the cores available)',
  },
} as const;

/** Workers at once, at most: far more than any machine's cores, and few enough that their heaps stay sane. */
export const MAX_WORKERS = 256;

/** --workers, or the cores available; never more than there are seeds to run. */
export function parseWorkers(value: unknown, seeds: number): number {
  const asked = value === undefined ? availableParallelism() : parseWholeNumber('workers', value, 1, MAX_WORKERS);
  return Math.max(1, Math.min(asked, seeds));
}

export function parseIsolationLimits(seedTimeout: unknown, seedMemory: unknown, workers = 1): IsolationLimits {
  return {
    seedTimeoutMs: seedTimeout === undefined ? DEFAULT_SEED_TIMEOUT_MS : parseDuration('seed-timeout', seedTimeout),
    seedMemoryMb: seedMemory === undefined ? defaultSeedMemoryMb(workers) : parseWholeNumber('seed-memory', seedMemory, 16, 1_048_576),
  };
}

/** A warning when the workers' heaps together may outgrow the machine: the limit is each worker's, not the run's. */
export function memoryWarning(limits: IsolationLimits, workers: number): string | null {
  const machineMb = Math.floor(totalmem() / (1024 * 1024));
  const together = limits.seedMemoryMb * workers;
  if (together <= machineMb) return null;
  return `--seed-memory ${limits.seedMemoryMb} is each worker's heap: ${workers} workers may use ${together} MiB together, more than the machine's ${machineMb} MiB`;
}
