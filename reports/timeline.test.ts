import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { findNamedScenario, runScenario } from '../scenarios/index.js';
import { renderTimeline, TIMELINE_COLUMNS, timelineLine } from './timeline.js';

const plain = new Chalk({ level: 0 });
const coloured = new Chalk({ level: 2 });

/** A line as terminal columns: ⚡ is drawn two columns wide, every other character one. */
function asColumns(line: string): string[] {
  return [...line].flatMap((character) => (character === '⚡' ? ['⚡', ''] : [character]));
}

describe('the terminal timeline', () => {
  it('shows a split vote as candidates standing again, term after term', () => {
    const lines = renderTimeline(runScenario(findNamedScenario('split-vote')!).run, plain);
    expect(lines.filter((line) => / became candidate: election for term 2$/.test(line))).toHaveLength(4);
    expect(lines.filter((line) => / stood again: election for term 3$/.test(line))).toHaveLength(4);
    expect(lines.some((line) => /align the election timers of nodes/.test(line))).toBe(true);
  });

  it('reports a candidate that steps down to a higher term once, as a step down', () => {
    const lines = renderTimeline(runScenario(findNamedScenario('figure-8')!).run, plain);
    const stepDown = lines.findIndex((line) => /n5 {2}· {2}t5 {4}c\d+ +became follower in term 5/.test(line));
    expect(stepDown).toBeGreaterThan(0);
    expect(lines[stepDown - 1]).not.toMatch(/n5 .*stood again/);
    expect(lines.every((line) => /^ {0,4}\d+\.\d{3}s {2}/.test(line))).toBe(true);
  });

  it('gives every line fixed-width columns: time, node, glyph, term, commit index, then what happened', () => {
    const lines = renderTimeline(runScenario(findNamedScenario('leader-isolated')!).run, plain);
    expect(lines.some((line) => line.includes('⚡'))).toBe(true);
    const { time, node, glyph, term, commit } = TIMELINE_COLUMNS;
    const description = time + 2 + node + 1 + glyph + 1 + term + commit;
    for (const line of lines) {
      const columns = asColumns(line);
      expect(columns.slice(0, description).join(''), line).toMatch(/^ *\d+\.\d{3}s {2}(n\d+ *| {3}) \S {1,2}(t\d+ *| {6})(c\d+ *| {7})$/);
      expect(columns[description - 1], line).toBe(' ');
      expect(columns[description], line).not.toBe(' ');
    }
  });

  it('keeps a space after a term or commit index wider than its column, as a day-long run reaches', () => {
    const { term, commit } = TIMELINE_COLUMNS;
    const wideTerm = 10 ** (term - 1);
    const wideCommit = 10 ** (commit - 1);
    const text = timelineLine(plain, 23_505_832_000, 3, '★', wideTerm, wideCommit, 'commit index');
    expect(`t${wideTerm}`.length).toBeGreaterThanOrEqual(term);
    expect(`c${wideCommit}`.length).toBeGreaterThanOrEqual(commit);
    expect(text).toContain(` t${wideTerm} c${wideCommit} commit index`);
  });

  it('shows each node’s commit index as it stood at that line, and a leader’s commits as it advances', () => {
    const lines = renderTimeline(runScenario(findNamedScenario('leader-isolated')!).run, plain);
    const commitLines = lines.filter((line) => / commit index \d+ \(/.test(line));
    expect(commitLines.length).toBeGreaterThan(2);
    for (const line of commitLines) {
      const [, column, index] = /★ {2}t\d+ +c(\d+) +commit index (\d+)/.exec(line)!;
      expect(column).toBe(index);
    }
    const indexes = commitLines.map((line) => Number(/commit index (\d+)/.exec(line)![1]));
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    // The isolated old leader rejoins as a follower with the commit index it had reached.
    expect(lines.find((line) => /became follower of node \d+ in term 3/.test(line))).toMatch(/ c\d+ /);
  });

  it('colours only with a colouring chalk; plain text has no escapes', () => {
    const run = runScenario(findNamedScenario('leader-crash')!).run;
    // eslint-disable-next-line no-control-regex -- ANSI escapes are what this looks for
    const ansi = /\u001b\[/;
    expect(renderTimeline(run, plain).some((line) => ansi.test(line))).toBe(false);
    expect(renderTimeline(run, coloured).every((line) => ansi.test(line))).toBe(true);
  });

  it('shows membership changes, refused ones with the reason, spares switched on and off, and snapshot installs', () => {
    const added = renderTimeline(runScenario(findNamedScenario('membership-add-under-load')!).run, plain);
    expect(added.filter((line) => / ± {2}t1 +c\d+ +add node 4: configuration entry at index \d+$/.test(line))).toHaveLength(1);
    expect(added.some((line) => /refused to add node 5: the configuration change at index \d+ is not committed yet$/.test(line))).toBe(true);
    expect(added.some((line) => /skipped: add/.test(line))).toBe(false);
    expect(added.filter((line) => / n[45] {2}↺ +switched on to join the cluster$/.test(line))).toHaveLength(2);
    const partitioned = renderTimeline(runScenario(findNamedScenario('membership-change-during-partition')!).run, plain);
    expect(partitioned.some((line) => / n6 {2}⊘ +switched off: its add was never committed$/.test(line))).toBe(true);
    const removed = renderTimeline(runScenario(findNamedScenario('membership-remove-leader')!).run, plain);
    expect(removed.some((line) => /⊘ +removed from the configuration: shut down for good$/.test(line))).toBe(true);
    const snapshot = renderTimeline(runScenario(findNamedScenario('snapshot-catch-up')!).run, plain);
    expect(snapshot.some((line) => /▣ +c\d+ +installed the leader's snapshot through index \d+ \(term 1\) in place of its log$/.test(line))).toBe(true);
  });
});
