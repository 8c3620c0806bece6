/**
 * Whether a file given as text (a trace, a scenario) is text at all. A compressed file or a binary one
 * is named for what it is, in one line, before any parser quotes a piece of it: its bytes would
 * otherwise reach the terminal inside an error message.
 */

/** Formats recognised by their first bytes, with what to do about them. */
export const COMPRESSED_FORMATS: readonly { readonly magic: readonly number[]; readonly what: string }[] = [
  { magic: [0x1f, 0x8b], what: 'a gzip-compressed file: decompress it first (gunzip)' },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], what: 'a zstd-compressed file: decompress it first (unzstd)' },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'an xz-compressed file: decompress it first (unxz)' },
  { magic: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive: extract the file first (unzip)' },
];

const TAB = 0x09;
const LINE_FEED = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export type TextDecoding = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly problem: string };

/**
 * The bytes as UTF-8 text (a byte order mark dropped), or why they are not text. Text here is what JSON
 * and YAML can hold outside their quoted strings, and what those strings hold escaped: no control
 * character but tab, line feed and carriage return.
 */
export function decodeText(bytes: Uint8Array): TextDecoding {
  const compressed = COMPRESSED_FORMATS.find(({ magic }) => magic.every((byte, index) => bytes[index] === byte));
  if (compressed !== undefined) return { ok: false, problem: `not a text file but ${compressed.what}` };
  const control = controlByteProblem(bytes);
  if (control !== null) return { ok: false, problem: `${control.problem} at byte offset ${control.offset}` };
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, problem: 'not a text file: its bytes are not UTF-8' };
  }
}

/** The first control byte that text does not hold (all but tab, line feed and carriage return), or null. */
export function controlByteProblem(bytes: Uint8Array): { readonly problem: string; readonly offset: number } | null {
  for (let offset = 0; offset < bytes.length; offset++) {
    const byte = bytes[offset]!;
    if (byte < 0x20 && byte !== TAB && byte !== LINE_FEED && byte !== CARRIAGE_RETURN) {
      return { problem: `not a text file: it holds the control byte 0x${byte.toString(16).padStart(2, '0')}`, offset };
    }
  }
  return null;
}
