/**
 * Ways to damage a valid document, as a disk, a network, an editor or a hostile user would: cut it
 * short, flip bytes, give a field the wrong type, nest it deeply, make a number huge. Each is a
 * fast-check arbitrary of functions from the valid text to the damaged bytes, so a case names the
 * damage it did.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';

export interface Damage {
  readonly name: string;
  readonly apply: (text: string) => Uint8Array;
}

const utf8 = (text: string): Uint8Array => Buffer.from(text, 'utf8');

/** Values of every JSON type, and the edges of each. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 0.5, -0.000001, 1e308, -1e308, 2 ** 53 + 2, 1e21, '', ' ', 'x', '-5s', '1e400', '∞', '150ms', [], {}, [null], { '': 1 }),
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.integer({ min: -3, max: 20 }), { maxLength: 4 }),
);

export const cutShort: fc.Arbitrary<Damage> = fc.double({ min: 0, max: 1, noNaN: true }).map((fraction) => ({
  name: `cut at ${(fraction * 100).toFixed(1)}%`,
  apply: (text) => utf8(text).subarray(0, Math.floor(utf8(text).length * fraction)),
}));

export const bytesFlipped: fc.Arbitrary<Damage> = fc
  .array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 })
  .map((flips) => ({
    name: `bytes set: ${flips.map(([at, byte]) => `${(at * 100).toFixed(1)}%=0x${byte.toString(16)}`).join(', ')}`,
    apply: (text) => {
      const bytes = Buffer.from(utf8(text));
      for (const [at, byte] of flips) if (bytes.length > 0) bytes[Math.floor(at * bytes.length)] = byte;
      return bytes;
    },
  }));

/** Whole-file damage that keeps nothing of the structure, or changes only its line endings or encoding. */
export const wholeFile: fc.Arbitrary<Damage> = fc.constantFrom<Damage>(
  { name: 'empty', apply: () => new Uint8Array(0) },
  { name: 'CRLF line endings', apply: (text) => utf8(text.replace(/\n/g, '\r\n')) },
  { name: 'a byte-order mark first', apply: (text) => utf8(`\uFEFF${text}`) },
  { name: 'gzipped', apply: (text) => gzipSync(text) },
  { name: 'UTF-16', apply: (text) => Buffer.from(text, 'utf16le') },
  { name: 'NUL bytes between lines', apply: (text) => utf8(text.replace(/\n/g, '\n\u0000')) },
  { name: 'twice over', apply: (text) => utf8(text + text) },
  { name: 'terminal escapes', apply: (text) => utf8(`\u001b[2J\u001b]0;title\u0007${text}`) },
  // Valid JSON and valid YAML alike: a parser that recurses runs out of stack long before the end.
  { name: 'nested 100000 deep', apply: () => utf8(`{"name": ${'['.repeat(100_000)}${']'.repeat(100_000)}}\n`) },
);

/** Replaces the value at a path (keys or indexes, followed as far as they go) in a parsed document. */
export function replaceAt(document: unknown, path: readonly number[], replacement: (old: unknown) => unknown): unknown {
  if (path.length === 0 || document === null || typeof document !== 'object') return replacement(document);
  const keys = Object.keys(document);
  if (keys.length === 0) return replacement(document);
  const key = keys[path[0]! % keys.length]!;
  const copy: Record<string, unknown> = Array.isArray(document) ? ([...document] as unknown as Record<string, unknown>) : { ...(document as Record<string, unknown>) };
  copy[key] = replaceAt(copy[key], path.slice(1), replacement);
  return copy;
}

/** Nests a value `depth` levels deep in arrays or objects. */
export function nested(value: unknown, depth: number, inObjects: boolean): unknown {
  let result = value;
  for (let level = 0; level < depth; level += 1) result = inObjects ? { a: result } : [result];
  return result;
}

/** A change to one field of a parsed document: a new type, a huge number, deep nesting, removal, or an unknown neighbour. */
export const fieldChange: fc.Arbitrary<{ readonly name: string; readonly path: readonly number[]; readonly change: (old: unknown) => unknown }> = fc
  .tuple(
    fc.array(fc.nat(40), { minLength: 1, maxLength: 4 }),
    fc.oneof(
      hostileValue.map((value) => ({ name: `retyped to ${JSON.stringify(value)}`, change: (): unknown => value })),
      fc.constantFrom(1e15, 2 ** 53, 1e300, 99_999_999_999).map((huge) => ({ name: `numbers ×${huge}`, change: (old: unknown): unknown => (typeof old === 'number' ? old * huge : huge) })),
      fc.tuple(fc.constantFrom(64, 400), fc.boolean()).map(([depth, inObjects]) => ({ name: `nested ${depth} deep`, change: (old: unknown): unknown => nested(old, depth, inObjects) })),
      fc.constant({ name: 'removed', change: (): unknown => undefined }),
      fc.constant({ name: 'an unknown field beside it', change: (old: unknown): unknown => (old !== null && typeof old === 'object' && !Array.isArray(old) ? { ...old, surplus: 1 } : old) }),
    ),
  )
  .map(([path, { name, change }]) => ({ name: `field ${path.join('.')} ${name}`, path, change }));
