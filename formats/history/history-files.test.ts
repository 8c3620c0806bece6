import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historyOf } from '../../sim/kv/testing.js';
import { checkHistoryText, historyFileText, historyFormatOf } from './check.js';

const FIXTURES = join(import.meta.dirname, '../../test/fixtures/histories');
const check = (name: string) => checkHistoryText(readFileSync(join(FIXTURES, name), 'utf8'), historyFormatOf(name));

describe('history files', () => {
  it.each([
    ['register-linearizable.edn', 'linearizable'],
    ['register-stale-read.edn', 'not-linearizable'],
    ['register-new-old-inversion.jsonl', 'not-linearizable'],
    ['register-concurrent-writes.jsonl', 'linearizable'],
    ['cas-register.edn', 'not-linearizable'],
    ['keyed-indeterminate.jsonl', 'linearizable'],
    ['keyed-lost-write.jsonl', 'not-linearizable'],
  ])('%s is %s', (name, verdict) => {
    const result = check(name);
    expect(result.ok && result.report.verdict).toBe(verdict);
  });

  it('names the line of what is wrong with a file', () => {
    expect(check('bad-type.jsonl')).toMatchObject({ ok: false, line: 3, problem: expect.stringContaining('type must be') });
    expect(check('bad-unclosed.edn')).toMatchObject({ ok: false, line: 2, problem: 'a map { is never closed' });
    expect(check('bad-overlap.jsonl')).toMatchObject({ ok: false, line: 2, problem: expect.stringContaining('in flight') });
  });

  it('reads back what it writes, in both formats, to the same verdict and operations', () => {
    const operations = historyOf([
      [0, 'put', 'k1', '1', 0, 10, 'ok'],
      [1, 'cas', 'k1', ['1', '2'], 11, 12, 'ok'],
      [2, 'get', 'k1', null, 13, 14, 'ok', '2'],
      [3, 'append', 'k2', 'a', 15, null, 'info'],
      [4, 'get', 'k2', null, 16, 17, 'fail'],
    ]);
    for (const format of ['jsonl', 'edn'] as const) {
      const text = historyFileText(operations, format);
      const result = checkHistoryText(text, format);
      expect(result.ok, format).toBe(true);
      if (!result.ok) continue;
      expect(result.report.verdict).toBe('linearizable');
      const shape = (list: readonly { f: string; key: string; value: string | null; from: string | null; to: string | null; completion: { type: string; value: string | null } | null }[]) =>
        list.map((operation) => [operation.f, operation.key, operation.value, operation.from, operation.to, operation.completion?.type ?? null, operation.completion?.value ?? null]);
      expect(shape(result.operations), format).toEqual(shape(operations));
    }
    expect(historyFileText(operations, 'edn').split('\n')[0]).toBe('{:index 0, :type :invoke, :f :write, :value ["k1" "1"], :process 0, :time 0}');
  });
});

describe('damaged history files', () => {
  it('are read to a verdict or to one problem with its line, never an exception', () => {
    const texts = ['register-linearizable.edn', 'cas-register.edn', 'keyed-lost-write.jsonl', 'register-new-old-inversion.jsonl'].map((name) => [name, readFileSync(join(FIXTURES, name), 'utf8')] as const);
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(fc.tuple(fc.nat(), fc.nat(3), fc.string({ maxLength: 3 })), { maxLength: 6 }), ([name, text], edits) => {
        let damaged = text;
        for (const [at, cut, insert] of edits) {
          const position = at % (damaged.length + 1);
          damaged = damaged.slice(0, position) + insert + damaged.slice(position + cut);
        }
        const result = checkHistoryText(damaged, historyFormatOf(name), 10_000);
        if (!result.ok) {
          expect(result.line).toBeGreaterThanOrEqual(1);
          expect(result.line).toBeLessThanOrEqual(damaged.split('\n').length);
          expect(result.problem.length).toBeGreaterThan(0);
        }
      }),
      { seed: 15, numRuns: 300 },
    );
  });
});
