/**
 * A playground run as a link: the seed, the settings, the actions done so far, each at the virtual
 * microsecond it took effect, and the instant the run has reached. The playground page writes its
 * address with it and reads it back; `raftsim run --from-link` reads the same text. Both turn it into
 * a scenario here, and nowhere else, so the page and the command line run one scenario.
 *
 * The text is a URL fragment, `v=1&seed=…&…&a=…&t=…`, versioned by `v`. An action is written as its
 * time in microseconds, a letter and its numbers: `812345c2` crashes node 2 at 812.345 ms.
 */
import type { FaultAction } from '../sim/faults/actions.js';
import { MAX_NODES } from '../sim/options.js';
import { scenarioOptionsProblem } from '../scenarios/run-scenario.js';
import type { Scenario } from '../scenarios/scenario.js';
import { DEFAULT_CLUSTER, DEFAULT_NETWORK_SPEC } from '../scenarios/scenario.js';

export const PLAYGROUND_LINK_VERSION = 1;

/**
 * How far a playground run may go: five minutes of virtual time. The page's simulation runs to it, and
 * a run of this length or less has the same event bound whatever its length (see defaultMaxEvents), so
 * the page and a command line run through any instant before it alike.
 */
export const PLAYGROUND_HORIZON_MS = 300_000;

export interface PlaygroundSettings {
  readonly seed: number;
  readonly nodes: number;
  /** Servers outside the starting configuration, the highest-numbered: they wait to be added. */
  readonly spares: number;
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  readonly electionTimeoutMs: readonly [number, number];
  readonly heartbeatMs: number;
  /** A known bug's name (the catalog is the caller's to check), or null for the reference core. */
  readonly bug: string | null;
  /** Client requests per second of virtual time. */
  readonly requestsPerSecond: number;
}

/** An action and the virtual microsecond it takes effect. */
export interface TimedAction {
  readonly atUs: number;
  readonly action: PlaygroundAction;
}

/** The actions a person can take in the playground. */
export type PlaygroundAction = Extract<
  FaultAction,
  { type: 'crash' | 'restart' | 'pause' | 'resume' | 'isolate' | 'heal' | 'cut' | 'network' | 'clock-drift' | 'propose' | 'transfer-leadership' | 'add-server' | 'remove-server' }
>;

export interface PlaygroundRun {
  readonly settings: PlaygroundSettings;
  /** In the order they were taken; their times never decrease. */
  readonly actions: readonly TimedAction[];
  /** The run has handled every event up to and including this microsecond. */
  readonly untilUs: number;
}

export const DEFAULT_PLAYGROUND_SETTINGS: PlaygroundSettings = {
  seed: 1,
  nodes: 5,
  spares: 0,
  preVote: false,
  checkQuorum: false,
  electionTimeoutMs: [150, 300],
  heartbeatMs: 50,
  bug: null,
  requestsPerSecond: 0,
};

export type LinkRead = { readonly ok: true; readonly run: PlaygroundRun } | { readonly ok: false; readonly problem: string };

/** One letter per action, with the numbers it carries. */
const CODES = {
  crash: 'c',
  restart: 'r',
  pause: 'p',
  resume: 'u',
  isolate: 'i',
  heal: 'h',
  cut: 'x',
  network: 'l',
  'clock-drift': 'd',
  propose: 'q',
  'transfer-leadership': 't',
  'add-server': 'a',
  'remove-server': 'm',
} as const satisfies Record<PlaygroundAction['type'], string>;

/** The numbers written after an action's letter. */
function actionNumbers(action: PlaygroundAction): number[] {
  switch (action.type) {
    case 'crash':
    case 'restart':
    case 'pause':
    case 'resume':
      return [onlyNode(action.nodes)];
    case 'isolate':
      return [onlyNode(action.node)];
    case 'heal':
      return [];
    case 'cut':
      return [onlyNode(action.from), onlyNode(action.to)];
    case 'network':
      return [onlyNode(action.from), onlyNode(action.to), Math.round((action.change.lossRate ?? 0) * 100)];
    case 'clock-drift':
      return [onlyNode(action.node), Math.round(action.rate * 100)];
    case 'propose':
      return [action.count];
    case 'transfer-leadership':
      return [onlyNode(action.to)];
    case 'add-server':
      return [onlyNode(action.node)];
    case 'remove-server':
      return [onlyNode(action.node)];
  }
}

/** The playground names every node by number: an action on a role or a set is not one it makes. */
function onlyNode(selection: unknown): number {
  const node = Array.isArray(selection) && selection.length === 1 ? selection[0] : selection;
  if (typeof node !== 'number') throw new RangeError(`a playground action names one node by number, not ${JSON.stringify(selection)}`);
  return node;
}

/** The action a letter and its numbers stand for, or a problem. */
function actionFrom(letter: string, numbers: readonly number[]): PlaygroundAction | string {
  const [first = 0, second = 0, third = 0] = numbers;
  const want = (count: number) => (numbers.length === count ? null : `takes ${count} number${count === 1 ? '' : 's'}, got ${numbers.length}`);
  const make = (count: number, action: () => PlaygroundAction) => want(count) ?? action();
  switch (letter) {
    case 'c':
      return make(1, () => ({ type: 'crash', nodes: [first] }));
    case 'r':
      return make(1, () => ({ type: 'restart', nodes: [first] }));
    case 'p':
      return make(1, () => ({ type: 'pause', nodes: [first] }));
    case 'u':
      return make(1, () => ({ type: 'resume', nodes: [first] }));
    case 'i':
      return make(1, () => ({ type: 'isolate', node: first }));
    case 'h':
      return make(0, () => ({ type: 'heal' }));
    case 'x':
      return make(2, () => ({ type: 'cut', from: [first], to: [second] }));
    case 'l':
      return third > 100 ? 'a loss above 100%' : make(3, () => ({ type: 'network', from: first, to: second, change: { lossRate: third / 100 } }));
    case 'd':
      return second < 1 || second > 1000 ? 'a clock rate outside 0.01–10' : make(2, () => ({ type: 'clock-drift', node: first, rate: second / 100 }));
    case 'q':
      return first < 1 || first > 100 ? 'a proposal count outside 1–100' : make(1, () => ({ type: 'propose', count: first }));
    case 't':
      return make(1, () => ({ type: 'transfer-leadership', to: first }));
    case 'a':
      return make(1, () => ({ type: 'add-server', node: first }));
    case 'm':
      return make(1, () => ({ type: 'remove-server', node: first }));
    default:
      return `an unknown action letter ${JSON.stringify(letter)}`;
  }
}

/** The link's text (a URL fragment, without its "#"). */
export function playgroundLink(run: PlaygroundRun): string {
  const { settings } = run;
  const actions = run.actions.map(({ atUs, action }) => `${atUs}${CODES[action.type]}${actionNumbers(action).join('-')}`).join(',');
  const fields: [string, string | number][] = [
    ['v', PLAYGROUND_LINK_VERSION],
    ['seed', settings.seed],
    ['n', settings.nodes],
    ['spares', settings.spares],
    ['prevote', settings.preVote ? 1 : 0],
    ['checkquorum', settings.checkQuorum ? 1 : 0],
    ['timeout', `${settings.electionTimeoutMs[0]}-${settings.electionTimeoutMs[1]}`],
    ['heartbeat', settings.heartbeatMs],
    ['bug', settings.bug ?? 'none'],
    ['rps', settings.requestsPerSecond],
    ['a', actions],
    ['t', run.untilUs],
  ];
  return fields.map(([key, value]) => `${key}=${value}`).join('&');
}

/** Reads a link: a whole address or only its fragment. Any problem is named, with the field it is in. */
export function readPlaygroundLink(text: string): LinkRead {
  const hash = text.indexOf('#');
  const fragment = hash >= 0 ? text.slice(hash + 1) : text;
  const fields = new Map<string, string>();
  for (const part of fragment.split('&')) {
    const equals = part.indexOf('=');
    if (equals <= 0) return { ok: false, problem: `the link's part ${JSON.stringify(part.slice(0, 40))} is not NAME=VALUE` };
    fields.set(part.slice(0, equals), decodeURIComponent(part.slice(equals + 1)));
  }
  if (fields.get('v') !== String(PLAYGROUND_LINK_VERSION)) {
    return { ok: false, problem: `the link is not a playground link of version ${PLAYGROUND_LINK_VERSION} (its v is ${JSON.stringify(fields.get('v') ?? null)})` };
  }
  try {
    const run = runFromFields(fields);
    const problem = runProblem(run);
    return problem === null ? { ok: true, run } : { ok: false, problem: `the link's run cannot be: ${problem}` };
  } catch (error) {
    return { ok: false, problem: (error as Error).message };
  }
}

function runFromFields(fields: ReadonlyMap<string, string>): PlaygroundRun {
  const text = (name: string) => {
    const value = fields.get(name);
    if (value === undefined) throw new Error(`the link has no ${name}`);
    return value;
  };
  const count = (name: string, min: number, max: number) => {
    const value = text(name);
    if (!/^\d{1,15}$/.test(value) || Number(value) < min || Number(value) > max) throw new Error(`the link's ${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value.slice(0, 40))}`);
    return Number(value);
  };
  const flag = (name: string) => count(name, 0, 1) === 1;
  const timeout = /^(\d{1,6})-(\d{1,6})$/.exec(text('timeout'));
  if (timeout === null) throw new Error(`the link's timeout must be LOW-HIGH in milliseconds, got ${JSON.stringify(text('timeout').slice(0, 40))}`);
  const bug = text('bug');
  const settings: PlaygroundSettings = {
    seed: count('seed', 0, 2 ** 32 - 1),
    nodes: count('n', 1, MAX_NODES),
    spares: count('spares', 0, MAX_NODES - 1),
    preVote: flag('prevote'),
    checkQuorum: flag('checkquorum'),
    electionTimeoutMs: [Number(timeout[1]), Number(timeout[2])],
    heartbeatMs: count('heartbeat', 1, 60_000),
    bug: bug === 'none' ? null : bug,
    requestsPerSecond: count('rps', 0, 1000),
  };
  const untilUs = count('t', 0, PLAYGROUND_HORIZON_MS * 1000);
  const actions = text('a') === '' ? [] : text('a').split(',').map(readAction);
  return { settings, actions, untilUs };
}

function readAction(written: string, index: number): TimedAction {
  const match = /^(\d{1,12})([a-z])((?:\d{1,9})(?:-\d{1,9})*)?$/.exec(written);
  if (match === null) throw new Error(`the link's action ${index + 1} ${JSON.stringify(written.slice(0, 40))} is not TIME LETTER NUMBERS (such as 812345c2)`);
  const numbers = match[3] === undefined ? [] : match[3].split('-').map(Number);
  const action = actionFrom(match[2]!, numbers);
  if (typeof action === 'string') throw new Error(`the link's action ${index + 1} ${JSON.stringify(written)}: ${action}`);
  return { atUs: Number(match[1]), action };
}

/** What makes a run impossible: nodes out of range, actions out of order or past its end, settings that cannot run. */
function runProblem(run: PlaygroundRun): string | null {
  const { settings } = run;
  if (settings.spares >= settings.nodes) return `${settings.spares} spares leave no member among ${settings.nodes} nodes`;
  let previousUs = 0;
  for (const [index, { atUs, action }] of run.actions.entries()) {
    if (atUs < previousUs) return `action ${index + 1} at ${atUs} µs comes before the one before it`;
    if (atUs > run.untilUs) return `action ${index + 1} at ${atUs} µs is after the run's end at ${run.untilUs} µs`;
    if (action.type !== 'heal' && action.type !== 'propose' && actionNumbers(action).slice(0, action.type === 'cut' || action.type === 'network' ? 2 : 1).some((node) => node < 1 || node > settings.nodes)) {
      return `action ${index + 1} names a node outside 1–${settings.nodes}`;
    }
    previousUs = atUs;
  }
  return scenarioOptionsProblem(playgroundScenario(run));
}

/**
 * The scenario a playground run is: its settings as the cluster, its actions as the timeline at their
 * microseconds, run to its instant. No expectations and no liveness phase: the safety checkers judge it.
 */
export function playgroundScenario(run: PlaygroundRun): Scenario {
  const { settings } = run;
  const members = settings.spares === 0 ? null : Array.from({ length: settings.nodes - settings.spares }, (_, index) => index + 1);
  return {
    name: 'playground',
    description: 'a run played in the raftsim playground',
    seed: settings.seed,
    cluster: {
      ...DEFAULT_CLUSTER,
      nodes: settings.nodes,
      durationMs: run.untilUs / 1000,
      members,
      preVote: settings.preVote,
      checkQuorum: settings.checkQuorum,
      electionTimeoutMs: settings.electionTimeoutMs,
      heartbeatMs: settings.heartbeatMs,
    },
    network: DEFAULT_NETWORK_SPEC,
    workload: { requestsPerSecond: settings.requestsPerSecond, readsPerSecond: 0 },
    leaderCrashes: null,
    timeline: run.actions.map(({ atUs, action }) => ({ atMs: atUs / 1000, action })),
    expect: [],
    liveness: null,
  };
}
