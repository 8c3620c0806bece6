/** What every refused command line must look like: exit 2, one line on stderr naming the problem, no stack trace. */
import { expect } from 'vitest';
import { raftsim } from './cli-process.js';

export function expectUsageError(args: string[], mentions: string): void {
  const result = raftsim(args);
  expect(result.status, args.join(' ')).toBe(2);
  const lines = result.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^raftsim: /);
  expect(lines[0]).toContain(mentions);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}
