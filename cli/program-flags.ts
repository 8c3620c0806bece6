/**
 * --impl-cmd and --impl-timeout: a Raft node in any language, run as a program that speaks the node
 * protocol (docs/protocol.md). The command is checked here, before anything starts: it must split into
 * words as a shell would split a simple command, and it excludes --impl and --bug.
 */
import { DEFAULT_PROGRAM_TIMEOUT_MS, splitCommand } from '../bridge/index.js';
import { quoted } from '../sim/printable.js';
import { chooseImplementation, parseDuration, parseWholeNumber, UsageError } from './arguments.js';
import type { ImplementationSource, ProgramSource } from './isolation/protocol.js';

export const PROGRAM_FLAGS = {
  'impl-cmd': {
    type: 'string',
    nargs: 1,
    requiresArg: true,
    describe: 'run a Raft node written in any language: a program speaking the node protocol on its standard input and output, one process per node (see docs/protocol.md), such as "python3 my_raft.py"',
  },
  'impl-timeout': {
    type: 'string',
    nargs: 1,
    requiresArg: true,
    describe: `with --impl-cmd: the longest the program may take to answer one call, or to start, in milliseconds (default ${DEFAULT_PROGRAM_TIMEOUT_MS}; 5s and 500ms work too)`,
  },
} as const;

/** The flags that choose the implementation under test, as a command received them. */
export interface ImplementationFlags {
  readonly bug?: unknown;
  readonly impl?: unknown;
  readonly implCmd?: unknown;
  readonly implTimeout?: unknown;
}

/** The longest --impl-timeout: an hour, past which a program that does not answer is better called hung. */
const MAX_TIMEOUT_MS = 3_600_000;

/** Which implementation the flags name, checked without starting or loading anything. */
export function implementationSource(flags: ImplementationFlags): ImplementationSource {
  for (const [flag, value] of [['impl-cmd', flags.implCmd], ['impl-timeout', flags.implTimeout]] as const) {
    if (Array.isArray(value)) throw new UsageError(`--${flag} was given ${value.length} times; give it once`);
  }
  const given = (value: unknown): boolean => value !== undefined && value !== null;
  if (given(flags.implTimeout) && !given(flags.implCmd)) throw new UsageError('--impl-timeout needs --impl-cmd: it is how long a program may take to answer');
  if (given(flags.implCmd)) {
    if (given(flags.impl)) throw new UsageError('--impl-cmd cannot be combined with --impl: each names the implementation under test');
    if (given(flags.bug)) throw new UsageError('--bug cannot be combined with --impl-cmd: --bug switches a known bug on in the reference core');
    return { bug: null, implPath: null, program: programSource(flags.implCmd, flags.implTimeout) };
  }
  if (!given(flags.impl)) return { bug: chooseImplementation(flags.bug).bug, implPath: null, program: null };
  if (given(flags.bug)) throw new UsageError('--bug cannot be combined with --impl: --bug switches a known bug on in the reference core');
  return { bug: null, implPath: String(flags.impl), program: null };
}

function programSource(command: unknown, timeout: unknown): ProgramSource {
  const text = String(command);
  const split = splitCommand(text);
  if (!split.ok) throw new UsageError(`--impl-cmd ${quoted(text)}: ${split.problem}`);
  return { command: text, timeoutMs: timeout === undefined || timeout === null ? DEFAULT_PROGRAM_TIMEOUT_MS : parseTimeout(timeout) };
}

function parseTimeout(value: unknown): number {
  const text = String(value).trim();
  const ms = /^\d+$/.test(text) ? parseWholeNumber('impl-timeout', text, 1, MAX_TIMEOUT_MS) : parseDuration('impl-timeout', text);
  if (ms > MAX_TIMEOUT_MS) throw new UsageError(`--impl-timeout must be at most ${MAX_TIMEOUT_MS} ms (an hour), got ${quoted(text)}`);
  return ms;
}
