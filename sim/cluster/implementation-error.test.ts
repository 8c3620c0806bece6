import { describe, expect, it } from 'vitest';
import { referenceImplementation } from '../../core/index.js';
import type { RaftImplementation } from '../../core/index.js';
import { simulationOptions } from '../options.js';
import { runSimulation } from '../simulation.js';

/** The reference node, but its first tick throws with a message full of terminal controls. */
const throwing: RaftImplementation = {
  name: 'throws-controls',
  create: (config) => {
    const node = referenceImplementation.create(config);
    return { ...node, tick: () => { throw new Error(`\u001b[2J\u001b]0;owned\u0007 ${'x'.repeat(5_000)}`); } };
  },
};

describe('an exception an implementation throws', () => {
  it('is reported with its message escaped and bounded, since reports print it', () => {
    const result = runSimulation(simulationOptions({ implementation: throwing, seed: 1, durationMs: 1_000 }));
    const violation = result.violations.find((found) => found.checker === 'implementation-error');
    expect(violation?.message).toMatch(/^node \d threw: \\x1b\[2J\\x1b\]0;owned\\x07 x+… \(5015 characters\)( \(at .*\))?$/);
    // eslint-disable-next-line no-control-regex -- control characters are what must not get through
    expect(violation?.message).not.toMatch(/[\u0000-\u001f]/);
  });
});
