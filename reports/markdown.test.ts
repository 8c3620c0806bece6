import { describe, expect, it } from 'vitest';
import { applyCheckSettings, findNamedScenario, runScenario } from '../scenarios/index.js';
import type { ExploreResult, ScenarioRunResult } from '../scenarios/index.js';
import { exploreToMarkdown, runToMarkdown } from './markdown.js';

function runSkipping(skipCheckers: readonly string[]): ScenarioRunResult {
  const scenario = findNamedScenario('split-vote')!;
  return runScenario(applyCheckSettings(scenario, { livenessWithinMs: null, skipCheckers }));
}

const FAILURE = { kind: 'violation', checker: 'election-safety', message: 'two leaders', atMs: 1200 } as const;

function exploreResult(failed: number): ExploreResult {
  const scenario = findNamedScenario('split-vote')!;
  const failures = Array.from({ length: failed }, (_, index) => ({ ...FAILURE, seed: index + 1, traceHash: '0', violation: null, scenario }));
  return { fromSeed: 1, seeds: 2, stoppedEarly: false, passed: 2 - failed, failed: failures, eventLimited: 0, totalEvents: 10, totalVirtualMs: 2000, statistics: null };
}

const exploreContext = { implementation: 'reference', scenario: null, statistics: null, replayOf: (seed: number) => `npx raftsim run --seed ${seed}` };

describe('the Markdown summaries name the checks that were not run, beside the verdict', () => {
  it('run: a passing verdict says which checks it did not cover', () => {
    const skipping = runSkipping(['persist-before-send', 'election-safety']);
    expect(skipping.passed).toBe(true);
    expect(runToMarkdown(skipping, 'replay')).toContain('All checks held (not checked: persist-before-send, election-safety).');
    expect(runToMarkdown(runSkipping([]), 'replay')).toContain('All checks held.');
  });

  it('run: a failing verdict is followed by the checks not run', () => {
    const failing = { ...runSkipping(['persist-before-send']), passed: false, failures: [FAILURE] };
    const lines = runToMarkdown(failing, 'replay');
    const table = lines.indexOf('| election-safety | 1.200s | two leaders |');
    expect(table).toBeGreaterThan(0);
    expect(lines.slice(table + 1, table + 3)).toEqual(['', 'Not checked (skipped): persist-before-send.']);
    expect(runToMarkdown({ ...failing, scenario: runSkipping([]).scenario }, 'replay').join('\n')).not.toContain('Not checked');
  });

  it('explore: the verdict over the seeds says which checks no seed was judged by', () => {
    const context = { ...exploreContext, skippedCheckers: ['liveness'] };
    expect(exploreToMarkdown(exploreResult(0), context)).toContain('No seed failed a check (not checked: liveness).');
    expect(exploreToMarkdown(exploreResult(1), context)).toContain('Not checked (skipped): liveness.');
    expect(exploreToMarkdown(exploreResult(0), exploreContext)).toContain('No seed failed a check.');
    expect(exploreToMarkdown(exploreResult(1), exploreContext).join('\n')).not.toContain('Not checked');
  });
});

describe('an exploration that stopped early never reads as a pass', () => {
  it('explore: the summary says how many of the seeds asked for ran, and that this is not a pass', () => {
    const stopped = { ...exploreResult(0), stoppedEarly: true };
    const text = exploreToMarkdown(stopped, { ...exploreContext, seedsRequested: 5000 }).join('\n');
    expect(text).toContain('**Stopped early:** 2 seeds of the 5000 asked for ran; the others were not checked, so this is not a pass.');
    expect(exploreToMarkdown(exploreResult(0), exploreContext).join('\n')).not.toContain('Stopped early');
  });
});
