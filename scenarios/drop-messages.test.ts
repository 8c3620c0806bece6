/**
 * The drop-messages fault from end to end: written in a scenario file, carried out by the simulator
 * (a candidate that never hears its votes cannot win), recorded in the trace with its own drop
 * reason, drawn by fast-check and cut by the shrinker.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Message } from '../core/index.js';
import { KNOWN_BUGS } from '../bugs/index.js';
import { DropReason, ROLE_NAMES, TraceKind } from '../sim/index.js';
import type { FaultAction } from '../sim/index.js';
import { faultActionArbitrary, restrictToNodes } from './arbitraries.js';
import { parseScenarioText } from './load.js';
import { runScenario } from './run-scenario.js';
import type { Scenario } from './scenario.js';
import { scenarioFromDocument, scenarioToDocument } from './schema.js';
import { shrinkScenario } from './shrink.js';
import { explore } from './explore.js';
import { scenarioForSeed } from './swarm.js';
import { FIRST_CATCHING_SEED } from '../test/known-bug-seeds.js';

/**
 * Node 3 times out long before the others, so once the leader is crashed and back it stands first and
 * keeps standing; for two seconds every vote it is granted is dropped on its way back.
 */
const UNHEARD_VOTES = `
name: unheard-votes
cluster:
  nodes: 3
  electionTimeout: [300ms, 400ms]
  perNode:
    "3": { electionTimeout: [100ms, 120ms] }
timeline:
  - at: 1s
    label: filter
    drop-messages: { kind: RequestVoteResponse, to: 3, for: 2s }
  - at: 1s
    crash: 3
  - at: 1100ms
    restart: 3
`;

function parse(text: string): Scenario {
  const parsed = parseScenarioText(text, 'yaml', 'test.yaml');
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.scenario;
}

function problemOf(timelineStep: string): string {
  const parsed = parseScenarioText(`name: x\ntimeline:\n  - at: 1s\n    ${timelineStep}\n`, 'yaml', 'bad.yaml');
  if (parsed.ok) throw new Error('expected a problem');
  return parsed.problem;
}

describe('drop-messages: selective loss by message type', () => {
  it('reads from a scenario file and writes back the same document', () => {
    const scenario = parse(UNHEARD_VOTES);
    expect(scenario.timeline[0]!.action).toEqual({ type: 'drop-messages', messageType: 'RequestVoteResponse', to: 3, forMs: 2000 });
    const document = scenarioToDocument(scenario);
    expect((document.timeline as Record<string, unknown>[])[0]).toEqual({ at: '1s', label: 'filter', 'drop-messages': { kind: 'RequestVoteResponse', to: 3, for: '2s' } });
    const again = scenarioFromDocument(document);
    expect(again.ok && again.scenario).toEqual(scenario);
    const everywhere = parse('name: x\ntimeline:\n  - at: 1s\n    drop-messages: { kind: AppendEntriesRequest, from: leader, to: [1, 2] }\n');
    expect(everywhere.timeline[0]!.action).toEqual({ type: 'drop-messages', messageType: 'AppendEntriesRequest', from: 'leader', to: [1, 2] });
  });

  it('refuses a bad step with one line that names the field', () => {
    expect(problemOf('drop-messages: { kind: Vote }')).toMatch(/^bad\.yaml: timeline\[0\]\.drop-messages\.kind: a message type: RequestVoteRequest, /);
    expect(problemOf('drop-messages: { to: 3 }')).toMatch(/^bad\.yaml: timeline\[0\]\.drop-messages\.kind: /);
    expect(problemOf('drop-messages: { kind: RequestVoteResponse, node: 3 }')).toBe('bad.yaml: timeline[0].drop-messages: unknown field "node"');
    expect(problemOf('drop-messages: { kind: RequestVoteResponse, to: 9 }')).toBe('bad.yaml: timeline[0]: node 9 does not exist in a cluster of 5');
    expect(problemOf('drop-messages: { kind: RequestVoteResponse, for: 0s }')).toMatch(/^bad\.yaml: timeline\[0\]\.drop-messages\.for: /);
    for (const problem of [problemOf('drop-messages: { kind: Vote }'), problemOf('drop-messages: { to: 3 }')]) expect(problem).not.toContain('\n');
  });

  it('a candidate whose granted votes are all dropped wins no election while the filter lasts', () => {
    const result = runScenario(parse(UNHEARD_VOTES));
    expect(result.run.violations).toEqual([]);
    const records = result.run.trace.records();
    const filters = records.filter((record) => record.kind === TraceKind.messageFilter);
    expect(filters.map((record) => [record.timeUs, record.a])).toEqual([
      [1_000_000, 1],
      [3_000_000, 0],
    ]);
    // The behaviour the fault is for: node 3 stands in the window and never wins there.
    const inWindow = (atMs: number) => atMs >= 1000 && atMs <= 3000;
    const rolesOf3 = records.filter((record) => record.kind === TraceKind.roleChange && record.node === 3 && inWindow(record.timeUs / 1000));
    expect(rolesOf3.some((record) => ROLE_NAMES[record.a] === 'candidate')).toBe(true);
    expect(rolesOf3.filter((record) => ROLE_NAMES[record.a] === 'leader')).toEqual([]);
    // Once the filter ends, the votes get through and node 3 wins.
    expect(records.some((record) => record.kind === TraceKind.roleChange && record.node === 3 && ROLE_NAMES[record.a] === 'leader' && record.timeUs > 3_000_000)).toBe(true);
    const filtered = records.filter((record) => record.kind === TraceKind.drop && record.b % 8 === DropReason.filtered);
    expect(filtered.length).toBeGreaterThan(0);
    for (const record of filtered) {
      const message = record.detail as Message;
      expect([message.type, message.to]).toEqual(['RequestVoteResponse', 3]);
      expect(inWindow(record.timeUs / 1000)).toBe(true);
    }
    expect(filters[1]!.b).toBe(filtered.length);
  });

  it('is drawn by the swarm on about a quarter of the seeds, which hold every check and converge', () => {
    const seeds = Array.from({ length: 120 }, (_, index) => index + 1);
    const drawing = seeds.filter((seed) =>
      scenarioForSeed(seed, { nodeCount: null, durationMs: 5_000, faults: 'swarm' }).timeline.some((step) => step.action.type === 'drop-messages'),
    );
    expect(drawing.length).toBeGreaterThan(12);
    expect(drawing.length).toBeLessThan(48);
    for (const seed of drawing.slice(0, 8)) {
      const result = runScenario(scenarioForSeed(seed, { nodeCount: null, durationMs: 5_000, faults: 'swarm' }), { trace: 'full' });
      expect(result.failures, `seed ${seed}`).toEqual([]);
    }
  });

  it('is drawn by fast-check, and restricted with the cluster when shrinking cuts nodes', () => {
    const drawn = fc.sample(faultActionArbitrary(5), { numRuns: 500, seed: 7 }).filter((action) => action.type === 'drop-messages');
    expect(drawn.length).toBeGreaterThan(0);
    const action: FaultAction = { type: 'drop-messages', messageType: 'AppendEntriesRequest', from: 1, to: [2, 5] };
    expect(restrictToNodes(action, 5)).toEqual(action);
    expect(restrictToNodes(action, 4)).toBeNull();
  });

  it('the shrinker cuts drop-messages steps that the failure does not need', () => {
    const bug = KNOWN_BUGS.find((known) => known.name === 'double-vote')!;
    const found = explore({ fromSeed: FIRST_CATCHING_SEED['double-vote']!.seed, seeds: 1, implementation: bug.implementation }).failed[0]!;
    // Leadership transfers are never drawn here, so dropping their messages changes nothing but the timeline.
    const filters = [1, 2, 3].map((atMs) => ({ atMs, action: { type: 'drop-messages', messageType: 'TimeoutNowRequest', to: 'follower', forMs: 300 } as const }));
    const scenario: Scenario = { ...found.scenario, timeline: [...filters, ...found.scenario.timeline] };
    expect(runScenario(scenario, { implementation: bug.implementation, trace: 'hash' }).failures[0]?.checker).toBe(found.checker);
    const attempt = shrinkScenario(scenario, bug.implementation, 300);
    if (!attempt.ok) throw new Error(attempt.problem);
    expect(attempt.result.failure.checker).toBe(found.checker);
    const left = attempt.result.shrunk.timeline.filter((step) => step.action.type === 'drop-messages');
    expect(left.length).toBeLessThan(filters.length);
  });
});
