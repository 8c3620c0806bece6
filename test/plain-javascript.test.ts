import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './cli-process.js';

/**
 * The public API as plain JavaScript sees it: the built package (dist/index.js), with no type checker
 * behind the caller. Every function must take its optional arguments' defaults, and answer a missing or
 * wrong argument with a TypeError or RangeError that names the function, the argument and what it must be.
 */
type Api = { readonly [Name in keyof typeof import('../index.js')]: (...args: unknown[]) => unknown };

let api: Api;
/** Values the API hands out, to pass back to it. */
let sample: Record<string, unknown>;

beforeAll(async () => {
  // A computed path, so that the type checker does not look for dist/ (built by the suite's setup).
  api = (await import(pathToFileURL(join(ROOT, 'dist', 'index.js')).href)) as Api;
  const scenario = api.scenarioForSeed(1, { nodeCount: 3, durationMs: 500 }) as { cluster: { nodes: number } };
  const result = api.runScenario(scenario) as { run: { trace: { records(): unknown[] } } };
  const traceText = api.traceToJsonLines(result, 'npx raftsim run --seed 1 --nodes 3 --duration 500ms') as string;
  sample = {
    scenario,
    result,
    run: result.run,
    traceText,
    trace: (api.parseTraceText(traceText) as { trace: unknown }).trace,
    explored: api.explore({ seeds: 1, nodeCount: 3, durationMs: 500, determinismEvery: 0 }),
    violation: { checker: 'election-safety', message: 'nodes 1 and 2 both became leader of term 3', seed: 1, atMs: 5, timeUs: 5000, event: 9, nodes: [] },
  };
});

/** A call that must throw: the error's class, and the start of its message (function: argument …). */
type BadCall = readonly [call: (api: Api, sample: Record<string, unknown>) => unknown, error: 'TypeError' | 'RangeError', message: string];

const BAD_CALLS: Readonly<Record<string, readonly BadCall[]>> = {
  scenarioForSeed: [
    [(a) => a.scenarioForSeed(), 'TypeError', 'scenarioForSeed: seed must be an integer ≥ 0, got undefined'],
    [(a) => a.scenarioForSeed('7'), 'TypeError', 'scenarioForSeed: seed must be an integer ≥ 0, got "7"'],
    [(a) => a.scenarioForSeed(-1), 'RangeError', 'scenarioForSeed: seed must be an integer ≥ 0, got -1'],
    [(a) => a.scenarioForSeed(7, { nodeCount: 0 }), 'RangeError', 'scenarioForSeed: settings.nodeCount must be null or an integer from 1 to 15, got 0'],
    [(a) => a.scenarioForSeed(7, { nodes: 3 }), 'TypeError', 'scenarioForSeed: settings has no field nodes; its fields are nodeCount, durationMs, faults, diskFaultOnCrash'],
    [(a) => a.scenarioForSeed(7, { faults: 'all' }), 'RangeError', 'scenarioForSeed: settings.faults must be one of "swarm", "none", got "all"'],
  ],
  runScenario: [
    [(a) => a.runScenario('leader-crash'), 'TypeError', 'runScenario: scenario must be a Scenario'],
    [(a, s) => a.runScenario({ ...(s.scenario as object), cluster: undefined }), 'TypeError', 'runScenario: scenario.cluster must be a ClusterSpec, got undefined'],
    [(a, s) => a.runScenario(s.scenario, { implementation: {} }), 'TypeError', 'runScenario: options.implementation must be a RaftImplementation'],
    [(a, s) => a.runScenario(s.scenario, { trace: 'all' }), 'RangeError', 'runScenario: options.trace must be one of "full", "hash", got "all"'],
    [(a, s) => a.runScenario(a.applyPolicies(s.scenario, { leaseReads: true, checkQuorum: false })), 'RangeError', 'runScenario: scenario swarm-1 cannot run: leaseReads needs checkQuorum'],
  ],
  scenarioOptionsProblem: [[(a) => a.scenarioOptionsProblem(null), 'TypeError', 'scenarioOptionsProblem: scenario must be a Scenario']],
  explore: [
    [(a) => a.explore(5), 'TypeError', 'explore: options must be ExploreOptions, got 5'],
    [(a) => a.explore({ seed: 3 }), 'TypeError', 'explore: options has no field seed; its fields are fromSeed, seeds,'],
    [(a) => a.explore({ seeds: -1 }), 'RangeError', 'explore: options.seeds must be an integer ≥ 0, got -1'],
    [(a) => a.explore({ fromSeed: Number.MAX_SAFE_INTEGER, seeds: 2 }), 'RangeError', 'explore: options.fromSeed + options.seeds - 1 must be at most'],
    [(a) => a.explore({ policies: { preVote: 'yes' } }), 'TypeError', 'explore: options.policies.preVote must be true or false, got "yes"'],
    [(a) => a.explore({ checks: { skipCheckers: ['nope'] } }), 'RangeError', 'explore: options.checks.skipCheckers[0] must be one of'],
  ],
  scenarioSize: [[(a) => a.scenarioSize({}), 'TypeError', 'scenarioSize: scenario must be a Scenario (from findNamedScenario, scenarioForSeed, or the `scenario` of what loadScenarioFile returns), got an empty object']],
  shrinkScenario: [
    [(a) => a.shrinkScenario(), 'TypeError', 'shrinkScenario: scenario must be a Scenario'],
    [(a, s) => a.shrinkScenario(s.scenario, 'reference'), 'TypeError', 'shrinkScenario: implementation must be a RaftImplementation'],
    [(a, s) => a.shrinkScenario(s.scenario, undefined, 0), 'RangeError', 'shrinkScenario: budget must be an integer ≥ 1, got 0'],
  ],
  runSimulation: [
    [(a) => a.runSimulation(), 'TypeError', 'runSimulation: options must be complete SimulationOptions'],
    [(a, s) => a.runSimulation({ ...(s.run as { options: object }).options, nodeCount: 0 }), 'RangeError', 'runSimulation: invalid simulation options: nodeCount'],
    [(a, s) => a.runSimulation((s.run as { options: object }).options, 'all'), 'TypeError', 'runSimulation: checkers must be an array of Checkers'],
  ],
  simulationOptions: [
    [(a) => a.simulationOptions(), 'TypeError', 'simulationOptions: input must be an object of simulation options'],
    [(a) => a.simulationOptions({}), 'TypeError', 'simulationOptions: input.implementation must be a RaftImplementation'],
    [(a) => a.simulationOptions({ implementation: a.referenceImplementation, nodes: 3 }), 'TypeError', 'simulationOptions: input has no field nodes'],
    [(a) => a.simulationOptions({ implementation: a.referenceImplementation, network: { latency: 5 } }), 'TypeError', 'simulationOptions: input.network has no field latency'],
    [(a) => a.simulationOptions({ implementation: a.referenceImplementation, nodeCount: 99 }), 'RangeError', 'simulationOptions: invalid simulation options: nodeCount must be at most 15'],
  ],
  findNamedScenario: [[(a) => a.findNamedScenario(5), 'TypeError', 'findNamedScenario: name must be a string, got 5']],
  loadScenarioFile: [
    [(a) => a.loadScenarioFile(), 'TypeError', 'loadScenarioFile: path must be a non-empty string, got undefined'],
    [(a) => a.loadScenarioFile(''), 'RangeError', 'loadScenarioFile: path must be a non-empty string, got ""'],
  ],
  parseScenarioText: [
    [(a) => a.parseScenarioText(), 'TypeError', 'parseScenarioText: text must be a string, got undefined'],
    [(a) => a.parseScenarioText('name: x', 'toml'), 'RangeError', 'parseScenarioText: format must be one of "yaml", "json", got "toml"'],
  ],
  scenarioToDocument: [[(a) => a.scenarioToDocument('leader-crash'), 'TypeError', 'scenarioToDocument: scenario must be a Scenario']],
  scenarioToYaml: [[(a, s) => a.scenarioToYaml(s.scenario, 'a comment'), 'TypeError', 'scenarioToYaml: headerComment must be an array of comment lines']],
  applyCheckSettings: [
    [(a) => a.applyCheckSettings(), 'TypeError', 'applyCheckSettings: scenario must be a Scenario'],
    [(a, s) => a.applyCheckSettings(s.scenario, { livenessWithinMs: -1 }), 'RangeError', 'applyCheckSettings: settings.livenessWithinMs must be null or a number > 0, got -1'],
    [(a, s) => a.applyCheckSettings(s.scenario, { skip: ['liveness'] }), 'TypeError', 'applyCheckSettings: settings has no field skip; its fields are livenessWithinMs, skipCheckers'],
  ],
  applyPolicies: [
    [(a, s) => a.applyPolicies(s.scenario, { prevote: true }), 'TypeError', 'applyPolicies: overrides has no field prevote; its fields are electionTimeoutMs,'],
    [(a, s) => a.applyPolicies(s.scenario, { heartbeatMs: 0 }), 'RangeError', 'applyPolicies: overrides.heartbeatMs must be a number > 0, got 0'],
    [(a, s) => a.applyPolicies(s.scenario, { electionTimeoutMs: [300, 150] }), 'RangeError', 'applyPolicies: overrides.electionTimeoutMs must be a range [low, high] of milliseconds with 0 < low ≤ high'],
  ],
  caseToScenario: [
    [(a) => a.caseToScenario(), 'TypeError', 'caseToScenario: scenarioCase must be a ScenarioCase'],
    [(a) => a.caseToScenario({ nodes: 3, faultPhaseMs: 100, maxEntriesPerAppend: 1, requestsPerSecond: 0, leaderCrashes: null, timeline: [] }), 'TypeError', 'caseToScenario: base must be a Scenario'],
  ],
  faultActionArbitrary: [
    [(a) => a.faultActionArbitrary(), 'TypeError', 'faultActionArbitrary: nodes must be an integer from 1 to 15, got undefined'],
    [(a) => a.faultActionArbitrary(0), 'RangeError', 'faultActionArbitrary: nodes must be an integer from 1 to 15, got 0'],
  ],
  faultScheduleArbitrary: [
    [(a) => a.faultScheduleArbitrary(3), 'TypeError', 'faultScheduleArbitrary: durationMs must be an integer ≥ 0, got undefined'],
    [(a) => a.faultScheduleArbitrary(3, 1000, -1), 'RangeError', 'faultScheduleArbitrary: maxFaults must be an integer ≥ 0, got -1'],
  ],
  scenarioArbitrary: [
    [(a) => a.scenarioArbitrary({ maxNodes: 20 }), 'RangeError', 'scenarioArbitrary: options.maxNodes must be an integer from 3 to 13, got 20'],
    [(a) => a.scenarioArbitrary({ durationMs: '5s' }), 'TypeError', 'scenarioArbitrary: options.durationMs must be an integer ≥ 1, got "5s"'],
  ],
  scenarioCaseArbitrary: [
    [(a) => a.scenarioCaseArbitrary({}), 'TypeError', 'scenarioCaseArbitrary: bounds must be CaseBounds, got an empty object'],
    [(a) => a.scenarioCaseArbitrary({ maxNodes: 3, maxFaultPhaseMs: 0, maxEntriesPerAppend: 1, maxRequestsPerSecond: 0, leaderCrashes: null, maxFaults: 1 }), 'RangeError', 'scenarioCaseArbitrary: bounds.maxFaultPhaseMs must be an integer ≥ 1, got 0'],
  ],
  coreOptionsProblem: [[(a) => a.coreOptionsProblem(), 'TypeError', 'coreOptionsProblem: options must be a CoreOptions object, got undefined']],
  findKnownBug: [[(a) => a.findKnownBug(3), 'TypeError', 'findKnownBug: name must be a string such as']],
  runConformance: [
    [(a) => a.runConformance(), 'TypeError', 'runConformance: implementation must be a RaftImplementation'],
    [(a) => a.runConformance(a.referenceImplementation, ['no-such-test']), 'RangeError', 'runConformance: only[0] must be the name of a test in CONFORMANCE_TESTS, got "no-such-test"'],
    [(a) => a.runConformance(a.referenceImplementation, null, { strict: 'yes' }), 'TypeError', 'runConformance: options.strict must be true or false, got "yes"'],
  ],
  electionRounds: [[(a) => a.electionRounds(), 'TypeError', 'electionRounds: roles must be an array of role observations']],
  splitVotes: [
    [(a) => a.splitVotes([{ node: 1, term: 2, atMs: 0 }]), 'TypeError', 'splitVotes: roles[0].role must be a string, got undefined'],
    [(a) => a.splitVotes([{ node: 1 }]), 'TypeError', 'splitVotes: roles[0] must be a role observation { node, role, term, atMs }, got an object with node'],
  ],
  runStatistics: [
    [(a) => a.runStatistics(), 'TypeError', 'runStatistics: records must be an array of trace records, got undefined'],
    [(a) => a.runStatistics([], 0), 'RangeError', 'runStatistics: nodeCount must be an integer from 1 to 15, got 0'],
  ],
  seedStatistics: [[(a, s) => a.seedStatistics(s.run), 'TypeError', 'seedStatistics: result must be a ScenarioRunResult (from runScenario), got an object with seed, outcome,']],
  aggregateStatistics: [
    [(a) => a.aggregateStatistics([{}]), 'TypeError', 'aggregateStatistics: seeds[0] must be SeedStatistics (from seedStatistics), got an empty object'],
    [(a) => a.aggregateStatistics([{ seed: -1, passed: true, electionTimesMs: [], unavailabilityWindowsMs: [], commitLatenciesMs: [] }]), 'RangeError', 'aggregateStatistics: seeds[0].seed must be an integer ≥ 0, got -1'],
  ],
  seedStatisticsTable: [[(a) => a.seedStatisticsTable(), 'TypeError', 'seedStatisticsTable: seeds must be an array of SeedStatistics']],
  runElectionTiming: [
    [(a) => a.runElectionTiming({ trials: 0 }), 'RangeError', 'runElectionTiming: options.trials must be an integer ≥ 1, got 0'],
    [(a) => a.runElectionTiming({ ranges: [{ minMs: 200, maxMs: 150 }] }), 'RangeError', 'runElectionTiming: invalid options: range 200-150'],
  ],
  exploreToMarkdown: [
    [(a) => a.exploreToMarkdown(), 'TypeError', 'exploreToMarkdown: result must be an ExploreResult'],
    [(a, s) => a.exploreToMarkdown(s.explored, {}), 'TypeError', 'exploreToMarkdown: context must be ExploreMarkdownContext, got an empty object'],
    [(a, s) => a.exploreToMarkdown(s.explored, { implementation: 'x', scenario: null, statistics: null, replayOf: 'npx raftsim' }), 'TypeError', 'exploreToMarkdown: context.replayOf must be a function, got "npx raftsim"'],
  ],
  renderExplorerHtml: [[(a) => a.renderExplorerHtml('trace.jsonl'), 'TypeError', 'renderExplorerHtml: trace must be a TraceFile']],
  renderScenarioSummary: [
    [(a, s) => a.renderScenarioSummary(s.result), 'TypeError', 'renderScenarioSummary: replay must be a string, got undefined'],
    [(a, s) => a.renderScenarioSummary(s.result, 'npx raftsim run', {}), 'TypeError', 'renderScenarioSummary: styles must be TextStyles'],
  ],
  renderTimeline: [
    [(a, s) => a.renderTimeline(s.result), 'TypeError', 'renderTimeline: result must be a RunResult (from runSimulation, or the run of a ScenarioRunResult), got an object with scenario, seed, run,'],
    [(a, s) => a.renderTimeline(s.run, 'red'), 'TypeError', 'renderTimeline: styles must be TextStyles'],
  ],
  renderViolation: [[(a) => a.renderViolation(), 'TypeError', 'renderViolation: violation must be a Violation']],
  runToMarkdown: [[(a, s) => a.runToMarkdown(s.result), 'TypeError', 'runToMarkdown: replay must be a string, got undefined']],
  parseTraceText: [[(a) => a.parseTraceText(Buffer.from('{}')), 'TypeError', 'parseTraceText: text must be a string, got an object']],
  readTraceFile: [[(a) => a.readTraceFile(), 'TypeError', 'readTraceFile: path must be a non-empty string, got undefined']],
  scenarioRunToJson: [[(a, s) => a.scenarioRunToJson(s.run, 'npx raftsim run'), 'TypeError', 'scenarioRunToJson: result must be a ScenarioRunResult']],
  traceToJsonLines: [[(a, s) => a.traceToJsonLines(s.result), 'TypeError', 'traceToJsonLines: replay must be a string, got undefined']],
  programImplementation: [
    [(a) => a.programImplementation(), 'TypeError', 'programImplementation: command must be a non-empty string, got undefined'],
    [(a) => a.programImplementation('node serve.mjs', { timeoutMs: 0 }), 'RangeError', 'programImplementation: options.timeoutMs must be an integer ≥ 1, got 0'],
    [(a) => a.programImplementation('node serve.mjs | tee log'), 'RangeError', 'programImplementation: command cannot run without a shell: "|" at character 16 (a pipe)'],
  ],
  replayCommand: [
    [(a) => a.replayCommand(), 'TypeError', 'replayCommand: settings must be ReplaySettings, got undefined'],
    [(a) => a.replayCommand({ seed: 1, nodeCount: null, durationMs: -1, bug: null, faults: 'swarm' }), 'RangeError', 'replayCommand: settings.durationMs must be a number ≥ 0, got -1'],
  ],
};

/** Functions that take any value by design (they judge it), or nothing at all. */
const TAKE_ANYTHING = ['createAllCheckers', 'implementationShapeProblem', 'isRaftImplementation', 'namedScenarios', 'scenarioFromDocument'];

describe('the public API from plain JavaScript', () => {
  it('checks the arguments of every public function, or takes any value by design', () => {
    const functions = Object.keys(api).filter((name) => typeof api[name as keyof Api] === 'function');
    expect(functions.length).toBeGreaterThan(40);
    expect(functions.filter((name) => !(name in BAD_CALLS) && !TAKE_ANYTHING.includes(name))).toEqual([]);
  });

  it.each(Object.entries(BAD_CALLS))('%s names the argument that is wrong, with a TypeError or RangeError', (name, calls) => {
    for (const [call, kind, message] of calls) {
      let thrown: unknown = null;
      try {
        call(api, sample);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, `${name}: ${message}`).toBeInstanceOf(Error);
      expect((thrown as Error).name, message).toBe(kind);
      expect((thrown as Error).message.startsWith(message), `${(thrown as Error).message}\n  should start with\n${message}`).toBe(true);
    }
  });

  it('the functions that judge any value answer instead of throwing', () => {
    expect(api.implementationShapeProblem(undefined)).toMatch(/neither `implementation` nor a default export/);
    expect(api.isRaftImplementation(42)).toBe(false);
    expect(api.scenarioFromDocument(undefined)).toMatchObject({ ok: false });
  });

  it('the reference implementation names what its create(config) lacks', () => {
    const create = (api.referenceImplementation as unknown as { create(config?: unknown): unknown }).create;
    expect(() => create()).toThrow(new TypeError('create: config must be a NodeConfig { id, members, options, random, persisted }, got undefined'));
    expect(() => create({ id: 1, members: [1, 2, 3], options: {}, random: Math.random, persisted: null })).toThrow(
      'create: config.random must be a RandomSource { next() }, got a function',
    );
  });
});

describe('optional arguments take the defaults docs/api.md names', () => {
  it('scenarioForSeed without settings is the seed of `raftsim run --seed N`', () => {
    expect(api.scenarioForSeed(81723)).toEqual(api.scenarioForSeed(81723, { nodeCount: null, durationMs: 10_000, faults: 'swarm', diskFaultOnCrash: 'none' }));
    const three = api.scenarioForSeed(81723, { nodeCount: 3 }) as { cluster: { members: number[] | null }; liveness: { atMs: number } };
    expect(three.cluster.members ?? [1, 2, 3]).toHaveLength(3);
    expect(three.liveness.atMs).toBe(10_000);
  });

  it('the terminal reports are plain text without styles', () => {
    const lines = [
      ...(api.renderTimeline(sample.run) as string[]),
      ...(api.renderScenarioSummary(sample.result, 'npx raftsim run --seed 1') as string[]),
      ...(api.renderViolation(sample.violation) as string[]),
    ];
    expect(lines.length).toBeGreaterThan(10);
    expect(lines.join('\n')).not.toContain('\u001b[');
    expect(lines.join('\n')).toContain('✗ election-safety at 5.0ms (event 9, seed 1)');
  });

  it('texts are read as YAML (JSON too) and named "scenario" or "trace" in problems', () => {
    const yaml = api.scenarioToYaml(sample.scenario) as string;
    expect(api.parseScenarioText(yaml)).toMatchObject({ ok: true });
    expect(api.parseScenarioText(JSON.stringify(api.scenarioToDocument(sample.scenario)))).toMatchObject({ ok: true });
    expect(api.parseTraceText(sample.traceText)).toMatchObject({ ok: true });
    expect(api.parseTraceText('')).toEqual({ ok: false, problem: 'trace: the file is empty, not a raftsim trace' });
  });

  it('policies, check settings and shrinking have defaults too', () => {
    expect(api.applyPolicies(sample.scenario)).toEqual(sample.scenario);
    expect(api.applyCheckSettings(sample.scenario)).toEqual(sample.scenario);
    // With the reference implementation by default: this scenario passes, so there is nothing to shrink.
    expect(api.shrinkScenario(sample.scenario)).toMatchObject({ ok: false, problem: expect.stringContaining('does not fail') });
  });

  it('run statistics end at the last record unless told otherwise', () => {
    const records = (sample.run as { trace: { records(): { timeUs: number }[] } }).trace.records();
    const nodes = (sample.scenario as { cluster: { nodes: number } }).cluster.nodes;
    expect(api.runStatistics(records, nodes)).toEqual(api.runStatistics(records, nodes, records.at(-1)!.timeUs));
  });

  it('a replay command of a scenario takes no duration of its own', () => {
    const settings = { seed: 17, nodeCount: null, durationMs: 0, bug: null, faults: 'swarm', scenario: 'split-vote' };
    expect(api.replayCommand(settings)).toBe('npx raftsim run --scenario split-vote --seed 17');
  });

  it('the election-timing experiment runs on its defaults, every checker watching', () => {
    const result = api.runElectionTiming({ ranges: [{ minMs: 150, maxMs: 300 }], trials: 2 }) as { options: { nodeCount: number }; ranges: unknown[] };
    expect(result.options.nodeCount).toBe(5);
    expect(result.ranges).toHaveLength(1);
  });
});

describe('a plain JavaScript module using the built package, in a process of its own', () => {
  it('gets a scenario for a seed alone, and a named TypeError for a wrong call', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'test/fixtures/plain-javascript.mjs')], { cwd: ROOT, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const calls = Object.fromEntries(run.stdout.trim().split('\n').map((line) => [JSON.parse(line).label, JSON.parse(line)]));
    expect(calls['scenarioForSeed(81723)'].value).toBeGreaterThanOrEqual(1);
    expect(calls['scenarioForSeed()'].error).toEqual({ name: 'TypeError', message: 'scenarioForSeed: seed must be an integer ≥ 0, got undefined' });
    expect(calls['scenarioForSeed("7")'].error.name).toBe('TypeError');
    expect(calls['scenarioForSeed(7, { nodes: 3 })'].error.message).toMatch(/^scenarioForSeed: settings has no field nodes/);
    expect(calls['runScenario("leader-crash")'].error.message).toMatch(/^runScenario: scenario must be a Scenario \(from findNamedScenario/);
    expect(calls['renderTimeline without styles'].value).toBe(true);
  });
});
