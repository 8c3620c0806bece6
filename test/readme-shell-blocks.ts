/**
 * The shell commands of a Markdown document, as the README test runs them. The convention the README
 * follows, so that every command it shows is run by the suite:
 *
 * - A fenced block tagged `sh` (or `bash`, or untagged) holds commands, one a line:
 *   `npx raftsim ARGUMENTS   # what it does`. Only plain words: no quotes, pipes or redirections.
 * - The command exits 0 unless its comment says otherwise in the words "exit N" or "exits N".
 * - The commands of one block run in order in one fresh folder, so a file one writes is there for the next.
 */

export interface ReadmeCommand {
  /** The line as the README has it. */
  readonly line: string;
  /** Where the line is, for messages: "README.md:214". */
  readonly where: string;
  /** The words after `npx raftsim`. */
  readonly args: readonly string[];
  /** The comment after `#`, or an empty string. */
  readonly comment: string;
  readonly expectedExit: number;
}

export interface ShellBlock {
  /** Where the block opens, for messages and test names. */
  readonly where: string;
  readonly commands: readonly ReadmeCommand[];
  /** Lines that are not raftsim commands, which the caller must account for. */
  readonly otherLines: readonly string[];
}

const SHELL_FENCE = /^```(sh|bash|shell)?\s*$/;
const COMMAND = /^npx raftsim((?:\s+[^\s#]+)*)\s*(?:#\s*(.*))?$/;
const SHELL_SYNTAX = /["'`|<>;&$\\]/;
const EXPECTED_EXIT = /\bexits? (\d)\b/;

export function shellBlocks(markdown: string, file: string): ShellBlock[] {
  const lines = markdown.split('\n');
  const blocks: ShellBlock[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    if (!lines[index]!.startsWith('```')) continue;
    const opening = index;
    const isShell = SHELL_FENCE.test(lines[opening]!);
    index += 1;
    while (index < lines.length && !lines[index]!.startsWith('```')) index += 1;
    if (!isShell) continue;
    const body = lines.slice(opening + 1, index).map((line, offset) => ({ line: line.trim(), number: opening + 2 + offset }));
    const commands = body.filter(({ line }) => line.startsWith('npx raftsim')).map(({ line, number }) => parseCommand(line, `${file}:${number}`));
    const otherLines = body.filter(({ line }) => line !== '' && !line.startsWith('npx raftsim')).map(({ line }) => line);
    blocks.push({ where: `${file}:${opening + 1}`, commands, otherLines });
  }
  return blocks;
}

export function parseCommand(line: string, where: string): ReadmeCommand {
  const match = COMMAND.exec(line);
  if (match === null) throw new Error(`${where}: not a command of the form "npx raftsim ARGUMENTS # comment": ${line}`);
  const words = match[1]!.trim();
  if (SHELL_SYNTAX.test(words)) throw new Error(`${where}: only plain words are run, not shell syntax: ${line}`);
  const comment = match[2] ?? '';
  const exit = EXPECTED_EXIT.exec(comment);
  return { line, where, args: words === '' ? [] : words.split(/\s+/), comment, expectedExit: exit === null ? 0 : Number(exit[1]) };
}
