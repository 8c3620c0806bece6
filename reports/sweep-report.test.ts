import { describe, expect, it } from 'vitest';
import type { SweepResult } from '../scenarios/index.js';
import type { SweepReport } from './sweep-report.js';
import { renderSweepHtml, renderSweepText, sweepToCsv, sweepToJson } from './sweep-report.js';

const RESULT: SweepResult = {
  parameters: ['latency', 'preVote'],
  measures: ['electionTimeMs', 'splitVotes'],
  runs: 4,
  stoppedEarly: false,
  points: [
    {
      point: { labels: ['1ms', 'true'], policies: { preVote: true }, network: { latencyMs: [1, 1] } },
      runs: [
        { seed: 5, values: [120, 0], traceHash: 'aa', failures: [] },
        { seed: 6, values: [null, 2], traceHash: 'bb', failures: [] },
      ],
      summaries: [
        { count: 1, mean: 120, low: 120, high: 120 },
        { count: 2, mean: 1, low: 0, high: 2 },
      ],
    },
    {
      point: { labels: ['20ms', 'true'], policies: { preVote: true }, network: { latencyMs: [20, 20] } },
      runs: [
        { seed: 5, values: [300, 1], traceHash: 'cc', failures: [{ kind: 'violation', checker: 'election-safety', message: 'two leaders', atMs: 5 }] },
        { seed: 6, values: [340, 3], traceHash: 'dd', failures: [] },
      ],
      summaries: [
        { count: 2, mean: 320, low: 300, high: 340 },
        { count: 2, mean: 2, low: 1, high: 3 },
      ],
    },
  ],
};

const REPORT: SweepReport = {
  provenance: { command: 'raftsim experiment sweep --param latency=1ms,20ms', version: '9.9.9', fromSeed: 5, seeds: 2, scenario: null, implementation: 'reference', resamples: 300, level: 0.95 },
  result: RESULT,
};

describe('sweep reports', () => {
  it('writes a CSV row per setting and seed under its command, version and seeds', () => {
    const lines = sweepToCsv(REPORT).trimEnd().split('\n');
    expect(lines[0]).toBe('# command: raftsim experiment sweep --param latency=1ms,20ms');
    expect(lines[1]).toContain('raftsim 9.9.9 · reference · seeds 5–6 (2)');
    expect(lines).toContain('# latency=20ms preVote=true: electionTimeMs 320 [300, 340] (2)');
    const rows = lines.filter((line) => !line.startsWith('#'));
    expect(rows).toEqual([
      'latency,preVote,seed,electionTimeMs,splitVotes,traceHash,failures',
      '1ms,true,5,120,0,aa,0',
      '1ms,true,6,,2,bb,0',
      '20ms,true,5,300,1,cc,1',
      '20ms,true,6,340,3,dd,0',
    ]);
  });

  it('prints one row per setting with each mean, interval and count', () => {
    const lines = renderSweepText(REPORT);
    expect(lines[0]).toBe('command: raftsim experiment sweep --param latency=1ms,20ms');
    const rows = lines.filter((line) => /^(1ms|20ms) /.test(line));
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatch(/^20ms +true +320 \[300, 340\] \(2\) +2 \[1, 3\] \(2\)$/);
  });

  it('keeps every seed in the JSON, named by setting', () => {
    const json = sweepToJson(REPORT) as { points: { settings: Record<string, string>; summaries: Record<string, unknown>; seedResults: { seed: number; failures: string[] }[] }[] };
    expect(json.points[1]!.settings).toEqual({ latency: '20ms', preVote: 'true' });
    expect(json.points[1]!.summaries['electionTimeMs']).toEqual({ count: 2, mean: 320, low: 300, high: 340 });
    expect(json.points[1]!.seedResults[0]!.failures).toEqual(['election-safety: two leaders']);
  });

  it('draws a chart per measure: a dot and an interval bar per setting that has the measure', () => {
    const html = renderSweepHtml(REPORT);
    expect(html.match(/<g class="panel">/g)).toHaveLength(2);
    expect(html.match(/<circle /g)).toHaveLength(4);
    expect(html.match(/class="interval"/g)).toHaveLength(4);
    expect(html).toContain('raftsim experiment sweep --param latency=1ms,20ms');
    const empty = renderSweepHtml({ ...REPORT, result: { ...RESULT, points: [{ ...RESULT.points[0]!, summaries: [{ count: 0, mean: null, low: null, high: null }, RESULT.points[0]!.summaries[1]!] }] } });
    expect(empty.match(/<circle /g)).toHaveLength(1);
  });
});
