/** Warnings: something the run can do but the user should know, one line each on stderr, with no effect on the exit code. */
import type { Output } from './terminal.js';

export function warn(output: Output, problem: string | null): void {
  if (problem !== null) output.err(`raftsim: warning: ${problem}`);
}
