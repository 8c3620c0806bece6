import { describe, expect, it } from 'vitest';
import { firstDivergence } from './divergence.js';
import type { TraceRecord } from './trace.js';
import { TraceKind } from './trace.js';

function record(index: number, overrides: Partial<TraceRecord> = {}): TraceRecord {
  return { index, kind: TraceKind.tick, timeUs: index * 1000, node: 1, peer: 0, a: 0, b: 0, detail: null, ...overrides };
}

const trace = (length: number) => Array.from({ length }, (_, index) => record(index));

describe('firstDivergence', () => {
  it('finds none between equal traces', () => {
    expect(firstDivergence(trace(5), trace(5))).toBeNull();
  });

  it('names the first record that differs, in any field or in its detail', () => {
    const changedNode = trace(5).map((entry) => (entry.index >= 3 ? { ...entry, node: 2 } : entry));
    expect(firstDivergence(trace(5), changedNode)).toMatchObject({ index: 3, a: { node: 1 }, b: { node: 2 } });
    const withDetail = (value: number) => [...trace(2), record(2, { detail: { term: value } })];
    expect(firstDivergence(withDetail(1), withDetail(1))).toBeNull();
    expect(firstDivergence(withDetail(1), withDetail(2))?.index).toBe(2);
  });

  it('names the end of the shorter trace when one is a prefix of the other', () => {
    expect(firstDivergence(trace(3), trace(5))).toMatchObject({ index: 3, a: null, b: { index: 3 } });
  });
});
