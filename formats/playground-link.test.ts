import { describe, expect, it } from 'vitest';
import { findKnownBug } from '../bugs/index.js';
import { referenceImplementation } from '../core/node.js';
import type { RaftImplementation } from '../core/contract.js';
import { parseScenarioText } from '../scenarios/load.js';
import { runScenario } from '../scenarios/run-scenario.js';
import { scenarioToYaml } from '../scenarios/yaml.js';
import { SteppedRun } from '../scenarios/stepped-run.js';
import { DEFAULT_PLAYGROUND_SETTINGS, PLAYGROUND_HORIZON_MS, playgroundLink, playgroundScenario, readPlaygroundLink } from './playground-link.js';
import type { PlaygroundRun } from './playground-link.js';

const RUN: PlaygroundRun = {
  settings: { ...DEFAULT_PLAYGROUND_SETTINGS, seed: 7, nodes: 5, spares: 1, preVote: true, requestsPerSecond: 5 },
  actions: [
    { atUs: 400_001, action: { type: 'crash', nodes: [1] } },
    { atUs: 400_001, action: { type: 'cut', from: [2], to: [3] } },
    { atUs: 650_123, action: { type: 'network', from: 3, to: 4, change: { lossRate: 0.3 } } },
    { atUs: 700_000, action: { type: 'clock-drift', node: 2, rate: 1.5 } },
    { atUs: 900_000, action: { type: 'propose', count: 3 } },
    { atUs: 1_000_000, action: { type: 'add-server', node: 5 } },
    { atUs: 1_200_000, action: { type: 'restart', nodes: [1] } },
    { atUs: 1_300_000, action: { type: 'heal' } },
    { atUs: 1_500_000, action: { type: 'transfer-leadership', to: 4 } },
  ],
  untilUs: 2_345_678,
};

/** The run as the page runs it: to the horizon, stepped in chunks; its hash once it reached the link's instant. */
function steppedHash(run: PlaygroundRun, implementation: RaftImplementation): string {
  const stepped = new SteppedRun(playgroundScenario({ ...run, untilUs: PLAYGROUND_HORIZON_MS * 1000 }), implementation, { accept: () => {} });
  let guard = 0;
  while (stepped.reachedUs < run.untilUs && !stepped.isOver && guard++ < 100_000) stepped.runThrough(run.untilUs, 97);
  expect(stepped.isOver || stepped.reachedUs === run.untilUs).toBe(true);
  return stepped.hashHex();
}

describe('playground links', () => {
  it('a link reads back as the run it was written from', () => {
    const text = playgroundLink(RUN);
    expect(text).toMatch(/^v=1&seed=7&n=5&spares=1&prevote=1&/);
    expect(text).toContain('a=400001c1,400001x2-3,650123l3-4-30,700000d2-150,900000q3,1000000a5,1200000r1,1300000h,1500000t4');
    const read = readPlaygroundLink(`file:///tmp/playground.html#${text}`);
    expect(read).toEqual({ ok: true, run: RUN });
  });

  it('a damaged link is refused with the field named', () => {
    const text = playgroundLink(RUN);
    expect(readPlaygroundLink(text.replace('v=1', 'v=9'))).toMatchObject({ ok: false, problem: expect.stringContaining('version 1') });
    expect(readPlaygroundLink(text.replace('n=5', 'n=x'))).toMatchObject({ ok: false, problem: expect.stringContaining("link's n") });
    expect(readPlaygroundLink(text.replace('400001c1', '400001z1'))).toMatchObject({ ok: false, problem: expect.stringContaining('unknown action letter') });
    expect(readPlaygroundLink(text.replace('650123l3-4-30', '650123l3-9-30'))).toMatchObject({ ok: false, problem: expect.stringContaining('outside 1–5') });
    expect(readPlaygroundLink(text.replace('t=2345678', 't=5'))).toMatchObject({ ok: false, problem: expect.stringContaining("after the run's end") });
    expect(readPlaygroundLink(text.replace('&seed=7', ''))).toMatchObject({ ok: false, problem: 'the link has no seed' });
  });

  it('the page stepping the run to the link instant and runScenario through it give one trace hash', () => {
    const scenario = playgroundScenario(RUN);
    const whole = runScenario(scenario, { trace: 'hash' });
    expect(whole.run.outcome).toBe('completed');
    expect(whole.steps.every((step) => step.outcome === 'scheduled')).toBe(true);
    expect(steppedHash(RUN, referenceImplementation)).toBe(whole.run.traceHash);
    // An instant not at any event, and one a little later, give different runs: the hash sees the end.
    const shorter = { ...RUN, untilUs: 1_600_000 };
    expect(steppedHash(shorter, referenceImplementation)).toBe(runScenario(playgroundScenario(shorter), { trace: 'hash' }).run.traceHash);
    expect(runScenario(playgroundScenario(shorter), { trace: 'hash' }).run.traceHash).not.toBe(whole.run.traceHash);
  });

  it('the run saved as a scenario file replays with the same trace hash: its actions stay at their microseconds', () => {
    const parsed = parseScenarioText(scenarioToYaml(playgroundScenario(RUN)), 'yaml');
    if (!parsed.ok) throw new Error(parsed.problem);
    expect(parsed.scenario.timeline.map((step) => step.atMs)).toEqual(RUN.actions.map(({ atUs }) => atUs / 1000));
    expect(runScenario(parsed.scenario, { trace: 'hash' }).run.traceHash).toBe(runScenario(playgroundScenario(RUN), { trace: 'hash' }).run.traceHash);
  });

  it('a run stopped by a violation stops at the same event in the page and on the command line', () => {
    const doubleVote = findKnownBug('double-vote')!.implementation;
    const run: PlaygroundRun = { settings: { ...DEFAULT_PLAYGROUND_SETTINGS, seed: 11, bug: 'double-vote' }, actions: [], untilUs: 10_000_000 };
    const command = runScenario(playgroundScenario(run), { implementation: doubleVote, trace: 'hash' });
    expect(command.run.outcome).toBe('violation');
    expect(steppedHash(run, doubleVote)).toBe(command.run.traceHash);
  });
});
