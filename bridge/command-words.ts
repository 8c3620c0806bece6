/**
 * A command line given as one string (`--impl-cmd "python3 my node.py"`), split into words as a POSIX
 * shell splits a simple command, and words joined back into such a line. Only what a command needs is
 * taken: quotes ('…' keeps everything, "…" lets \ escape $ ` " \ and a newline), backslashes, blanks.
 * What would make a shell do more than run one program (pipes, redirections, variables, globs,
 * command substitution, several commands) is refused with what was found, since the command is run
 * directly, without a shell, and the user would otherwise get a different command than they meant.
 */

/** A command split into its program and arguments, or why it cannot be. */
export type CommandWords = { readonly ok: true; readonly words: readonly string[] } | { readonly ok: false; readonly problem: string };

/** Characters that mean something to a shell outside quotes, and what they would do there. */
const SHELL_MEANINGS: Readonly<Record<string, string>> = {
  '|': 'a pipe',
  '&': 'a background job or &&',
  ';': 'a second command',
  '<': 'a redirection',
  '>': 'a redirection',
  '(': 'a subshell',
  ')': 'a subshell',
  $: 'a variable or command substitution',
  '`': 'a command substitution',
  '*': 'a glob',
  '?': 'a glob',
  '[': 'a glob',
  '~': 'a home folder',
  '#': 'a comment',
  '\n': 'a second command',
};

const BLANK = /[ \t]/;

export function splitCommand(line: string): CommandWords {
  const words: string[] = [];
  let word: string | null = null;
  // Each pass takes at least one character, so the passes are bounded by the line's length.
  for (let at = 0; at < line.length; ) {
    const character = line[at]!;
    if (BLANK.test(character)) {
      if (word !== null) words.push(word);
      word = null;
      at++;
      continue;
    }
    if (character === "'") {
      const end = line.indexOf("'", at + 1);
      if (end < 0) return refuse(`an unterminated ' quote at character ${at + 1}`);
      word = (word ?? '') + line.slice(at + 1, end);
      at = end + 1;
      continue;
    }
    if (character === '"') {
      const taken = doubleQuoted(line, at);
      if ('problem' in taken) return refuse(taken.problem);
      word = (word ?? '') + taken.text;
      at = taken.end;
      continue;
    }
    if (character === '\\') {
      if (at + 1 >= line.length) return refuse('a backslash at the end of the line');
      // A backslash before a newline joins two lines; before anything else it takes that character as it is.
      if (line[at + 1] !== '\n') word = (word ?? '') + line[at + 1];
      at += 2;
      continue;
    }
    const meaning = SHELL_MEANINGS[character];
    // A ~ or # inside a word is an ordinary character to a shell; only at a word's start does it mean more.
    if (meaning !== undefined && !((character === '~' || character === '#') && word !== null)) {
      return refuse(`${JSON.stringify(character)} at character ${at + 1} (${meaning}): the command runs without a shell; quote the character if it is part of a word`);
    }
    word = (word ?? '') + character;
    at++;
  }
  if (word !== null) words.push(word);
  if (words.length === 0) return refuse('no program named');
  return { ok: true, words };
}

/** The text of a "…" quote starting at `start`, and where the line goes on after it; or why it cannot be taken. */
function doubleQuoted(line: string, start: number): { text: string; end: number } | { problem: string } {
  let text = '';
  for (let at = start + 1; at < line.length; at++) {
    const character = line[at]!;
    if (character === '"') return { text, end: at + 1 };
    if (character === '$' || character === '`') {
      return { problem: `${JSON.stringify(character)} at character ${at + 1} (${SHELL_MEANINGS[character]}): the command runs without a shell; put the word in single quotes` };
    }
    if (character === '\\' && at + 1 < line.length && '$`"\\\n'.includes(line[at + 1]!)) {
      if (line[at + 1] !== '\n') text += line[at + 1];
      at++;
      continue;
    }
    text += character;
  }
  return { problem: `an unterminated " quote at character ${start + 1}` };
}

function refuse(problem: string): CommandWords {
  return { ok: false, problem };
}

/** One word as a shell reads it back unchanged: bare when it is plain, in single quotes otherwise. */
export function quoteWord(word: string): string {
  if (/^[\w./:@%+=,-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Words joined into a line that splitCommand (and a shell) splits back into the same words. */
export function joinCommand(words: readonly string[]): string {
  return words.map(quoteWord).join(' ');
}
