import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { findNamedScenario, runScenario } from '../scenarios/index.js';
import { renderTimeline } from './timeline.js';

const plain = new Chalk({ level: 0 });

describe('the terminal timeline', () => {
  it('shows a split vote as candidates standing again, term after term', () => {
    const lines = renderTimeline(runScenario(findNamedScenario('split-vote')!).run, plain);
    expect(lines.filter((line) => / became candidate: election for term 2$/.test(line))).toHaveLength(4);
    expect(lines.filter((line) => / stood again: election for term 3$/.test(line))).toHaveLength(4);
    expect(lines.some((line) => /align the election timers of nodes/.test(line))).toBe(true);
  });

  it('reports a candidate that steps down to a higher term once, as a step down', () => {
    const lines = renderTimeline(runScenario(findNamedScenario('figure-8')!).run, plain);
    const stepDown = lines.findIndex((line) => /n5 {2}· t5 {3}became follower in term 5/.test(line));
    expect(stepDown).toBeGreaterThan(0);
    expect(lines[stepDown - 1]).not.toMatch(/n5 .*stood again/);
    expect(lines.every((line) => /^ {0,4}\d+\.\d{3}s {2}/.test(line))).toBe(true);
  });
});
