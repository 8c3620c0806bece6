/**
 * The timeline of a scenario file: its steps as written, their validation, and the translation both
 * ways. Each step names its action with one key (a fault kind's, a wait, or `repeat`), and may carry a
 * time (`at`, or `after` the previous step, a duration or a range drawn when the step comes up), a
 * `label` for expectations, and an `as` that names the nodes the step acts on for the steps after it.
 */
import { z } from 'zod';
import { FAULT_KINDS, faultKind, isFaultType, isRememberedName } from '../sim/index.js';
import { duration, formatDuration, nodeSet, positiveDuration, rememberedName, stripUndefined } from '../sim/faults/document-fields.js';
import type { FaultAction } from '../sim/index.js';
import type { ScenarioAction, ScenarioStep } from './scenario.js';

/** The steps that hold the timeline rather than act: they are the scenario's own, not fault kinds. */
const waitSchemas = {
  'wait-for-leader': z.union([positiveDuration, z.object({ within: positiveDuration, among: nodeSet.optional() }).strict()]),
  'wait-for-commit': z.object({ index: z.number().int().min(1), within: positiveDuration }).strict(),
};
type WaitKey = keyof typeof waitSchemas;

/** A repeat plays its steps this many times at most, and holds this many steps at most. */
export const MAX_REPEAT_TIMES = 1000;
const MAX_REPEAT_STEPS = 100;
/** The most steps a timeline plays, repeats counted out: every run stays bounded. */
const MAX_PLAYED_STEPS = 10_000;

/** A key for each fault kind; each kind's schema says what its value may be. */
type FaultKeys = { [Type in FaultAction['type']]: z.ZodOptional<z.ZodType<unknown, unknown>> };

const stepTime = z.union([duration, z.tuple([duration, duration])]);

const stepFields = {
  at: duration.optional(),
  after: stepTime.optional(),
  label: z.string().min(1).optional(),
  as: rememberedName.optional(),
  for: positiveDuration.optional(),
  ...(Object.fromEntries(FAULT_KINDS.map((kind) => [kind.type, kind.schema.optional()])) as FaultKeys),
  'wait-for-leader': waitSchemas['wait-for-leader'].optional(),
  'wait-for-commit': waitSchemas['wait-for-commit'].optional(),
};

/** A step inside a repeat: any step but another repeat. */
const innerStepSchema = z.object(stepFields).strict();

/** A timeline step: its timing, then one key naming its action. */
export const stepSchema = z
  .object({
    ...stepFields,
    repeat: z
      .object({ times: z.number().int().min(1).max(MAX_REPEAT_TIMES), steps: z.array(innerStepSchema).min(1).max(MAX_REPEAT_STEPS) })
      .strict()
      .optional(),
  })
  .strict();

type StepDocument = z.output<typeof stepSchema>;
type ActionKey = FaultAction['type'] | WaitKey | 'repeat';
const ACTION_KEYS: readonly ActionKey[] = [...FAULT_KINDS.map((kind) => kind.type), ...(Object.keys(waitSchemas) as WaitKey[]), 'repeat'];
/** The kinds whose step may carry `for`. */
const PERIOD_KEYS: readonly ActionKey[] = FAULT_KINDS.filter((kind) => kind.lastsForAPeriod !== undefined).map((kind) => kind.type);
/** The kinds whose step may carry `as`: those that act on particular nodes, and the wait that finds a leader. */
const REMEMBERING_KEYS: readonly ActionKey[] = [...FAULT_KINDS.filter((kind) => kind.pin !== undefined).map((kind) => kind.type), 'wait-for-leader'];

export type TimelineParse = { readonly ok: true; readonly timeline: ScenarioStep[] } | { readonly ok: false; readonly problem: string };

/** The steps of a validated timeline; a problem names the step, as scenarioFromDocument's do. */
export function timelineFromDocument(steps: readonly StepDocument[]): TimelineParse {
  const timeline: ScenarioStep[] = [];
  for (const [index, step] of steps.entries()) {
    const parsed = stepFromDocument(step, `timeline[${index}]`);
    if (typeof parsed === 'string') return { ok: false, problem: parsed };
    timeline.push(parsed);
  }
  const played = playedSteps(timeline);
  if (played > MAX_PLAYED_STEPS) return { ok: false, problem: `timeline: its repeats play ${played} steps, more than ${MAX_PLAYED_STEPS}` };
  return { ok: true, timeline };
}

function stepFromDocument(step: StepDocument, place: string): ScenarioStep | string {
  const present = ACTION_KEYS.filter((key) => step[key as keyof StepDocument] !== undefined);
  if (present.length !== 1) {
    const found = present.length === 0 ? 'none' : present.join(', ');
    return `${place}: expected exactly one action (${ACTION_KEYS.join(', ')}), found ${found}`;
  }
  const key = present[0]!;
  if (step.at !== undefined && step.after !== undefined) return `${place}: give either at or after, not both`;
  if (Array.isArray(step.after) && step.after[0] > step.after[1]) return `${place}.after: the range [${step.after.map(formatDuration).join(', ')}] runs backwards`;
  if (step.for !== undefined && !PERIOD_KEYS.includes(key)) return `${place}.for: only a ${PERIOD_KEYS.join(' or ')} step can last for a period`;
  if (step.as !== undefined && !REMEMBERING_KEYS.includes(key)) return `${place}.as: a ${key} step acts on no particular node; only ${REMEMBERING_KEYS.join(', ')} steps take as`;
  // A label names one moment; a repeat spans many.
  if (key === 'repeat' && step.label !== undefined) return `${place}.label: a repeat cannot be labelled; label a step before or after it`;
  const action = key === 'repeat' ? repeatFromDocument(step.repeat!, `${place}.repeat`) : actionFromDocument(step, key);
  if (typeof action === 'string') return action;
  return stripUndefined({ atMs: step.at, afterMs: step.after, label: step.label, as: step.as, action }) as ScenarioStep;
}

function repeatFromDocument(repeat: NonNullable<StepDocument['repeat']>, place: string): ScenarioAction | string {
  const steps: ScenarioStep[] = [];
  for (const [index, inner] of repeat.steps.entries()) {
    const innerPlace = `${place}.steps[${index}]`;
    // Times inside a repeat count from the step before: an absolute time would be the same every round.
    if (inner.at !== undefined) return `${innerPlace}.at: steps of a repeat are timed with after`;
    // A label names one moment; a repeated step has many.
    if (inner.label !== undefined) return `${innerPlace}.label: a step of a repeat runs many times and cannot be labelled (use as to name its nodes)`;
    const parsed = stepFromDocument(inner, innerPlace);
    if (typeof parsed === 'string') return parsed;
    steps.push(parsed);
  }
  return { type: 'repeat', times: repeat.times, steps };
}

function actionFromDocument(step: StepDocument, key: Exclude<ActionKey, 'repeat'>): ScenarioAction {
  if (isFaultType(key)) return faultKind(key).fromDocument(step[key], step.for);
  if (key === 'wait-for-leader') {
    const wait = step['wait-for-leader']!;
    return typeof wait === 'number'
      ? { type: 'wait-for-leader', withinMs: wait }
      : (stripUndefined({ type: 'wait-for-leader', withinMs: wait.within, among: wait.among }) as ScenarioAction);
  }
  return { type: 'wait-for-commit', index: step['wait-for-commit']!.index, withinMs: step['wait-for-commit']!.within };
}

/** How many steps the timeline plays, each repeat's counted as many times as it repeats. */
function playedSteps(steps: readonly ScenarioStep[]): number {
  let played = 0;
  for (const step of steps) played += step.action.type === 'repeat' ? step.action.times * playedSteps(step.action.steps) : 1;
  return played;
}

/** Every step with its place in the document, those inside repeats after the repeat itself, in document order. */
export function everyStep(timeline: readonly ScenarioStep[]): [string, ScenarioStep][] {
  const found: [string, ScenarioStep][] = [];
  for (const [index, step] of timeline.entries()) {
    found.push([`timeline[${index}]`, step]);
    if (step.action.type === 'repeat') for (const [inner, innerStep] of step.action.steps.entries()) found.push([`timeline[${index}].repeat.steps[${inner}]`, innerStep]);
  }
  return found;
}

/** Keys of actions whose values are never nodes. */
const NOT_NODES = new Set(['type', 'count', 'index', 'withinMs', 'rate', 'keepAtLeast', 'forMs', 'lossRate', 'duplicateRate', 'reorderRate', 'delayMs', 'command', 'messageType']);

/** The first node a step names beyond the cluster, or a remembered name no earlier step gave; null when there is none. */
export function timelineNodeProblem(timeline: readonly ScenarioStep[], nodes: number): string | null {
  const given = new Set<string>();
  for (const [place, step] of everyStep(timeline)) {
    if (step.action.type !== 'repeat') {
      const problem = nodeProblem(step.action, nodes, given);
      if (problem !== null) return `${place}: ${problem}`;
    }
    if (step.as !== undefined) given.add(step.as);
  }
  return null;
}

function nodeProblem(value: unknown, nodes: number, given: ReadonlySet<string>): string | null {
  if (typeof value === 'number') return value > nodes ? `node ${value} does not exist in a cluster of ${nodes}` : null;
  if (isRememberedName(value)) return given.has(value) ? null : `no earlier step remembers "${value}" (give one as: ${value})`;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (!Array.isArray(value) && NOT_NODES.has(key)) continue;
    const problem = nodeProblem(item, nodes, given);
    if (problem !== null) return problem;
  }
  return null;
}

/** Labels given twice; only top-level steps take labels. */
export function duplicateLabel(timeline: readonly ScenarioStep[]): string | null {
  const seen = new Map<string, number>();
  for (const [index, step] of timeline.entries()) {
    if (step.label === undefined) continue;
    const earlier = seen.get(step.label);
    if (earlier !== undefined) return `timeline[${index}].label: "${step.label}" already labels timeline[${earlier}]`;
    seen.set(step.label, index);
  }
  return null;
}

export function stepToDocument(step: ScenarioStep): Record<string, unknown> {
  const timing = stripUndefined({
    at: step.atMs === undefined ? undefined : formatDuration(step.atMs),
    after: step.afterMs === undefined ? undefined : typeof step.afterMs === 'number' ? formatDuration(step.afterMs) : step.afterMs.map(formatDuration),
    label: step.label,
    as: step.as,
  });
  const action = step.action;
  switch (action.type) {
    case 'wait-for-leader':
      return { ...timing, 'wait-for-leader': action.among === undefined ? formatDuration(action.withinMs) : { within: formatDuration(action.withinMs), among: action.among } };
    case 'wait-for-commit':
      return { ...timing, 'wait-for-commit': { index: action.index, within: formatDuration(action.withinMs) } };
    case 'repeat':
      return { ...timing, repeat: { times: action.times, steps: action.steps.map(stepToDocument) } };
    default: {
      const kind = faultKind(action.type);
      const forMs = kind.lastsForAPeriod?.(action);
      return { ...timing, ...(forMs === undefined ? {} : { for: formatDuration(forMs) }), [action.type]: kind.toDocument(action) };
    }
  }
}
