/**
 * The words of scenario files that classic test suites need: nodes remembered from an earlier step, a
 * random node, the leader's peers, reconnect, repeat, commands applied by so many servers, message
 * counts, no leader at a moment, windows after labels, and the heavier network weather.
 */
import { describe, expect, it } from 'vitest';
import { TraceKind } from '../sim/index.js';
import type { TraceRecord } from '../sim/index.js';
import { judgeExpectations } from './expectations.js';
import { parseScenarioText } from './load.js';
import { runScenario } from './run-scenario.js';
import type { ScenarioRunResult } from './run-scenario.js';
import type { Scenario } from './scenario.js';
import { scenarioToYaml } from './yaml.js';

function parse(text: string): Scenario {
  const parsed = parseScenarioText(text, 'yaml', 'words.yaml');
  if (!parsed.ok) throw new Error(parsed.problem);
  const again = parseScenarioText(scenarioToYaml(parsed.scenario), 'yaml', 'again.yaml');
  expect(again.ok && again.scenario, 'survives YAML and back').toEqual(parsed.scenario);
  return parsed.scenario;
}

function problemOf(text: string): string {
  const parsed = parseScenarioText(text, 'yaml', 'bad.yaml');
  if (parsed.ok) throw new Error('expected a problem');
  return parsed.problem;
}

const records = (result: ScenarioRunResult, kind: TraceKind): TraceRecord[] => result.run.trace.records().filter((record) => record.kind === kind);
const failuresOf = (result: ScenarioRunResult): string[] => result.failures.map((failure) => failure.message);

const RE_ELECTION = `name: words
seed: 3
cluster: { nodes: 3, duration: 4s }
workload: { requestsPerSecond: 0 }
timeline:
  - wait-for-leader: 1s
    as: first
  - after: 200ms
    label: cut-first
    isolate: first
  - wait-for-leader: 1s
    as: second
  - after: 200ms
    label: cut-second
    isolate: second
  - after: 1s
    label: back
    reconnect: first
expect:
  - leader-within: 1s
    after: back
  - no-leader-at: 800ms
    after: cut-second
`;

describe('nodes remembered with as, and reconnect', () => {
  it('isolates the nodes the earlier waits found, leaves the second cut off when the first is reconnected, and judges no-leader-at among the connected nodes', () => {
    const result = runScenario(parse(RE_ELECTION));
    expect(failuresOf(result)).toEqual([]);
    const isolated = records(result, TraceKind.partition).map((record) => record.node);
    expect(isolated).toHaveLength(2);
    expect(isolated[0]).not.toBe(isolated[1]);
    // Each isolated node led when it was cut off.
    for (const [position, label] of ['cut-first', 'cut-second'].entries()) {
      const atMs = result.steps.find((step) => step.label === label)!.atMs;
      expect(result.roles.filter((role) => role.node === isolated[position] && role.atMs <= atMs).at(-1)?.role).toBe(label === 'cut-first' ? 'leader' : 'leader');
    }
    expect(records(result, TraceKind.heal).map((record) => [record.node, (record.detail as { type: string }).type])).toEqual([[isolated[0], 'reconnect']]);
    // After the reconnect the second stays cut off: it never hears the new term.
    const backAt = result.steps.find((step) => step.label === 'back')!.atMs;
    const newLeader = result.roles.find((role) => role.role === 'leader' && role.atMs > backAt)!;
    expect(newLeader.node).not.toBe(isolated[1]);
    expect(result.roles.filter((role) => role.node === isolated[1] && role.atMs > backAt).every((role) => role.term < newLeader.term)).toBe(true);
  });

  it('no-leader-at fails, naming the node, when a connected node believes it leads', () => {
    const scenario = parse('name: calm\ncluster: { nodes: 3, duration: 2s }\ntimeline:\n  - wait-for-leader: 1s\n    as: first\n  - after: 100ms\n    label: calm\n    heal: true\nexpect:\n  - no-leader-at: 100ms\n    after: calm\n');
    const result = runScenario(scenario);
    const leader = result.roles.find((role) => role.role === 'leader')!;
    const calmAt = result.steps.find((step) => step.label === 'calm')!.atMs;
    expect(failuresOf(result)).toEqual([`no connected node leads at 100ms after "calm": at ${Math.round(calmAt + 100)}ms node ${leader.node} (term ${leader.term}) believed it leads`]);
  });

  it('a name given by a crash can restart exactly that node, and a name given by any-node is drawn from the run seed', () => {
    const text = `name: words
cluster: { nodes: 5, duration: 3s }
timeline:
  - wait-for-leader: 1s
  - repeat:
      times: 4
      steps:
        - after: [100ms, 300ms]
          crash: any-node
          as: victim
        - after: 150ms
          restart: victim
`;
    const crashesAndRestarts = (seed: number) => {
      const result = runScenario(parse(text), { seed });
      expect(result.failures).toEqual([]);
      const times = (kind: TraceKind) => records(result, kind).map((record): [number, number] => [record.node, record.timeUs]);
      return [times(TraceKind.crash), times(TraceKind.restart)] as const;
    };
    const [crashes, restarts] = crashesAndRestarts(5);
    expect(crashes).toHaveLength(4);
    expect(restarts.map(([node]) => node)).toEqual(crashes.map(([node]) => node));
    for (const [index, [, atUs]] of restarts.entries()) expect(atUs - crashes[index]![1]).toBe(150_000);
    const gaps = crashes.slice(1).map(([, atUs], index) => atUs - restarts[index]![1]);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThanOrEqual(100_000);
      expect(gap).toBeLessThanOrEqual(300_000);
    }
    expect(crashesAndRestarts(5)).toEqual([crashes, restarts]);
    const others = [6, 7, 8, 9].map((seed) => crashesAndRestarts(seed)[0]);
    expect(others.some((other) => JSON.stringify(other) !== JSON.stringify(crashes))).toBe(true);
  });

  it('leader-peers names every node but the leader', () => {
    const result = runScenario(parse('name: words\ncluster: { nodes: 5, duration: 2s }\ntimeline:\n  - wait-for-leader: 1s\n  - after: 100ms\n    crash: leader-peers\n'));
    const leader = result.roles.filter((role) => role.role === 'leader').at(-1)!.node;
    expect(records(result, TraceKind.crash).map((record) => record.node).sort()).toEqual([1, 2, 3, 4, 5].filter((node) => node !== leader));
  });
});

describe('commands applied, proposals named, messages counted', () => {
  const base = (more: string) => `name: words
seed: 4
cluster: { nodes: 3, duration: 3s }
workload: { requestsPerSecond: 0 }
timeline:
  - wait-for-leader: 1s
  - after: 100ms
    label: write
    propose: { command: 7 }
    as: seven
${more}`;

  it('applied holds when the command is applied at one index by as many servers as asked, and names those it saw', () => {
    const scenario = parse(`${base('')}expect:\n  - applied: { command: 7, by: 3, within: 500ms }\n  - applied: { proposal: seven, by: 3, within: 500ms, index: seven }\n  - committed: { index: seven, by: 1s }\n    after: write\n`);
    const result = runScenario(scenario);
    expect(failuresOf(result)).toEqual([]);
    expect(result.expectations[0]!.detail).toMatch(/^command 7 applied at index \d+ by nodes 1, 2, 3 by /);
    expect(result.committed.some((entry) => entry.command === '7')).toBe(true);
  });

  it('applied fails when fewer servers apply it in time: one follower is isolated before the proposal', () => {
    const scenario = parse(
      base('').replace('  - after: 100ms\n    label: write', '  - after: 50ms\n    isolate: follower\n  - after: 50ms\n    label: write') + 'expect:\n  - applied: { command: 7, by: 3, within: 1s }\n  - applied: { command: 7, by: 2, within: 1s }\n',
    );
    const result = runScenario(scenario);
    expect(result.expectations.map((outcome) => outcome.passed)).toEqual([false, true]);
    expect(result.expectations[0]!.detail).toMatch(/^command 7 applied at index \d+ by nodes \d, \d by \d\.\d{3}s, fewer than 3$/);
  });

  it('applied and committed name a proposal nobody accepted, or a command never proposed', () => {
    const scenario = parse(`name: words\ncluster: { nodes: 3, duration: 1s }\ntimeline:\n  - propose: { command: 9 }\n    as: early\nexpect:\n  - applied: { proposal: early, by: 1, within: 1s }\n  - committed: { index: early, by: 1s }\n  - applied: { command: 8, by: 1, within: 1s }\n`);
    const result = runScenario(scenario);
    expect(result.expectations.map((outcome) => outcome.detail)).toEqual([
      'no node accepted the proposal "early"',
      'no node accepted the proposal "early"',
      'command 8 never reached a log',
    ]);
  });

  it('messages-at-most counts the requests of an RPC, or one message type, or all, in a window after a label', () => {
    const expectations = `expect:
  - messages-at-most: { kind: RequestVote, between: [0s, 1s], count: 0 }
  - messages-at-most: { kind: AppendEntriesRequest, between: [0ms, 100ms], count: 1000 }
    after: write
  - messages-at-most: { between: [0ms, 3s], count: 1 }
`;
    const result = runScenario(parse(base('') + expectations), { trace: 'full' });
    const sends = result.run.trace.records().filter((record) => record.kind === TraceKind.send);
    const votes = sends.filter((record) => (record.detail as { type: string }).type === 'RequestVoteRequest' && record.timeUs <= 1_000_000).length;
    expect(votes).toBeGreaterThan(0);
    expect(result.expectations[0]).toMatchObject({ passed: false, detail: `${votes} RequestVote sent between 0ms and 1.000s, more than 0` });
    expect(result.expectations[1]!.passed).toBe(true);
    const writeAt = result.steps.find((step) => step.label === 'write')!.atMs;
    expect(result.expectations[1]!.detail).toMatch(new RegExp(`^\\d+ AppendEntriesRequest sent between ${Math.round(writeAt)}ms and ${Math.round(writeAt + 100)}ms$`));
    expect(result.expectations[2]).toMatchObject({ passed: false, detail: `${sends.length} messages sent between 0ms and 3.000s, more than 1` });
  });
});

describe('heavier network weather in a scenario file', () => {
  it('a lossy, long-tailed, long-reordering network with replies lost apart still elects and commits', () => {
    const scenario = parse(`name: words
seed: 2
cluster: { nodes: 3, duration: 4s }
network: { latency: [5ms, 10ms], reorderRate: 0.1, reorderDelayMax: 400ms, requestLossRate: 0.05, replyLossRate: 0.2, tailRate: 0.05, tailDelayMax: 1s }
expect:
  - committed: { index: 20, by: 4s }
`);
    expect(scenario.network).toMatchObject({ reorderDelayMaxMs: 400, requestLossRate: 0.05, replyLossRate: 0.2, tailRate: 0.05, tailDelayMaxMs: 1000 });
    const result = runScenario(scenario);
    expect(failuresOf(result)).toEqual([]);
    expect(result.run.stats.messagesDropped / result.run.stats.messagesSent).toBeGreaterThan(0.05);
  });
});

describe('bad scenario files', () => {
  it('name the place and what is wrong in one line', () => {
    const cases: [string, string][] = [
      ['timeline:\n  - isolate: old-leader\n', 'timeline[0]: no earlier step remembers "old-leader" (give one as: old-leader)'],
      ['timeline:\n  - heal: true\n    as: x\n', 'timeline[0].as: a heal step acts on no particular node; only isolate, crash, restart, pause, resume, propose, reconnect, wait-for-leader steps take as'],
      ['timeline:\n  - crash: leader\n    as: followers\n', 'timeline[0].as: a remembered name: lower-case letters, digits and dashes, and no role or set word'],
      ['timeline:\n  - repeat: { times: 2, steps: [ { at: 1s, crash: 1 } ] }\n', 'timeline[0].repeat.steps[0].at: steps of a repeat are timed with after'],
      ['timeline:\n  - repeat: { times: 2, steps: [ { label: x, crash: 1 } ] }\n', 'timeline[0].repeat.steps[0].label: a step of a repeat runs many times and cannot be labelled (use as to name its nodes)'],
      ['timeline:\n  - label: x\n    repeat: { times: 2, steps: [ { crash: 1 } ] }\n', 'timeline[0].label: a repeat cannot be labelled; label a step before or after it'],
      ['timeline:\n  - repeat: { times: 2, steps: [ { repeat: { times: 2, steps: [] } } ] }\n', 'timeline[0].repeat.steps[0]: unknown field "repeat"'],
      ['timeline:\n  - repeat: { times: 1001, steps: [ { crash: 1 } ] }\n', 'timeline[0].repeat.times: Too big: expected number to be <=1000'],
      [`timeline:\n${'  - repeat: { times: 1000, steps: [ { heal: true }, { heal: true }, { heal: true }, { heal: true }, { heal: true }, { heal: true } ] }\n'.repeat(2)}`, 'timeline: its repeats play 12000 steps, more than 10000'],
      ['timeline:\n  - after: [2s, 1s]\n    heal: true\n', 'timeline[0].after: the range [2s, 1s] runs backwards'],
      ['timeline:\n  - repeat: { times: 2, steps: [ { crash: 9 } ] }\n', 'timeline[0].repeat.steps[0]: node 9 does not exist in a cluster of 5'],
      ['timeline:\n  - propose: { command: 7, count: 2 }\n', 'timeline[0].propose: give count, or one command (with count 1 or none)'],
      ['expect:\n  - applied: { by: 2, within: 1s }\n', 'expect[0].applied: give either command or proposal'],
      ['expect:\n  - applied: { proposal: nobody, by: 2, within: 1s }\n', 'expect[0].applied.proposal: no propose step remembers "nobody" (give one as: nobody)'],
      ['expect:\n  - applied: { command: 1, by: 6, within: 1s }\n', 'expect[0].applied.by: the cluster has 5 nodes'],
      ['expect:\n  - committed: { index: nobody, by: 1s }\n', 'expect[0].committed.index: no propose step remembers "nobody" (give one as: nobody)'],
      ['expect:\n  - messages-at-most: { kind: Vote, between: [0s, 1s], count: 3 }\n', `expect[0].messages-at-most.kind: a message type or RPC: RequestVoteRequest, RequestVoteResponse, AppendEntriesRequest, AppendEntriesResponse, TimeoutNowRequest, InstallSnapshotRequest, RequestVote, AppendEntries, InstallSnapshot, TimeoutNow`],
      ['expect:\n  - messages-at-most: { between: [2s, 1s], count: 3 }\n', 'expect[0].messages-at-most.between: the window [2s, 1s] runs backwards'],
      ['expect:\n  - no-leader-at: 1s\n    after: nowhere\n', 'expect[0].after: no timeline step is labelled "nowhere"'],
      ['network: { tailRate: 0.1 }\n', 'network.tailRate: give tailDelayMax too, the longest delay of the tail'],
      ['network: { tailRate: 0.1, tailDelayMax: 5ms }\n', 'network.tailDelayMax: at least the longest latency (15ms), got 5ms'],
      ['network: { reorderDelayMax: 1ms }\n', 'network.reorderDelayMax: at least the longest latency (15ms), got 1ms'],
      ['network: { replyLossRate: 2 }\n', 'network.replyLossRate: Too big: expected number to be <=1'],
    ];
    for (const [body, problem] of cases) expect(problemOf(`name: x\n${body}`), body).toBe(`bad.yaml: ${problem}`);
  });
});

describe('windows after a label', () => {
  it('every window of an expectation counts from the labelled step, and a label whose step never ran fails it', () => {
    const run = {
      roles: [{ atMs: 2600, node: 2, role: 'leader' as const, term: 3 }],
      commits: [
        { atMs: 100, committed: 1 },
        { atMs: 2500, committed: 2 },
      ],
      labelTimes: new Map([['split', 2000]]),
      labelEvents: new Map([['split', 10]]),
      leaderIntervals: [],
      endMs: 5000,
      violations: [],
    };
    const outcomes = judgeExpectations(
      [
        { type: 'no-commit-between', fromMs: 0, toMs: 400, after: 'split' },
        { type: 'no-commit-between', fromMs: 0, toMs: 600, after: 'split' },
        { type: 'no-leader-change-between', fromMs: 0, toMs: 500, after: 'split' },
        { type: 'no-leader-change-between', fromMs: 0, toMs: 700, after: 'split' },
        { type: 'committed', index: 2, byMs: 400, after: 'split' },
        { type: 'committed', index: 2, byMs: 600, after: 'split' },
        { type: 'committed', index: 2, byMs: 600, after: 'never' },
      ],
      run,
    );
    expect(outcomes.map((outcome) => outcome.passed)).toEqual([true, false, true, false, false, true, false]);
    expect(outcomes[1]!.detail).toBe('the committed history grew from 1 to 2 between 2.000s and 2.600s');
    expect(outcomes[6]!.detail).toBe('step "never" never ran');
  });
});
