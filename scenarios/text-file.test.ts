import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeText } from './text-file.js';

const bytes = (...values: number[]) => Uint8Array.from(values);
const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeText: a file given as text is text, or is named for what it is', () => {
  it('names a gzip, zstd, xz or zip file for what it is', () => {
    expect(decodeText(gzipSync('{"type":"header"}\n'))).toEqual({ ok: false, problem: 'not a text file but a gzip-compressed file: decompress it first (gunzip)' });
    expect(decodeText(bytes(0x28, 0xb5, 0x2f, 0xfd, 0, 0))).toMatchObject({ ok: false, problem: expect.stringContaining('zstd') });
    expect(decodeText(bytes(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 1))).toMatchObject({ ok: false, problem: expect.stringContaining('xz') });
    expect(decodeText(bytes(0x50, 0x4b, 0x03, 0x04, 20))).toMatchObject({ ok: false, problem: expect.stringContaining('zip archive') });
  });

  it('refuses a control byte, saying which and where, and bytes that are not UTF-8', () => {
    expect(decodeText(utf8('{"a":1}\n\u001b[2J'))).toEqual({ ok: false, problem: 'not a text file: it holds the control byte 0x1b at byte offset 8' });
    expect(decodeText(bytes(0x7b, 0x00, 0x7d))).toMatchObject({ ok: false, problem: expect.stringContaining('0x00 at byte offset 1') });
    expect(decodeText(bytes(0x22, 0xc3, 0x28, 0x22))).toEqual({ ok: false, problem: 'not a text file: its bytes are not UTF-8' });
  });

  it('reads text with tabs, CRLF line endings and any script, and drops a byte order mark', () => {
    expect(decodeText(utf8('name: x\r\n\tdescription: café 中文\r\n'))).toEqual({ ok: true, text: 'name: x\r\n\tdescription: café 中文\r\n' });
    expect(decodeText(utf8('\ufeff{"a":1}\n'))).toEqual({ ok: true, text: '{"a":1}\n' });
    expect(decodeText(bytes())).toEqual({ ok: true, text: '' });
  });
});
