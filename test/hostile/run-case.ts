/**
 * Runs one hostile case with the built CLI in a folder of its own and judges what it left behind: the
 * exit code is 0, 1 or 2; no stack trace; exit 2 comes with one line on stderr, and stderr carries no
 * control characters that would upset a terminal; no input file is overwritten; no temporary file is
 * left, and every file the run wrote or changed is whole (a trace that reads back, a page that ends,
 * JSON that parses, a scenario file that loads).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { parseTraceText } from '../../formats/index.js';
import { parseScenarioText } from '../../scenarios/index.js';
import type { CliRunIn } from '../cli-process.js';
import { raftsimIn, stackTraceIn } from '../cli-process.js';

export interface HostileCase {
  /** What the case is, for reports: "arguments", or the damage done to a document. */
  readonly description: string;
  readonly args: readonly string[];
  /** Files written into the case's folder before the run, by path inside it. */
  readonly files: Readonly<Record<string, Uint8Array>>;
}

export interface CaseOutcome {
  readonly hostileCase: HostileCase;
  readonly run: CliRunIn;
  /** What the run got wrong; empty when it behaved. */
  readonly problems: readonly string[];
  /** The folder, kept when the run misbehaved so it can be looked at. */
  readonly folder: string;
}

/** Output flags and how to judge a file written through each; anything else is judged by its extension. */
const OUTPUT_KINDS: Readonly<Record<string, OutputKind>> = { '--trace': 'trace', '--report': 'html', '--html': 'html', '--csv': 'csv' };
type OutputKind = 'trace' | 'html' | 'csv' | 'json' | 'scenario' | 'unknown';

const TEMPORARY = /\.partial$|\.tmp$|\.temp$|~$/;

export async function runHostileCase(hostileCase: HostileCase, timeoutMs: number): Promise<CaseOutcome> {
  const folder = mkdtempSync(join(tmpdir(), 'raftsim-hostile-'));
  for (const [path, bytes] of Object.entries(hostileCase.files)) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), bytes);
  }
  mkdirSync(join(folder, 'existing-dir'), { recursive: true });
  const before = fingerprints(folder);
  const run = await raftsimIn(folder, hostileCase.args, timeoutMs);
  const problems = judge(hostileCase.args, run, folder, before);
  if (problems.length === 0) rmSync(folder, { recursive: true, force: true });
  return { hostileCase, run, problems, folder };
}

function judge(args: readonly string[], run: CliRunIn, folder: string, before: ReadonlyMap<string, string>): string[] {
  const problems: string[] = [];
  if (run.timedOut) return ['did not finish in time'];
  if (run.status !== 0 && run.status !== 1 && run.status !== 2) problems.push(`exit code ${run.status}`);
  const trace = stackTraceIn(run.stderr);
  if (trace !== undefined) problems.push(`a stack trace on stderr: ${trace.trim()}`);
  const stderrLines = run.stderr.split('\n').filter((line) => line.trim() !== '').length;
  if (run.status === 2 && stderrLines !== 1) problems.push(`exit 2 with ${stderrLines} lines on stderr`);
  // eslint-disable-next-line no-control-regex -- control characters are what this looks for
  const control = /[\u0000-\u0008\u000b-\u001f\u007f]/.exec(run.stderr);
  if (control !== null) problems.push(`a control character (U+${control[0].charCodeAt(0).toString(16).padStart(4, '0')}) on stderr`);
  const kinds = outputKinds(args);
  const after = fingerprints(folder);
  for (const path of inputPaths(args, before)) {
    if (after.get(path) !== before.get(path)) problems.push(`the input ${path} was overwritten`);
  }
  for (const [path, fingerprint] of after) {
    if (TEMPORARY.test(path)) problems.push(`a temporary file left behind: ${path}`);
    else if (before.get(path) !== fingerprint) {
      const broken = incompleteness(readFileSync(join(folder, path)), kinds.get(path) ?? kindByExtension(path));
      if (broken !== null) problems.push(`${path} is not whole: ${broken}`);
    }
  }
  return problems;
}

/** The file an output flag names, with the kind of file it must be. */
function outputKinds(args: readonly string[]): Map<string, OutputKind> {
  const kinds = new Map<string, OutputKind>();
  args.forEach((word, index) => {
    const [flag, inline] = word.includes('=') ? [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)] : [word, args[index + 1]];
    const kind = OUTPUT_KINDS[flag!];
    if (kind !== undefined && inline !== undefined) kinds.set(inline.replace(/^\.\//, ''), kind);
  });
  return kinds;
}

/** The files a command reads: those of the case's files named anywhere on its command line other than as an output. */
function inputPaths(args: readonly string[], before: ReadonlyMap<string, string>): string[] {
  return args.filter((word, index) => before.has(word) && (index === 0 || OUTPUT_KINDS[args[index - 1]!] === undefined && !['--out', '--stats'].includes(args[index - 1]!)));
}

function kindByExtension(path: string): OutputKind {
  const byExtension: Record<string, OutputKind> = { '.jsonl': 'trace', '.html': 'html', '.csv': 'csv', '.json': 'json', '.yaml': 'scenario', '.yml': 'scenario' };
  return byExtension[extname(path).toLowerCase()] ?? 'unknown';
}

/** Why a written file is not whole, or null when it is (or when nothing can be said of its kind). */
function incompleteness(bytes: Buffer, kind: OutputKind): string | null {
  const text = bytes.toString('utf8');
  switch (kind) {
    case 'trace': {
      const read = parseTraceText(text, 'file');
      return read.ok ? null : read.problem;
    }
    case 'html':
      return text.trimEnd().endsWith('</html>') ? null : 'no closing </html>';
    case 'csv':
      return text.length > 0 && text.endsWith('\n') ? null : 'does not end with a line break';
    case 'json':
      try {
        JSON.parse(text);
        return null;
      } catch (error) {
        return (error as Error).message;
      }
    case 'scenario': {
      const parsed = parseScenarioText(text, 'yaml');
      return parsed.ok ? null : parsed.problem;
    }
    default:
      return null;
  }
}

/** Every file under the folder, by path inside it, with a hash of its bytes. */
function fingerprints(folder: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const path of readdirSync(folder, { recursive: true, encoding: 'utf8' })) {
    const absolute = join(folder, path);
    if (statSync(absolute).isFile()) result.set(path, createHash('sha256').update(readFileSync(absolute)).digest('hex'));
  }
  return result;
}

/** Runs cases a few at a time, in order of the list, and gives their outcomes in the same order. */
export async function runHostileCases(cases: readonly HostileCase[], parallel: number, timeoutMs: number): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = new Array(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const index = next;
      next += 1;
      outcomes[index] = await runHostileCase(cases[index]!, timeoutMs);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return outcomes;
}
