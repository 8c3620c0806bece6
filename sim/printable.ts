/**
 * Text from outside (a flag's value, a file's bytes, a name an implementation chose) made safe to print
 * on one line of a terminal. Control characters are written as escapes, since a terminal obeys them (ESC
 * starts a command, CR and BS rewrite the line, a newline breaks a one-line message), and so are the
 * Unicode characters that reorder or hide text (bidirectional controls, line separators, a stray byte
 * order mark). Text longer than the limit is cut, saying how long it was, so that a pasted megabyte does
 * not become a megabyte of error message. Every message that quotes what it was given goes through here.
 */

// Lone surrogates too (the `u` flag matches a half of a pair only when it stands alone): a terminal shows them as garbage.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]/gu;

/** At most this many characters of quoted input are shown. */
export const PRINTABLE_LIMIT = 200;

export function printable(text: string, limit = PRINTABLE_LIMIT): string {
  const characters = Array.from(text);
  const cut = characters.length > limit;
  const kept = (cut ? characters.slice(0, limit).join('') : text).replace(UNSAFE, escapeCharacter);
  return cut ? `${kept}… (${characters.length} characters)` : kept;
}

/** The text in double quotes, made printable. */
export function quoted(text: string, limit = PRINTABLE_LIMIT): string {
  return `"${printable(text, limit)}"`;
}

function escapeCharacter(character: string): string {
  if (character === '\n') return '\\n';
  if (character === '\r') return '\\r';
  if (character === '\t') return '\\t';
  const code = character.codePointAt(0)!;
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}
