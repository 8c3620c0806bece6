import { describe, expect, it } from 'vitest';
import { printable, quoted } from './printable.js';

// eslint-disable-next-line no-control-regex -- what a terminal would obey is exactly what must not get through
const TERMINAL_CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;

describe('printable: text from outside, safe on one line of a terminal', () => {
  it('writes control characters as escapes: ESC, CR, newline, tab, BS, NUL, DEL and the C1 controls', () => {
    expect(printable('\u001b[2J\u001b[31mred\r\n\t\b\u0000\u007f\u009b')).toBe('\\x1b[2J\\x1b[31mred\\r\\n\\t\\x08\\x00\\x7f\\x9b');
  });

  it('writes the characters that reorder or hide text as escapes too', () => {
    expect(printable('a\u202eb\u2066c\u2028d\ufeffe')).toBe('a\\u{202e}b\\u{2066}c\\u{2028}d\\u{feff}e');
    expect(printable('lone \ud800 half')).toBe('lone \\u{d800} half');
  });

  it('leaves ordinary text alone, accents, scripts and emoji included', () => {
    for (const text of ['seed-12.yaml', 'café ≤ 中文 🙂', 'C:\\runs\\trace.jsonl', '"quoted" and \'single\'']) expect(printable(text)).toBe(text);
  });

  it('cuts long text at whole characters and says how long it was', () => {
    expect(printable('x'.repeat(1_000))).toBe(`${'x'.repeat(200)}… (1000 characters)`);
    expect(printable('🙂'.repeat(5), 3)).toBe('🙂🙂🙂… (5 characters)');
  });

  it('whatever it is given, gives one line with nothing a terminal obeys', () => {
    const everything = Array.from({ length: 0x3000 }, (_, code) => String.fromCharCode(code)).join('');
    const safe = printable(everything, Number.POSITIVE_INFINITY);
    expect(safe).not.toMatch(TERMINAL_CONTROL);
    expect(quoted('\u001b]0;title\u0007')).toBe('"\\x1b]0;title\\x07"');
  });
});
