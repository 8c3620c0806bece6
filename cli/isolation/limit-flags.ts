/** --seed-timeout and --seed-memory: the limits every isolated job runs under. */
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
    describe: 'heap of the thread running the implementation, in MiB, before a seed fails as out-of-memory (default: a quarter of the machine, 256–4096)',
  },
} as const;

export function parseIsolationLimits(seedTimeout: unknown, seedMemory: unknown): IsolationLimits {
  return {
    seedTimeoutMs: seedTimeout === undefined ? DEFAULT_SEED_TIMEOUT_MS : parseDuration('seed-timeout', seedTimeout),
    seedMemoryMb: seedMemory === undefined ? defaultSeedMemoryMb() : parseWholeNumber('seed-memory', seedMemory, 16, 1_048_576),
  };
}
