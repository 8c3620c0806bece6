import { describe, expect, it } from 'vitest';
import type { CoreOptions } from './options.js';
import { coreOptionsProblem, DEFAULT_CORE_OPTIONS } from './options.js';

/** The problem with the defaults changed by the fields given. */
function problemWith(changes: Record<string, unknown>): string | null {
  return coreOptionsProblem({ ...DEFAULT_CORE_OPTIONS, ...changes } as CoreOptions);
}

describe('core options', () => {
  it('default to plain Raft, as docs/contract.md lists them: timeouts of 10 to 20 ticks, heartbeats every 5, no optional feature', () => {
    expect(DEFAULT_CORE_OPTIONS).toEqual({
      electionTimeoutMinTicks: 10,
      electionTimeoutMaxTicks: 20,
      heartbeatTicks: 5,
      maxEntriesPerAppend: 64,
      maxInflightAppends: 16,
      preVote: false,
      checkQuorum: false,
      leaseReads: false,
      leaseClockDrift: 0.3,
    });
    expect(coreOptionsProblem(DEFAULT_CORE_OPTIONS)).toBeNull();
  });

  it.each(['electionTimeoutMinTicks', 'electionTimeoutMaxTicks', 'heartbeatTicks', 'maxEntriesPerAppend', 'maxInflightAppends'])(
    'want %s a whole number of at least 1, naming it and the value given',
    (name) => {
      // Both timeouts move together, so that only the field under test is wrong.
      const timeouts = name.startsWith('electionTimeout') ? { electionTimeoutMinTicks: 1, electionTimeoutMaxTicks: 1 } : {};
      expect(problemWith({ ...timeouts, [name]: 1 })).toBeNull();
      expect(problemWith({ ...timeouts, [name]: 0 })).toBe(`${name} must be a whole number ≥ 1, got 0`);
      expect(problemWith({ ...timeouts, [name]: 1.5 })).toBe(`${name} must be a whole number ≥ 1, got 1.5`);
      expect(problemWith({ ...timeouts, [name]: Number.NaN })).toBe(`${name} must be a whole number ≥ 1, got NaN`);
    },
  );

  it.each(['preVote', 'checkQuorum', 'leaseReads'])('want %s true or false, not a truthy stand-in', (name) => {
    expect(problemWith({ [name]: 'yes' })).toBe(`${name} must be true or false, got yes`);
    expect(problemWith({ [name]: 1 })).toBe(`${name} must be true or false, got 1`);
    expect(problemWith({ [name]: undefined })).toBe(`${name} must be true or false, got undefined`);
  });

  it('want a lease clock drift from 0 up to but not including 1', () => {
    const usable = (leaseClockDrift: number) => problemWith({ leaseClockDrift }) === null;
    expect([0, 0.3, 0.999].map(usable)).toEqual([true, true, true]);
    expect([-0.01, 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY].map(usable)).toEqual([false, false, false, false, false]);
    expect(problemWith({ leaseClockDrift: 1 })).toBe('leaseClockDrift must be at least 0 and below 1, got 1');
  });

  it('refuse lease reads without CheckQuorum, whose stickiness the lease relies on (dissertation §6.4.1)', () => {
    expect(problemWith({ leaseReads: true })).toMatch(/^leaseReads needs checkQuorum/);
    expect(problemWith({ leaseReads: true, checkQuorum: true })).toBeNull();
  });

  it('refuse a maximum election timeout below the minimum, and allow a fixed one', () => {
    expect(problemWith({ electionTimeoutMinTicks: 10, electionTimeoutMaxTicks: 9 })).toBe('electionTimeoutMaxTicks (9) is below electionTimeoutMinTicks (10)');
    expect(problemWith({ electionTimeoutMinTicks: 10, electionTimeoutMaxTicks: 10 })).toBeNull();
  });

  it('name the first problem of several, in the order the fields are listed', () => {
    expect(problemWith({ heartbeatTicks: 0, preVote: 'no', leaseClockDrift: 2 })).toBe('heartbeatTicks must be a whole number ≥ 1, got 0');
    expect(problemWith({ preVote: 'no', leaseClockDrift: 2 })).toBe('preVote must be true or false, got no');
  });

  it('throw a TypeError naming the argument for something that is not an options object at all', () => {
    const check = (value: unknown) => () => coreOptionsProblem(value as CoreOptions);
    expect(check(null)).toThrow(new TypeError('coreOptionsProblem: options must be a CoreOptions object, got null'));
    expect(check([10, 20])).toThrow(new TypeError('coreOptionsProblem: options must be a CoreOptions object, got an array of 2'));
  });
});
