/**
 * The one command that reproduces a run, printed beside every failure. Command lines are the CLI's
 * syntax, so they are built here alone: the library reports seeds and scenarios, and the CLI, which
 * knows the flags it was given, says how to ask for the same run again.
 */
import { joinCommand, DEFAULT_PROGRAM_TIMEOUT_MS } from '../bridge/index.js';
import { arrayOf, boolean, checkArguments, integer, nullable, number, oneOf, optional, optionsOf, shaped, string } from '../core/argument-checks.js';

/** A program speaking the node protocol (--impl-cmd), and its --impl-timeout in milliseconds. */
export interface ProgramFlags {
  readonly command: string;
  readonly timeoutMs: number;
}

export interface ReplaySettings {
  readonly seed: number;
  readonly nodeCount: number | null;
  readonly durationMs: number;
  readonly bug: string | null;
  readonly faults: 'swarm' | 'none';
  /** A scenario's library name or file, when the run was of a scenario. */
  readonly scenario?: string | null;
  readonly diskFaults?: 'none' | 'lost-fsync' | 'torn-write';
  /** The swarm drew attacks (--attacks). */
  readonly attacks?: boolean;
  /** The module of another implementation (--impl), as the user named it. */
  readonly implementation?: string | null;
  /** The program of another implementation (--impl-cmd), as the user gave it. */
  readonly program?: ProgramFlags | null;
  /** The --policy flags given, repeated as they were. */
  readonly policyFlags?: readonly string[];
  /** The --liveness-within and --skip-checker flags given (see check-flags.ts). */
  readonly checkFlags?: readonly string[];
  /** The --max-events given, if one was. */
  readonly maxEvents?: number | null;
  /** The --workload flag given, repeated as it was. */
  readonly workloadFlags?: readonly string[];
}

const REPLAY_SETTINGS = optionsOf<ReplaySettings>('ReplaySettings', {
  seed: integer(0),
  nodeCount: nullable(integer(1)),
  // A scenario's run carries its own duration; callers pass 0 for it then.
  durationMs: number({ min: 0 }),
  bug: nullable(string({ nonEmpty: true })),
  faults: oneOf(['swarm', 'none']),
  scenario: optional(nullable(string({ nonEmpty: true }))),
  diskFaults: optional(oneOf(['none', 'lost-fsync', 'torn-write'])),
  attacks: optional(boolean),
  maxEvents: optional(nullable(integer(1))),
  implementation: optional(nullable(string({ nonEmpty: true }))),
  program: optional(nullable(shaped('{ command, timeoutMs }', { command: string({ nonEmpty: true }), timeoutMs: integer(1) }))),
  policyFlags: optional(arrayOf(string())),
  checkFlags: optional(arrayOf(string())),
  workloadFlags: optional(arrayOf(string())),
});

export function replayCommand(settings: ReplaySettings): string {
  checkArguments('replayCommand', ['settings', settings, REPLAY_SETTINGS]);
  const parts = ['npx raftsim run'];
  if (settings.scenario !== undefined && settings.scenario !== null) {
    parts.push(`--scenario ${quoteIfNeeded(settings.scenario)}`, `--seed ${settings.seed}`);
  } else {
    parts.push(`--seed ${settings.seed}`);
    if (settings.nodeCount !== null) parts.push(`--nodes ${settings.nodeCount}`);
    parts.push(`--duration ${formatDuration(settings.durationMs)}`);
    if (settings.faults !== 'swarm') parts.push(`--faults ${settings.faults}`);
    if (settings.diskFaults !== undefined && settings.diskFaults !== 'none') parts.push(`--disk-faults ${settings.diskFaults}`);
    if (settings.attacks === true) parts.push('--attacks');
  }
  parts.push(...(settings.workloadFlags ?? []));
  parts.push(...implementationFlags(settings.bug, settings.implementation ?? null, settings.program ?? null));
  parts.push(...(settings.policyFlags ?? []));
  parts.push(...(settings.checkFlags ?? []));
  parts.push(...maxEventsFlag(settings.maxEvents ?? null));
  return parts.join(' ');
}

/** `raftsim replay FILE`: a scenario file run again, with the implementation it failed on. */
export function replayFileCommand(path: string, bug: string | null, implementation: string | null, seed: number | null = null, program: ProgramFlags | null = null): string {
  const parts = ['npx raftsim replay', quoteIfNeeded(path)];
  if (seed !== null) parts.push(`--seed ${seed}`);
  parts.push(...implementationFlags(bug, implementation, program));
  return parts.join(' ');
}

/** `raftsim run --from-link URL`: a playground run again, with the implementation given beside the link (its bug is in the link). */
export function linkReplayCommand(link: string, implementation: string | null, program: ProgramFlags | null = null): string {
  return ['npx raftsim run --from-link', quoteIfNeeded(link), ...implementationFlags(null, implementation, program)].join(' ');
}

/** `raftsim conformance`: the same suite run again against the same implementation. */
export function conformanceReplayCommand(bug: string | null, implementation: string | null, only: readonly string[] | null, strict: boolean, program: ProgramFlags | null = null): string {
  const parts = ['npx raftsim conformance', ...implementationFlags(bug, implementation, program)];
  for (const name of only ?? []) parts.push(`--only ${quoteIfNeeded(name)}`);
  if (strict) parts.push('--strict');
  return parts.join(' ');
}

/** The --max-events flag that gives a run the bound it had, when one was given. */
export function maxEventsFlag(maxEvents: number | null): string[] {
  return maxEvents === null ? [] : [`--max-events ${maxEvents}`];
}

export function implementationFlags(bug: string | null, implementation: string | null, program: ProgramFlags | null): string[] {
  const flags: string[] = [];
  if (bug !== null) flags.push(`--bug ${bug}`);
  if (implementation !== null) flags.push(`--impl ${quoteIfNeeded(implementation)}`);
  if (program !== null) flags.push(...programFlags(program));
  return flags;
}

/** --impl-cmd with its command as one word of the shell (quoted as a whole), and --impl-timeout when it is not the default. */
export function programFlags(program: ProgramFlags): string[] {
  const flags = [`--impl-cmd ${joinCommand([program.command])}`];
  if (program.timeoutMs !== DEFAULT_PROGRAM_TIMEOUT_MS) flags.push(`--impl-timeout ${program.timeoutMs}`);
  return flags;
}

export function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** This process's own command line, as `raftsim …`, quoted where a shell needs it, so that pasting it runs the same command again. */
export function commandAsTyped(): string {
  return ['raftsim', ...process.argv.slice(2)].map(quoteIfNeeded).join(' ');
}

/** Paths with spaces or shell characters are quoted so the line can be pasted as it is. */
export function quoteIfNeeded(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}
