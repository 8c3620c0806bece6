import { describe, expect, it } from 'vitest';
import { readyProblem } from './wire.js';

const quiet = { hardState: null, logWrite: null, committedEntries: null, messages: [], softState: null, commitIndex: 3 };

describe("a program's Ready", () => {
  it('may name the client commands it acknowledges, as indexes', () => {
    expect(readyProblem({ ...quiet })).toBeNull();
    expect(readyProblem({ ...quiet, acknowledgedIndexes: [2, 3] })).toBeNull();
    expect(readyProblem({ ...quiet, acknowledgedIndexes: [2, -1] })).toBe('acknowledgedIndexes must be an array of indexes');
    expect(readyProblem({ ...quiet, acknowledgedIndexes: 'all' })).toBe('acknowledgedIndexes must be an array of indexes');
  });
});
