/**
 * Command lines as a careless or hostile user types them: every command, its flags with good, bad and
 * absurd values, unknown flags, flags without their value, stray words. Values a command would take
 * and then run for minutes (2,000 seeds, a 24-hour run, a thousand trials) are never drawn: each
 * command's budget flags are always given, with a small value or one that must be refused.
 */
import fc from 'fast-check';
import { CONFORMANCE_TESTS } from '../../conformance/index.js';
import { namedScenarios, optionName, PROTOCOL_OPTION_LIST, CHECK_NAMES } from '../../scenarios/index.js';
import { ROOT } from '../cli-process.js';

/** Bugs whose failures shrink in well under a second, for the commands that may shrink. */
const QUICK_BUGS = ['double-vote', 'self-vote-twice', 'apply-before-commit', 'vote-before-durable', 'counting-rejected-votes'];

/** The files every case folder holds (see hostile-input.test.ts), and names that are not there or not files. */
const INPUT_PATHS = ['input.yaml', 'input.json', 'input.jsonl', 'input.txt', 'input.history.jsonl', 'input.edn', 'missing.yaml', 'missing.jsonl', 'existing-dir', '', '.', '-'];
const IMPL_PATHS = [
  'examples/minimal-raft.js',
  `${ROOT}test/fixtures/typed-raft.ts`,
  `${ROOT}test/fixtures/shapeless-raft.js`,
  `${ROOT}test/fixtures/throwing-raft.js`,
  `${ROOT}test/fixtures/unseeded-raft.js`,
  ...INPUT_PATHS,
];
const OUTPUT_PATHS = ['out.jsonl', 'out.html', 'out.csv', 'out.json', 'out.yaml', 'out.txt', 'new/sub/out.jsonl', 'existing-dir', 'input.yaml', 'input.jsonl', '', '.', '-', 'ü out.jsonl', `${'x'.repeat(300)}.jsonl`];

/** Numbers that are not whole numbers, or not in any range a flag takes; some of them look almost right. */
const BAD_NUMBERS = ['-1', '1.5', '1e3', '0x10', '+3', 'NaN', 'Infinity', '', ' ', '99999999999999999999', '9007199254740993', '٣', '3 4', '1_0', 'ten'];
/** Durations that must be refused, whatever units a later version learns: garbage, negative, or beyond 24 hours. */
const BAD_DURATIONS = ['0', '0s', '-5s', '-1', '5 s', '1.5.2s', 'ms', 's', 'Infinity', 'NaN', '25h', '2d', '99999999999m', '', '5S', '—5s'];

// Any character but NUL, which no command line can carry: control characters, escapes, right-to-left marks.
const garbage = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }).filter((text) => !text.includes('\u0000')),
  fc.constantFrom('\u001b[2J', 'a\nb', '\u202e5s', '\r', '１０s'),
);
const pick = (values: readonly string[]): fc.Arbitrary<string> => fc.constantFrom(...values);
const anyOf = (...parts: fc.Arbitrary<string>[]): fc.Arbitrary<string> => fc.oneof(...parts);

const values = {
  seed: anyOf(pick(['0', '1', '2', '3', '17', '81723', '007']), pick(BAD_NUMBERS), pick(['9007199254740991', '9007199254740990'])),
  smallCount: (low: number, high: number) => anyOf(fc.integer({ min: low, max: high }).map(String), pick(BAD_NUMBERS), pick(['0'])),
  nodes: anyOf(fc.integer({ min: 1, max: 15 }).map(String), pick(['0', '16', '100', ...BAD_NUMBERS])),
  shortDuration: anyOf(pick(['300ms', '1s', '2s', '0.5s', '1.5', '2']), pick(BAD_DURATIONS), garbage),
  livenessWithin: anyOf(pick(['5s', '10s']), pick(BAD_DURATIONS)),
  faults: anyOf(pick(['swarm', 'none', 'SWARM', '']), garbage),
  scenario: anyOf(pick(namedScenarios().map((scenario) => scenario.name)), pick(INPUT_PATHS), pick(['nope', 'split vote', 'input.YAML'])),
  bug: anyOf(pick(QUICK_BUGS), pick(['nope', '', 'DOUBLE-VOTE', 'double-vote '])),
  impl: pick(IMPL_PATHS),
  policy: anyOf(
    pick(PROTOCOL_OPTION_LIST.map((option) => `${optionName(option.field)}=${option.example}`)),
    pick(['heartbeat=0ms', 'heartbeat=-1ms', 'electionTimeout=300ms-150ms', 'electionTimeout=0ms-0ms', 'maxEntriesPerAppend=0', 'maxEntriesPerAppend=1e9']),
    pick(['snapshotThreshold=-1', 'preVote=yes', 'diskLatency=5ms-1ms', 'nonsense=1', 'noequals', '=', 'heartbeat=', 'heartbeat==50ms', 'HEARTBEAT=50ms']),
    pick(['leaseReads=true', 'checkQuorum=true']),
    pick(['integrity=checksum', 'integrity=authenticated', 'integrity=none', 'integrity=mac', 'integrity=', 'INTEGRITY=checksum']),
  ),
  diskFaults: anyOf(pick(['none', 'lost-fsync', 'torn-write']), pick(['', 'lost', 'LOST-FSYNC']), garbage),
  skipChecker: anyOf(pick(CHECK_NAMES), pick(['nope', '', 'liveness,election-safety', 'LIVENESS'])),
  input: pick(INPUT_PATHS),
  output: pick(OUTPUT_PATHS),
  shard: anyOf(pick(['1/1', '1/2', '2/2', '3/4']), pick(['0/2', '3/2', '1/0', '2', '1/2/3', '-1/2', '1/99999999', '', 'a/b']), garbage),
  ranges: anyOf(pick(['150-300', '12-24', '150-155,150-300', '150-150']), pick(['300-150', '0-0', 'a-b', '150-', '-', '', '150-300,', '1-99999999', '150.5-300', '-5-10'])),
  latency: anyOf(pick(['2-4', '3', '0', '5-10', '500-900']), pick(['-1', '5-2', 'x', '', '1-2-3'])),
  cap: anyOf(pick(['500ms', '1s']), pick(BAD_DURATIONS)),
  tick: anyOf(pick(['1', '0.5', '2ms']), pick(['0', '-1', 'x', '', '0.0001', '1.0005', '99999999999'])),
  until: pick(['leader', 'heartbeat-received', 'LEADER', '', 'heartbeat']),
  logs: pick(['equal', 'unequal', 'Equal', '', 'none']),
  diskLatency: anyOf(pick(['0', '1-2', '5-10']), pick(['-1', '5-2', 'x', '', '1-2-3'])),
  failures: anyOf(pick(['1', '2', '1,2']), pick(['0', '3', '1,', ',', 'x', '', '-1', '1.5'])),
  latencies: anyOf(pick(['10', '1,20', '10-20', '0']), pick(['-1', '20-10', 'x', '', '10,', '1-2-3'])),
  splitRange: anyOf(pick(['100-200', '50-100']), pick(['100-100', '200-100', 'x', '', '0-10', '1-2'])),
  conformanceTest: anyOf(pick(CONFORMANCE_TESTS.map((test) => test.name)), pick(['nope', '', 'figure-7'])),
  bugName: anyOf(pick(QUICK_BUGS), pick(['nope', '', '--json'])),
  scenarioName: anyOf(pick(namedScenarios().map((scenario) => scenario.name)), pick(['nope', '', 'LEADER-CRASH']), garbage),
  word: anyOf(pick(['extra', '-', '--', 'run']), garbage),
  workload: anyOf(pick(['kv', 'digest']), pick(['KV', '', 'bank', 'kv,digest'])),
  sessions: anyOf(pick(['on', 'off']), pick(['true', 'no', '', 'OFF'])),
  bound: anyOf(fc.integer({ min: 1, max: 100_000 }).map(String), pick(BAD_NUMBERS)),
};

/** A flag the command takes: its value, or null for a flag that stands alone (a boolean). */
type Flag = readonly [string, fc.Arbitrary<string> | null];

const BOOLEAN_VALUES = pick(['true', 'false', 'maybe', '']);
const runFlags: readonly Flag[] = [
  ['--seed', values.seed],
  ['--nodes', values.nodes],
  ['--faults', values.faults],
  ['--scenario', values.scenario],
  ['--bug', values.bug],
  ['--impl', values.impl],
  ['--policy', values.policy],
  ['--policy', values.policy],
  ['--disk-faults', values.diskFaults],
  ['--attacks', null],
  ['--liveness-within', values.livenessWithin],
  ['--skip-checker', values.skipChecker],
  ['--workload', values.workload],
  ['--sessions', values.sessions],
  ['--json', null],
  ['--no-color', null],
];

interface CommandShape {
  readonly words: readonly string[];
  readonly positional?: fc.Arbitrary<readonly string[]>;
  readonly flags: readonly Flag[];
  /** Flags always given, unless drawn among the others, so that no case runs for minutes. */
  readonly budget: readonly Flag[];
}

/** A sweep's settings: good ones, and ones a user gets wrong. */
const sweepParam = pick(['latency=1ms,10ms', 'preVote=false,true', 'heartbeat=30ms', 'electionTimeout=150ms-300ms,150ms-200ms', 'loss=0,0.1', 'latency=abc', 'nonsense=1', 'latency=', 'loss=2', 'latency=500ms', 'preVote=maybe']);

const COMMANDS: readonly CommandShape[] = [
  {
    words: ['run'],
    flags: [...runFlags, ['--markdown', null], ['--check-determinism', null], ['--trace', values.output], ['--report', values.output], ['--history', values.output]],
    budget: [['--duration', values.shortDuration]],
  },
  {
    words: ['replay'],
    positional: values.input.map((path) => [path]),
    flags: [['--seed', values.seed], ['--bug', values.bug], ['--impl', values.impl], ['--policy', values.policy], ['--liveness-within', values.livenessWithin], ['--skip-checker', values.skipChecker], ['--json', null], ['--trace', values.output], ['--report', values.output]],
    budget: [],
  },
  { words: ['merge'], positional: fc.array(values.input, { minLength: 1, maxLength: 3 }), flags: [['--json', null], ['--stats', values.output]], budget: [] },
  { words: ['report'], positional: values.input.map((path) => [path]), flags: [['--html', values.output]], budget: [] },
  {
    words: ['shrink'],
    flags: [['--seed', values.seed], ['--nodes', values.nodes], ['--faults', values.faults], ['--bug', values.bug], ['--skip-checker', values.skipChecker], ['--json', null], ['--out', values.output], ['--disk-faults', pick(['none', 'lost', ''])]],
    budget: [['--duration', values.shortDuration]],
  },
  { words: ['scenarios'], flags: [['--json', null]], budget: [] },
  { words: ['check-history'], positional: values.input.map((path) => [path]), flags: [['--json', null], ['--bound', values.bound]], budget: [] },
  { words: ['scenarios', 'show'], positional: values.scenarioName.map((name) => [name]), flags: [], budget: [] },
  { words: ['corpus', 'show'], positional: values.input.map((path) => [path]), flags: [['--json', null]], budget: [] },
  {
    words: ['explore'],
    flags: [...runFlags, ['--from', values.seed], ['--shrink', null], ['--out', values.output], ['--stats', values.output], ['--markdown', null], ['--shard', values.shard], ['--guided', null], ['--corpus', values.output]],
    budget: [['--seeds', values.smallCount(1, 3)], ['--duration', values.shortDuration], ['--shrink-limit', values.smallCount(0, 1)]],
  },
  {
    words: ['experiment', 'election-timing'],
    flags: [
      ...[['--ranges', values.ranges], ['--latency', values.latency], ['--nodes', values.nodes], ['--seed', values.seed], ['--csv', values.output], ['--html', values.output], ['--json', null]] as const,
      ...[['--until', values.until], ['--logs', values.logs], ['--disk-latency', values.diskLatency]] as const,
    ],
    budget: [['--trials', values.smallCount(1, 3)], ['--cap', values.cap], ['--tick', values.tick]],
  },
  {
    words: ['experiment', 'split-votes'],
    flags: [['--nodes', values.nodes], ['--failures', values.failures], ['--latency', values.latencies], ['--range', values.splitRange], ['--seed', values.seed], ['--csv', values.output], ['--json', null]],
    budget: [['--trials', values.smallCount(1, 2)], ['--cap', values.cap], ['--tick', values.tick]],
  },
  {
    words: ['diff'],
    flags: [
      ['--from', values.seed],
      ['--nodes', values.nodes],
      ['--faults', values.faults],
      ['--scenario', values.scenario],
      ['--policy', values.policy],
      ['--a', values.policy],
      ['--b', values.policy],
      ['--b', values.policy],
      ['--a-bug', values.bug],
      ['--b-bug', values.bug],
      ['--a-impl', values.impl],
      ['--b-impl', values.impl],
      ['--workload', values.workload],
      ['--liveness-within', values.livenessWithin],
      ['--skip-checker', values.skipChecker],
      ['--csv', values.output],
      ['--html', values.output],
      ['--json', null],
    ],
    budget: [['--seeds', values.smallCount(1, 2)], ['--duration', values.shortDuration], ['--resamples', values.smallCount(1, 50)]],
  },
  {
    words: ['experiment', 'sweep'],
    flags: [
      ['--param', sweepParam],
      ['--param', sweepParam],
      ['--measure', pick(['electionTimeMs', 'splitVotes,messagesSent', 'availabilityPercent', 'speed', '', 'splitVotes,splitVotes'])],
      ['--from', values.seed],
      ['--nodes', values.nodes],
      ['--faults', values.faults],
      ['--scenario', values.scenario],
      ['--policy', values.policy],
      ['--bug', values.bug],
      ['--skip-checker', values.skipChecker],
      ['--csv', values.output],
      ['--html', values.output],
      ['--json', null],
    ],
    budget: [['--param', sweepParam], ['--seeds', values.smallCount(1, 2)], ['--duration', values.shortDuration], ['--resamples', values.smallCount(1, 50)]],
  },
  {
    words: ['conformance'],
    flags: [['--impl', values.impl], ['--bug', values.bug], ['--only', values.conformanceTest], ['--only', values.conformanceTest], ['--strict', null], ['--json', null]],
    budget: [],
  },
  {
    words: ['bugs'],
    positional: fc.array(values.bugName, { minLength: 1, maxLength: 2 }),
    flags: [['--measure', null], ['--json', null]],
    budget: [['--roots', values.smallCount(1, 1)]],
  },
  { words: ['bench'], flags: [['--json', null]], budget: [['--runs', values.smallCount(1, 1)], ['--warmup', values.smallCount(0, 0)]] },
];

/** A flag as typed: "--flag value", "--flag=value", or a boolean alone or given a value. */
function typedFlag([name, value]: Flag): fc.Arbitrary<readonly string[]> {
  if (value === null) return fc.oneof(fc.constant([name]), BOOLEAN_VALUES.map((text) => [`${name}=${text}`]), BOOLEAN_VALUES.map((text) => [name, text]));
  return fc.oneof({ weight: 4, arbitrary: value.map((text) => [name, text]) }, { weight: 1, arbitrary: value.map((text) => [`${name}=${text}`]) });
}

function commandLine(shape: CommandShape): fc.Arbitrary<readonly string[]> {
  const allFlags = [...shape.flags, ...shape.budget];
  return fc
    .tuple(
      shape.positional ?? fc.constant([]),
      fc.shuffledSubarray([...allFlags], { maxLength: Math.min(5, allFlags.length) }).chain((chosen) => fc.tuple(...chosen.map(typedFlag))),
      fc.tuple(...shape.budget.map(typedFlag)),
      noise(allFlags),
    )
    .map(([positional, chosen, budget, extra]) => {
      const drawn = chosen.flat();
      const missingBudget = shape.budget.filter(([name]) => !drawn.some((word) => word === name || word.startsWith(`${name}=`)));
      const budgetWords = budget.filter((_words, index) => missingBudget.includes(shape.budget[index]!)).flat();
      return [...shape.words, ...positional, ...drawn, ...budgetWords, ...extra];
    });
}

/** What a user adds by mistake: an unknown flag, a flag without its value at the end, a stray word, help. */
function noise(flags: readonly Flag[]): fc.Arbitrary<readonly string[]> {
  const valued = flags.filter(([, value]) => value !== null).map(([name]) => name);
  return fc.oneof(
    { weight: 6, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: pick(['--sed', '--seeds-x', '--Seed', '-s', '--no-such', '---', '--=x', '-']).map((flag) => [flag]) },
    { weight: 2, arbitrary: valued.length === 0 ? fc.constant([]) : pick(valued).map((flag) => [flag]) },
    { weight: 1, arbitrary: values.word.map((word) => [word]) },
    { weight: 1, arbitrary: pick(['--help', '--version']).map((flag) => [flag]) },
  );
}

/** A command line of any command, or of one that does not exist. */
export const commandLineArbitrary: fc.Arbitrary<readonly string[]> = fc.oneof(
  { weight: 30, arbitrary: fc.constantFrom(...COMMANDS).chain(commandLine) },
  { weight: 2, arbitrary: fc.array(values.word, { maxLength: 3 }) },
  { weight: 1, arbitrary: pick(['experiment', 'scenarios']).chain((word) => values.word.map((extra) => [word, extra])) },
);
