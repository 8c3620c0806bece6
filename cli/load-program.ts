/**
 * `--impl-cmd COMMAND`: the program is started, says its hello, and creates one node of a three-node
 * cluster before anything runs, as a module given with --impl is loaded and checked. A program that
 * cannot be started, exits, hangs, or answers outside the protocol at this point is bad input: one line
 * naming the command and what happened (exit 2).
 */
import { programImplementation } from '../bridge/index.js';
import type { ProgramImplementation } from '../bridge/index.js';
import { ImplementationUnreachable, SAMPLE_NODE_CONFIG } from '../core/index.js';
import { quoted } from '../sim/printable.js';
import { UsageError } from './arguments.js';
import type { ProgramSource } from './isolation/protocol.js';

export function loadProgram(source: ProgramSource): ProgramImplementation {
  const label = `--impl-cmd ${quoted(source.command)}`;
  let program: ProgramImplementation;
  try {
    program = programImplementation(source.command, { timeoutMs: source.timeoutMs });
  } catch (error) {
    throw new UsageError(`${label}: ${summary(error)}`);
  }
  try {
    const node = program.create(SAMPLE_NODE_CONFIG);
    node.close?.();
  } catch (error) {
    program.close();
    throw new UsageError(`${label}: creating a fresh node of a three-node cluster failed: ${summary(error)}`);
  }
  return program;
}

/** A failure in one line: what happened, and the last line of the program's standard error when it wrote any. */
function summary(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = error.message.split('\n');
  const what = lines[0]!.replace(/^the program `[^`]*`: /, '');
  if (!(error instanceof ImplementationUnreachable)) return what;
  const stderrAt = lines.findIndex((line) => line.startsWith('  standard error'));
  const lastStderr = stderrAt >= 0 && stderrAt < lines.length - 1 ? lines[lines.length - 1]!.trim() : null;
  return lastStderr === null ? what : `${what}; its standard error ends: ${lastStderr}`;
}
