import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findNamedScenario, referenceImplementation, runScenario, scenarioArbitrary } from 'raftsim';

// Swap in your own implementation of the node contract here.
const implementation = referenceImplementation;

describe('our Raft under raftsim', () => {
  it('keeps every safety property, and converges once faults stop, under random fault schedules', () => {
    fc.assert(
      fc.property(scenarioArbitrary({ maxNodes: 5, durationMs: 3_000 }), (scenario) => {
        const result = runScenario(scenario, { implementation });
        // On failure fast-check prints the shrunk scenario; result.failures says which check broke.
        expect(result.failures).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });

  it('elects a new leader within 1.5 s of a leader crash', () => {
    const result = runScenario(findNamedScenario('leader-crash')!, { implementation });
    expect(result.passed).toBe(true);
  });
});
