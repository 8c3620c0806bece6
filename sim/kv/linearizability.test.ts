import { describe, expect, it } from 'vitest';
import { checkKey } from './linearizability.js';
import { checkLinearizability } from './linearizability-report.js';
import { historyOf } from './testing.js';

describe('the linearizability search of one key', () => {
  it('accepts a read that overlaps a write and returns its value before the write returns', () => {
    const history = historyOf([
      [0, 'put', 'x', '1', 1, 4, 'ok'],
      [1, 'get', 'x', null, 2, 3, 'ok', '1'],
      [1, 'get', 'x', null, 5, 6, 'ok', '1'],
    ]);
    expect(checkKey(history).verdict).toBe('linearizable');
  });

  it('refuses a read that misses a write completed before it began (a stale read)', () => {
    const history = historyOf([
      [0, 'put', 'x', '1', 1, 2, 'ok'],
      [1, 'get', 'x', null, 3, 4, 'ok', null],
    ]);
    expect(checkKey(history).verdict).toBe('not-linearizable');
  });

  it('refuses a new-old inversion: a later read sees the old value after an earlier one saw the new', () => {
    const history = historyOf([
      [0, 'put', 'x', '0', 0, 1, 'ok'],
      [0, 'put', 'x', '1', 2, 20, 'ok'],
      [1, 'get', 'x', null, 3, 4, 'ok', '1'],
      [2, 'get', 'x', null, 5, 6, 'ok', '0'],
    ]);
    expect(checkKey(history).verdict).toBe('not-linearizable');
  });

  it('orders two concurrent writes as the reads require', () => {
    const history = historyOf([
      [0, 'put', 'x', '1', 0, 5, 'ok'],
      [1, 'put', 'x', '2', 1, 6, 'ok'],
      [2, 'get', 'x', null, 2, 3, 'ok', '2'],
      [3, 'get', 'x', null, 4, 7, 'ok', '1'],
    ]);
    expect(checkKey(history).verdict).toBe('linearizable');
  });

  it('refuses two compare-and-sets that both succeed from the same value, one after the other', () => {
    const history = historyOf([
      [0, 'cas', 'x', [null, '1'], 0, 1, 'ok'],
      [1, 'cas', 'x', [null, '2'], 2, 3, 'ok'],
    ]);
    expect(checkKey(history).verdict).toBe('not-linearizable');
  });

  it('lets an indeterminate write have happened, or not, but not un-happen once seen', () => {
    const seen = historyOf([
      [0, 'put', 'x', '1', 0, null, 'info'],
      [1, 'get', 'x', null, 5, 6, 'ok', '1'],
      [2, 'get', 'x', null, 7, 8, 'ok', null],
    ]);
    expect(checkKey(seen).verdict).toBe('not-linearizable');
    const unseen = historyOf([
      [0, 'put', 'x', '1', 0, null, 'info'],
      [1, 'get', 'x', null, 5, 6, 'ok', null],
    ]);
    expect(checkKey(unseen).verdict).toBe('linearizable');
  });

  it('leaves out indeterminate writes no read saw, which would otherwise multiply the orders to try', () => {
    const lost = historyOf([
      ...Array.from({ length: 30 }, (_, process) => [process, 'append', 'x', `a${process}`, process, null, 'info'] as const),
      [99, 'get', 'x', null, 40, 41, 'ok', null],
    ]);
    const result = checkKey(lost, 1000);
    expect(result.verdict).toBe('linearizable');
    // One seen among them is kept, and must have happened before the read that saw it.
    const seen = historyOf([
      [0, 'append', 'x', 'a', 0, null, 'info'],
      [1, 'append', 'x', 'b', 1, null, 'info'],
      [2, 'get', 'x', null, 5, 6, 'ok', 'b'],
      [2, 'get', 'x', null, 7, 8, 'ok', null],
    ]);
    expect(checkKey(seen).verdict).toBe('not-linearizable');
  });

  it('takes a failed operation as one that did not happen', () => {
    const history = historyOf([
      [0, 'put', 'x', '1', 0, 1, 'fail'],
      [1, 'get', 'x', null, 2, 3, 'ok', null],
    ]);
    expect(checkKey(history).verdict).toBe('linearizable');
  });

  it('sees appends in the order they were applied', () => {
    const history = historyOf([
      [0, 'append', 'x', 'a', 0, 1, 'ok'],
      [1, 'append', 'x', 'b', 2, 3, 'ok'],
      [2, 'get', 'x', null, 4, 5, 'ok', 'b,a'],
    ]);
    expect(checkKey(history).verdict).toBe('not-linearizable');
  });

  it('says unknown, not linearizable, when the bound on steps is hit', () => {
    const concurrent = historyOf(Array.from({ length: 12 }, (_, process) => [process, 'put', 'x', String(process), 0, 100, 'ok'] as const));
    expect(checkKey(concurrent, 5).verdict).toBe('unknown');
    expect(checkKey(concurrent).verdict).toBe('linearizable');
  });

  it('decides a long history of many concurrent operations quickly, remembering the states it has seen', () => {
    const operations = historyOf(
      Array.from({ length: 400 }, (_, index) => [index % 8, index % 3 === 0 ? 'get' : 'put', 'x', index % 3 === 0 ? null : String(index % 5), index, index + 7.5, 'ok', index < 390 ? String((index - 4) % 5) : null] as const),
    );
    // The reads follow the writes until the last ones, which see nothing though writes completed before them.
    const result = checkKey(operations);
    expect(result.verdict).toBe('not-linearizable');
    expect(result.steps).toBeLessThan(100_000);
  });
});

describe('the linearizability report', () => {
  it('checks each key apart and passes a history whose keys are each linearizable', () => {
    const history = historyOf([
      [0, 'put', 'x', '1', 0, 1, 'ok'],
      [1, 'put', 'y', '2', 0, 1, 'ok'],
      [2, 'get', 'x', null, 2, 3, 'ok', '1'],
      [2, 'get', 'y', null, 4, 5, 'ok', '2'],
    ]);
    const report = checkLinearizability(history);
    expect(report).toMatchObject({ verdict: 'linearizable', keys: 2, operations: 4 });
  });

  it('names the smallest set of operations that cannot be ordered, leaving out those that do not matter', () => {
    const history = historyOf([
      [0, 'put', 'y', '9', 0, 1, 'ok'],
      [0, 'put', 'x', '1', 1, 2, 'ok'],
      [1, 'append', 'x', '5', 2, 3, 'ok'],
      [2, 'get', 'x', null, 4, 5, 'ok', '1,5'],
      [1, 'put', 'x', '2', 6, 7, 'ok'],
      [2, 'get', 'x', null, 8, 9, 'ok', '1,5'],
      [3, 'get', 'x', null, 10, 11, 'ok', '2'],
    ]);
    const report = checkLinearizability(history);
    expect(report.verdict).toBe('not-linearizable');
    expect(report.key).toBe('x');
    // put 2 completed before the second read began, which still saw 1,5: the writes of 1 and 5 stay
    // with it, the first read and the other key go.
    expect(report.witness.map((operation) => operation.id)).toEqual([1, 2, 4, 5]);
  });

  it('reports the keys whose search hit the bound', () => {
    const concurrent = historyOf(Array.from({ length: 12 }, (_, process) => [process, 'put', 'k', String(process), 0, 100, 'ok'] as const));
    const report = checkLinearizability(concurrent, 5);
    expect(report.verdict).toBe('unknown');
    expect(report.undecidedKeys).toEqual(['k']);
  });
});
