import { describe, expect, it } from 'vitest';
import { duration } from './document-fields.js';

describe('a duration written in a scenario file', () => {
  it('takes ms, s, m and h, or a number of ms, up to the 24h the refusal names', () => {
    expect(duration.parse('150ms')).toBe(150);
    expect(duration.parse('2s')).toBe(2_000);
    expect(duration.parse('1.5m')).toBe(90_000);
    expect(duration.parse('2h')).toBe(7_200_000);
    expect(duration.parse('24h')).toBe(86_400_000);
    expect(duration.parse(250)).toBe(250);
  });

  it('refuses longer than a day, saying so in hours', () => {
    for (const written of ['25h', '1441m', 86_400_001]) {
      const parsed = duration.safeParse(written);
      expect(parsed.success, String(written)).toBe(false);
      expect(JSON.stringify(parsed.error?.issues), String(written)).toContain('at most 24h');
    }
  });
});
