import { describe, expect, it } from 'vitest';
import { DEFAULT_FAULT_PROFILE, randomFaultSchedule } from './random-faults.js';

describe('random fault schedules', () => {
  it('draw drop-messages only from a profile that gives it a weight, so that existing seeds draw what they did', () => {
    const types = (profile = DEFAULT_FAULT_PROFILE) =>
      new Set([1, 2, 3, 4, 5].flatMap((seed) => randomFaultSchedule(seed, 5, 20_000, profile).map((fault) => fault.action.type)));
    expect(types().has('drop-messages')).toBe(false);
    const withDrops = { ...DEFAULT_FAULT_PROFILE, weights: { ...DEFAULT_FAULT_PROFILE.weights, dropMessages: 2 } };
    expect(types(withDrops).has('drop-messages')).toBe(true);
    // A weight of 0 draws nothing, and leaves every other draw as it was.
    const zero = { ...DEFAULT_FAULT_PROFILE, weights: { ...DEFAULT_FAULT_PROFILE.weights, dropMessages: 0 } };
    expect(randomFaultSchedule(9, 5, 20_000, zero)).toEqual(randomFaultSchedule(9, 5, 20_000));
  });
});
