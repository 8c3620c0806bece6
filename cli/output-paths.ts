/**
 * The flags that name files, checked before anything runs: each has one value that is not empty, no
 * output overwrites an input or another output (compared as files, so a symlink or a hard link to an
 * input is caught too), and at most one thing goes to standard output.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { findNamedScenario } from '../scenarios/index.js';
import { UsageError } from './arguments.js';
import type { Output } from './terminal.js';
import { finalTarget, isStandardOutput } from './write-file.js';

/** Every flag, on any command, whose value names a file or folder (or a named scenario). */
export const PATH_FLAGS = ['trace', 'report', 'history', 'html', 'csv', 'stats', 'out', 'scenario', 'impl'] as const;

/** For yargs: each path flag takes exactly the next word, so `--trace -` reads "-" and a bare flag is refused. */
export const PATH_FLAG_ARITY: Readonly<Record<string, number>> = Object.fromEntries(PATH_FLAGS.map((flag) => [flag, 1]));

/** For yargs' check: every path flag given has one value, and it is not empty; so has a file argument. */
export function requirePathValues(argv: Readonly<Record<string, unknown>>): true {
  for (const flag of PATH_FLAGS) {
    const value = argv[flag];
    if (value === undefined) continue;
    if (Array.isArray(value)) throw new UsageError(`--${flag} was given ${value.length} times; give it once`);
    if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${flag} needs a value, got an empty one`);
  }
  if (typeof argv.file === 'string' && argv.file.trim() === '') {
    const command = Array.isArray(argv._) ? argv._.join(' ') : 'the command';
    throw new UsageError(`${command} needs the name of a file to read (standard input, "-", is not read)`);
  }
  return true;
}

/** A path given on the command line, with how to name it in a message: "--trace", "the trace file". */
export interface NamedPath {
  readonly label: string;
  readonly path: unknown;
}

/** The file a --scenario value reads, or undefined for a named scenario. */
export function scenarioFile(reference: unknown): string | undefined {
  if (reference === undefined || reference === null) return undefined;
  return findNamedScenario(String(reference)) === undefined ? String(reference) : undefined;
}

/**
 * Refuses an output that is an input, or that is another output. Devices, FIFOs and standard output are
 * not compared: writing /dev/null twice loses nothing.
 */
export function refuseSameFiles(outputs: readonly NamedPath[], inputs: readonly NamedPath[]): void {
  const seen: { readonly label: string; readonly path: string; readonly identity: string; readonly input: boolean }[] = [];
  for (const input of given(inputs)) {
    const identity = fileIdentity(input.path);
    if (identity !== null) seen.push({ ...input, identity, input: true });
  }
  for (const output of given(outputs)) {
    const identity = fileIdentity(output.path);
    if (identity === null) continue;
    const same = seen.find((entry) => entry.identity === identity);
    if (same?.input === true) throw new UsageError(`${output.label} ${output.path} would overwrite ${same.label} ${same.path}: choose another file`);
    if (same !== undefined) throw new UsageError(`${same.label} ${same.path} and ${output.label} ${output.path} are the same file: give each output its own`);
    seen.push({ ...output, identity, input: false });
  }
}

/**
 * Refuses inputs that a command writing files named like `names` into `folder` could overwrite: an
 * input in the folder with such a name, or a file of such a name there that links to an input.
 */
export function refuseInputsInFolder(folder: string, label: string, names: RegExp, inputs: readonly NamedPath[]): void {
  const identities = new Map<string, string>();
  for (const input of given(inputs)) {
    const identity = fileIdentity(input.path);
    if (identity !== null) identities.set(identity, `${input.label} ${input.path}`);
  }
  if (identities.size === 0) return;
  for (const name of folderEntries(folder).filter((entry) => names.test(entry))) {
    const input = identities.get(fileIdentity(join(folder, name)) ?? '');
    if (input !== undefined) throw new UsageError(`${label} ${folder} holds ${name}, which is ${input}, and could write over it: choose another folder`);
  }
}

/**
 * Refuses two things bound for standard output: file outputs named `-`, and text printed there that
 * cannot move (`printed`: "--json", "--markdown", "the CSV table"). Returns whether a file output goes
 * to standard output, in which case the command's other text belongs on stderr.
 */
export function claimStandardOutput(outputs: readonly NamedPath[], printed: string | null): boolean {
  const claims = given(outputs).filter((output) => isStandardOutput(output.path)).map((output) => `${output.label} ${output.path}`);
  const all = printed === null ? claims : [...claims, printed];
  if (all.length > 1) throw new UsageError(`${all.join(' and ')} would ${all.length > 2 ? 'all' : 'both'} go to standard output: send ${all.length > 2 ? 'all but one' : 'one of them'} to a file`);
  return claims.length > 0;
}

/** The output for a command's text: stderr when standard output carries a file. */
export function textOutput(output: Output, standardOutputTaken: boolean): Output {
  return standardOutputTaken ? { ...output, out: output.err } : output;
}

function given(paths: readonly NamedPath[]): { readonly label: string; readonly path: string }[] {
  return paths.filter((entry) => entry.path !== undefined && entry.path !== null).map((entry) => ({ label: entry.label, path: String(entry.path) }));
}

/**
 * What a path names as a file: device and inode for one that exists (so every link to it agrees), the
 * canonical path for one to be created; null for what is not a regular file or cannot be looked at
 * (writing then reports why).
 */
export function fileIdentity(path: string): string | null {
  if (isStandardOutput(path)) return null;
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats === undefined) return `new ${canonicalNewPath(finalTarget(path))}`;
    return stats.isFile() ? `file ${stats.dev}:${stats.ino}` : null;
  } catch {
    return null;
  }
}

/** A path that does not exist yet, with its nearest existing folder resolved through symlinks. */
function canonicalNewPath(path: string): string {
  const missing: string[] = [];
  let folder = resolve(path);
  for (let depth = 0; depth < 4096; depth++) {
    try {
      return join(realpathSync(folder), ...missing.reverse());
    } catch {
      if (dirname(folder) === folder) break;
      missing.push(basename(folder));
      folder = dirname(folder);
    }
  }
  return resolve(path);
}

function folderEntries(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}
