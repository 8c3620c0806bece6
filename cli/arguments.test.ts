import { describe, expect, it } from 'vitest';
import { MAX_DURATION_MS, parseDuration, parseSeed, parseWholeNumber, requireSeedsFit, UsageError } from './arguments.js';

const refusal = (parse: () => unknown): string => {
  try {
    parse();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('durations on the command line', () => {
  it('take ms, s, m and h, or a bare number of seconds, up to the 24h the limit names', () => {
    expect(parseDuration('duration', '500ms')).toBe(500);
    expect(parseDuration('duration', '1.5s')).toBe(1_500);
    expect(parseDuration('duration', '2m')).toBe(120_000);
    expect(parseDuration('duration', '1h')).toBe(3_600_000);
    expect(parseDuration('duration', '24h')).toBe(MAX_DURATION_MS);
    expect(parseDuration('duration', '1440m')).toBe(MAX_DURATION_MS);
    expect(parseDuration('duration', '3')).toBe(3_000);
  });

  it('refuse what is longer, with the limit in a unit they take', () => {
    expect(refusal(() => parseDuration('duration', '25h'))).toBe('--duration must be at most 24h of virtual time, got "25h"');
    expect(refusal(() => parseDuration('duration', '1441m'))).toContain('at most 24h');
    expect(refusal(() => parseDuration('duration', '99999999999999999999h'))).toContain('at most 24h');
  });

  it('refuse a negative or zero duration as not positive, and anything else as not a duration', () => {
    expect(refusal(() => parseDuration('duration', '-5s'))).toBe('--duration must be a positive duration, got "-5s"');
    expect(refusal(() => parseDuration('duration', '0s'))).toBe('--duration must be a positive duration of at least 1ms, got "0s"');
    expect(refusal(() => parseDuration('duration', '0.1ms'))).toContain('at least 1ms');
    expect(refusal(() => parseDuration('duration', '5d'))).toBe('--duration must be a duration such as 10s, 500ms, 2m or 1h, got "5d"');
    expect(refusal(() => parseDuration('duration', '\u001b[2J'))).toBe('--duration must be a duration such as 10s, 500ms, 2m or 1h, got "\\x1b[2J"');
  });
});

describe('whole numbers and seeds on the command line', () => {
  it('refuse a seed beyond the largest safe integer for what it is, not as out of range', () => {
    expect(parseSeed('seed', '9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(refusal(() => parseSeed('seed', '9007199254740993'))).toBe('--seed 9007199254740993 is not a safe integer: it must be at most 9007199254740991');
    expect(refusal(() => parseSeed('seed', '9007199254740992'))).toContain('not a safe integer');
    expect(refusal(() => parseSeed('seed', '-1'))).toBe('--seed must be a whole number at least 0, got -1');
  });

  it('name the range where there is one', () => {
    expect(refusal(() => parseWholeNumber('nodes', '99999999999999999999', 1, 15))).toBe('--nodes must be a whole number from 1 to 15, got 99999999999999999999');
    expect(refusal(() => parseWholeNumber('seeds', '1.5', 1, 10))).toBe('--seeds must be a whole number, got "1.5"');
  });

  it('refuse seeds that would run past the largest safe integer, before any runs', () => {
    expect(() => requireSeedsFit(Number.MAX_SAFE_INTEGER - 2, 3)).not.toThrow();
    expect(refusal(() => requireSeedsFit(9_007_199_254_740_990, 3))).toBe(
      '--from 9007199254740990 with --seeds 3 would run seeds up to 9007199254740992, past 9007199254740991, the largest safe integer: lower --from or --seeds',
    );
  });
});
