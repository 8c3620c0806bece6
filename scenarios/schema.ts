/**
 * The written form of a scenario (YAML or JSON), its validation, and the translation both ways between
 * it and the in-memory Scenario. Each timeline step names its action with one key, so a file reads as
 * English: `- at: 2s` / `isolate: leader`. Durations are numbers of milliseconds or strings such as
 * `150ms`, `2s`, `1m`.
 */
import { z } from 'zod';
import { checkArguments } from '../core/argument-checks.js';
import { CHECKER_NAMES, FAULT_KINDS, faultKind, isFaultType, MAX_NODES } from '../sim/index.js';
import { duration, formatDuration, nodeNumber, nodeSet, positiveDuration, rate, stripUndefined } from '../sim/faults/document-fields.js';
import type { FaultAction } from '../sim/index.js';
import type { ClusterSpec, Expectation, NetworkSpec, NodeRef, NodeSet, NodeSpec, Scenario, ScenarioAction, ScenarioStep } from './scenario.js';
import { SCENARIO } from './argument-rules.js';
import { CHECK_NAMES } from './check-settings.js';
import { range, rangeFromZero } from './durations.js';
import { afterMembers, beforeMembers, protocolOptionFields, protocolOptionsFromDocument, protocolOptionsToDocument } from './protocol-options-document.js';
import { kvWorkloadFields, kvWorkloadToDocument, refuseKvFieldsWithoutKv, workloadFromDocument } from './kv-workload-document.js';
import { scenarioOptionsProblem } from './run-scenario.js';
import { DEFAULT_CLUSTER } from './scenario.js';

/** The steps that hold the timeline rather than act: they are the scenario's own, not fault kinds. */
const waitSchemas = {
  'wait-for-leader': z.union([positiveDuration, z.object({ within: positiveDuration, among: nodeSet.optional() }).strict()]),
  'wait-for-commit': z.object({ index: z.number().int().min(1), within: positiveDuration }).strict(),
};
type WaitKey = keyof typeof waitSchemas;

/** A key for each fault kind; each kind's schema says what its value may be. */
type FaultKeys = { [Type in FaultAction['type']]: z.ZodOptional<z.ZodType<unknown, unknown>> };

/** A timeline step: its timing, then one key naming its action, a fault kind's (see sim/faults/registry.ts) or a wait. */
const stepSchema = z
  .object({
    at: duration.optional(),
    after: duration.optional(),
    label: z.string().min(1).optional(),
    for: positiveDuration.optional(),
    ...(Object.fromEntries(FAULT_KINDS.map((kind) => [kind.type, kind.schema.optional()])) as FaultKeys),
    'wait-for-leader': waitSchemas['wait-for-leader'].optional(),
    'wait-for-commit': waitSchemas['wait-for-commit'].optional(),
  })
  .strict();

type ActionKey = FaultAction['type'] | WaitKey;
const ACTION_KEYS: readonly ActionKey[] = [...FAULT_KINDS.map((kind) => kind.type), ...(Object.keys(waitSchemas) as WaitKey[])];
/** The kinds whose step may carry `for`. */
const PERIOD_KEYS: readonly ActionKey[] = FAULT_KINDS.filter((kind) => kind.lastsForAPeriod !== undefined).map((kind) => kind.type);

const expectationSchema = z
  .object({
    'leader-within': positiveDuration.optional(),
    after: z.string().min(1).optional(),
    committed: z.object({ index: z.number().int().min(1), by: duration }).strict().optional(),
    'no-commit-between': z.tuple([duration, duration]).optional(),
    'no-leader-change-between': z.tuple([duration, duration]).optional(),
    'term-below': z.number().int().min(1).optional(),
    'split-vote': z.literal(true).optional(),
    'split-votes-at-least': z.number().int().min(1).optional(),
    caught: z.enum(CHECKER_NAMES).optional(),
  })
  .strict();

const EXPECTATION_KEYS = [
  'leader-within',
  'committed',
  'no-commit-between',
  'no-leader-change-between',
  'term-below',
  'split-vote',
  'split-votes-at-least',
  'caught',
] as const;

const nodeSpecSchema = z
  .object({
    clockRate: z.number().positive().max(10).optional(),
    electionTimeout: range.optional(),
    term: z.number().int().min(0).optional(),
    logTerms: z.array(z.number().int().min(1)).max(100_000).optional(),
  })
  .strict();

export const scenarioDocumentSchema = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a name of lower-case letters, digits and dashes'),
    description: z.string().default(''),
    seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(1),
    cluster: z
      .object({
        nodes: z.number().int().min(1).max(MAX_NODES).default(DEFAULT_CLUSTER.nodes),
        duration: positiveDuration.default(DEFAULT_CLUSTER.durationMs),
        tick: positiveDuration.default(DEFAULT_CLUSTER.tickMs),
        maxEvents: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
        ...protocolOptionFields(beforeMembers),
        members: z.array(nodeNumber).min(1).nullable().default(null),
        ...protocolOptionFields(afterMembers),
        diskFaultOnCrash: z.enum(['none', 'lost-fsync', 'torn-write']).default('none'),
        perNode: z.record(z.string().regex(/^[1-9]\d*$/, 'a node number'), nodeSpecSchema).default({}),
      })
      .strict()
      .prefault({}),
    network: z
      .object({
        latency: rangeFromZero.default([10, 15]),
        lossRate: rate.default(0),
        duplicateRate: rate.default(0),
        reorderRate: rate.default(0),
      })
      .strict()
      .prefault({}),
    workload: z
      .object({ requestsPerSecond: z.number().min(0).max(100_000).default(20), readsPerSecond: z.number().min(0).max(100_000).default(0), ...kvWorkloadFields })
      .strict()
      .superRefine(refuseKvFieldsWithoutKv)
      .prefault({}),
    leaderCrashes: z
      .object({ probability: rate, after: z.tuple([duration, duration]), down: z.tuple([duration, duration]) })
      .strict()
      .nullable()
      .default(null),
    timeline: z.array(stepSchema).max(10_000).default([]),
    liveness: z.object({ at: duration, within: positiveDuration }).strict().nullable().default(null),
    skipCheckers: z
      .array(z.string().refine((name) => CHECK_NAMES.includes(name), `one of the checks: ${CHECK_NAMES.join(', ')}`))
      .max(100)
      .superRefine(refuseRepeatedCheck)
      .default([]),
    expect: z.array(expectationSchema).max(1_000).default([]),
  })
  .strict();

export type ScenarioDocument = z.input<typeof scenarioDocumentSchema>;

export type ScenarioParse = { readonly ok: true; readonly scenario: Scenario } | { readonly ok: false; readonly problem: string };

/** Validates a parsed document; a problem names the place (`timeline[3].at`) and what was expected. */
export function scenarioFromDocument(document: unknown): ScenarioParse {
  const parsed = scenarioDocumentSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `${formatPath(issue.path)}: ${describeIssue(issue)}` };
  }
  const value = parsed.data;
  const timelineParse = timelineFromDocument(value.timeline);
  if (!timelineParse.ok) return timelineParse;
  const timeline = timelineParse.timeline;
  const labels = new Set(timeline.map((step) => step.label).filter((label) => label !== undefined));
  const expectationsParse = expectationsFromDocument(value.expect, labels);
  if (!expectationsParse.ok) return expectationsParse;
  const expectations = expectationsParse.expectations;
  const nodes = value.cluster.nodes;
  for (const key of Object.keys(value.cluster.perNode)) {
    if (Number(key) < 1 || Number(key) > nodes) return { ok: false, problem: `cluster.perNode.${key}: the cluster has nodes 1 to ${nodes}` };
  }
  const badMember = (value.cluster.members ?? []).find((member) => member > nodes);
  if (badMember !== undefined) return { ok: false, problem: `cluster.members: node ${badMember} does not exist in a cluster of ${nodes}` };
  const badNode = findNodeOutOfRange(timeline, nodes);
  if (badNode !== null) return { ok: false, problem: badNode };
  const labelProblem = duplicateLabel(timeline);
  if (labelProblem !== null) return { ok: false, problem: labelProblem };
  const logProblem = initialLogsProblem(value.cluster.perNode);
  if (logProblem !== null) return { ok: false, problem: logProblem };
  const scenario: Scenario = {
      name: value.name,
      description: value.description,
      seed: value.seed,
      cluster: {
        nodes,
        durationMs: value.cluster.duration,
        tickMs: value.cluster.tick,
        ...(value.cluster.maxEvents === undefined ? {} : { maxEvents: value.cluster.maxEvents }),
        ...protocolOptionsFromDocument(value.cluster),
        members: value.cluster.members,
        diskFaultOnCrash: value.cluster.diskFaultOnCrash,
        perNode: Object.fromEntries(
          Object.entries(value.cluster.perNode).map(([node, spec]): [string, NodeSpec] => [
            node,
            stripUndefined({ clockRate: spec.clockRate, electionTimeoutMs: spec.electionTimeout, term: spec.term, logTerms: spec.logTerms }),
          ]),
        ),
      },
      network: {
        latencyMs: value.network.latency,
        lossRate: value.network.lossRate,
        duplicateRate: value.network.duplicateRate,
        reorderRate: value.network.reorderRate,
      },
      workload: workloadFromDocument(value.workload),
      leaderCrashes:
        value.leaderCrashes === null
          ? null
          : {
              probability: value.leaderCrashes.probability,
              afterMinMs: value.leaderCrashes.after[0],
              afterMaxMs: value.leaderCrashes.after[1],
              downMinMs: value.leaderCrashes.down[0],
              downMaxMs: value.leaderCrashes.down[1],
            },
      timeline,
      expect: expectations,
      liveness: value.liveness === null ? null : { atMs: value.liveness.at, withinMs: value.liveness.within },
      ...(value.skipCheckers.length > 0 ? { skipCheckers: value.skipCheckers } : {}),
  };
  if (scenario.liveness !== null && scenario.liveness.atMs + scenario.liveness.withinMs > scenario.cluster.durationMs) {
    return { ok: false, problem: `liveness: the run (cluster.duration ${formatDuration(scenario.cluster.durationMs)}) ends before the liveness phase does (at ${formatDuration(scenario.liveness.atMs)} + within ${formatDuration(scenario.liveness.withinMs)})` };
  }
  const optionsProblem = scenarioOptionsProblem(scenario);
  if (optionsProblem !== null) return { ok: false, problem: `cluster: ${optionsProblem}` };
  return { ok: true, scenario };
}

/** A check named twice in skipCheckers is refused, as a label or a member named twice is. */
function refuseRepeatedCheck(names: readonly string[], context: z.RefinementCtx): void {
  const repeat = names.findIndex((name, index) => names.indexOf(name) !== index);
  if (repeat === -1) return;
  context.addIssue({ code: 'custom', path: [repeat], message: `"${names[repeat]}" is already listed at skipCheckers[${names.indexOf(names[repeat]!)}]` });
}

function duplicateLabel(timeline: readonly ScenarioStep[]): string | null {
  const seen = new Map<string, number>();
  for (const [index, step] of timeline.entries()) {
    if (step.label === undefined) continue;
    const earlier = seen.get(step.label);
    if (earlier !== undefined) return `timeline[${index}].label: "${step.label}" already labels timeline[${earlier}]`;
    seen.set(step.label, index);
  }
  return null;
}

/**
 * Starting logs must be ones Raft could have produced: terms never decrease along a log, and two logs
 * holding the same term at an index agree before it (Log Matching); otherwise the checkers would
 * report the file's own contradiction as a protocol violation.
 */
function initialLogsProblem(perNode: Record<string, { readonly logTerms?: readonly number[] | undefined }>): string | null {
  const logs = Object.entries(perNode).filter((entry): entry is [string, { logTerms: readonly number[] }] => entry[1].logTerms !== undefined);
  for (const [node, spec] of logs) {
    for (let index = 1; index < spec.logTerms.length; index++) {
      if (spec.logTerms[index]! < spec.logTerms[index - 1]!) {
        return `cluster.perNode.${node}.logTerms: terms never decrease along a log, but index ${index + 1} has ${spec.logTerms[index]} after ${spec.logTerms[index - 1]}`;
      }
    }
  }
  for (const [first, a] of logs) {
    for (const [second, b] of logs) {
      if (Number(first) >= Number(second)) continue;
      const shared = Math.min(a.logTerms.length, b.logTerms.length);
      for (let index = shared - 1; index >= 0; index--) {
        if (a.logTerms[index] !== b.logTerms[index]) continue;
        for (let before = 0; before < index; before++) {
          if (a.logTerms[before] !== b.logTerms[before]) {
            return `cluster.perNode: nodes ${first} and ${second} both hold term ${a.logTerms[index]} at index ${index + 1} but differ at index ${before + 1}, which Raft's Log Matching rules out`;
          }
        }
        break;
      }
    }
  }
  return null;
}

type StepDocument = z.output<typeof stepSchema>;

/** The steps of a validated timeline; a problem names the step, as scenarioFromDocument's do. */
function timelineFromDocument(steps: readonly StepDocument[]): { readonly ok: true; readonly timeline: ScenarioStep[] } | { readonly ok: false; readonly problem: string } {
  const timeline: ScenarioStep[] = [];
  for (const [index, step] of steps.entries()) {
    const present = ACTION_KEYS.filter((key) => step[key] !== undefined);
    if (present.length !== 1) {
      const found = present.length === 0 ? 'none' : present.join(', ');
      return { ok: false, problem: `timeline[${index}]: expected exactly one action (${ACTION_KEYS.join(', ')}), found ${found}` };
    }
    if (step.at !== undefined && step.after !== undefined) return { ok: false, problem: `timeline[${index}]: give either at or after, not both` };
    if (step.for !== undefined && !PERIOD_KEYS.includes(present[0]!)) {
      return { ok: false, problem: `timeline[${index}].for: only a ${PERIOD_KEYS.join(' or ')} step can last for a period` };
    }
    timeline.push(stepFromDocument(step, present[0]!));
  }
  return { ok: true, timeline };
}

function stepFromDocument(step: StepDocument, key: ActionKey): ScenarioStep {
  return stripUndefined({ atMs: step.at, afterMs: step.after, label: step.label, action: actionFromDocument(step, key) }) as ScenarioStep;
}

function actionFromDocument(step: StepDocument, key: ActionKey): ScenarioAction {
  if (isFaultType(key)) return faultKind(key).fromDocument(step[key], step.for);
  if (key === 'wait-for-leader') {
    const wait = step['wait-for-leader']!;
    return typeof wait === 'number'
      ? { type: 'wait-for-leader', withinMs: wait }
      : (stripUndefined({ type: 'wait-for-leader', withinMs: wait.within, among: wait.among }) as ScenarioAction);
  }
  return { type: 'wait-for-commit', index: step['wait-for-commit']!.index, withinMs: step['wait-for-commit']!.within };
}

type ExpectationDocument = z.output<typeof expectationSchema>;

/** The expectations of a validated document; `labels` are the timeline's, which `after` may name. */
function expectationsFromDocument(
  entries: readonly ExpectationDocument[],
  labels: ReadonlySet<string>,
): { readonly ok: true; readonly expectations: Expectation[] } | { readonly ok: false; readonly problem: string } {
  const expectations: Expectation[] = [];
  for (const [index, entry] of entries.entries()) {
    const present = EXPECTATION_KEYS.filter((key) => entry[key] !== undefined);
    if (present.length !== 1) {
      return { ok: false, problem: `expect[${index}]: expected exactly one of ${EXPECTATION_KEYS.join(', ')}, found ${present.length === 0 ? 'none' : present.join(', ')}` };
    }
    if (entry.after !== undefined && present[0] !== 'leader-within') return { ok: false, problem: `expect[${index}].after: only leader-within takes after` };
    if (entry.after !== undefined && !labels.has(entry.after)) return { ok: false, problem: `expect[${index}].after: no timeline step is labelled "${entry.after}"` };
    expectations.push(expectationFromDocument(entry, present[0]!));
  }
  return { ok: true, expectations };
}

function expectationFromDocument(entry: ExpectationDocument, key: (typeof EXPECTATION_KEYS)[number]): Expectation {
  switch (key) {
    case 'leader-within':
      return stripUndefined({ type: 'leader-within', withinMs: entry['leader-within']!, after: entry.after }) as Expectation;
    case 'committed':
      return { type: 'committed', index: entry.committed!.index, byMs: entry.committed!.by };
    case 'no-commit-between':
      return { type: 'no-commit-between', fromMs: entry['no-commit-between']![0], toMs: entry['no-commit-between']![1] };
    case 'no-leader-change-between':
      return { type: 'no-leader-change-between', fromMs: entry['no-leader-change-between']![0], toMs: entry['no-leader-change-between']![1] };
    case 'term-below':
      return { type: 'term-below', term: entry['term-below']! };
    case 'split-vote':
      return { type: 'split-vote' };
    case 'split-votes-at-least':
      return { type: 'split-votes-at-least', count: entry['split-votes-at-least']! };
    case 'caught':
      return { type: 'caught', checker: entry.caught! };
  }
}

function findNodeOutOfRange(timeline: readonly ScenarioStep[], nodes: number): string | null {
  const check = (value: unknown, index: number): string | null => {
    if (typeof value === 'number' && value > nodes) return `timeline[${index}]: node ${value} does not exist in a cluster of ${nodes}`;
    if (Array.isArray(value)) for (const item of value) if (check(item, index) !== null) return check(item, index);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, item] of Object.entries(value)) {
        if (['count', 'index', 'withinMs', 'rate', 'keepAtLeast', 'forMs', 'lossRate', 'duplicateRate', 'reorderRate', 'delayMs'].includes(key)) continue;
        const problem = check(item, index);
        if (problem !== null) return problem;
      }
    }
    return null;
  };
  for (const [index, step] of timeline.entries()) {
    const problem = check(step.action, index);
    if (problem !== null) return problem;
  }
  return null;
}

/** The written form of a scenario: what `raftsim scenarios show` prints and a file holds. */
export function scenarioToDocument(scenario: Scenario): Record<string, unknown> {
  checkArguments('scenarioToDocument', ['scenario', scenario, SCENARIO]);
  const cluster: ClusterSpec = scenario.cluster;
  const network: NetworkSpec = scenario.network;
  return {
    name: scenario.name,
    description: scenario.description,
    seed: scenario.seed,
    cluster: {
      nodes: cluster.nodes,
      duration: formatDuration(cluster.durationMs),
      tick: formatDuration(cluster.tickMs),
      ...(cluster.maxEvents === undefined ? {} : { maxEvents: cluster.maxEvents }),
      ...protocolOptionsToDocument(cluster, beforeMembers),
      ...(cluster.members !== null ? { members: cluster.members } : {}),
      ...protocolOptionsToDocument(cluster, afterMembers),
      ...(cluster.diskFaultOnCrash !== 'none' ? { diskFaultOnCrash: cluster.diskFaultOnCrash } : {}),
      ...(Object.keys(cluster.perNode).length === 0
        ? {}
        : {
            perNode: Object.fromEntries(
              Object.entries(cluster.perNode).map(([node, spec]) => [
                node,
                stripUndefined({
                  clockRate: spec.clockRate,
                  electionTimeout: spec.electionTimeoutMs?.map(formatDuration),
                  term: spec.term,
                  logTerms: spec.logTerms,
                }),
              ]),
            ),
          }),
    },
    network: {
      latency: network.latencyMs.map(formatDuration),
      lossRate: network.lossRate,
      duplicateRate: network.duplicateRate,
      reorderRate: network.reorderRate,
    },
    workload: {
      requestsPerSecond: scenario.workload.requestsPerSecond,
      ...(scenario.workload.readsPerSecond > 0 ? { readsPerSecond: scenario.workload.readsPerSecond } : {}),
      ...kvWorkloadToDocument(scenario.workload.kv),
    },
    leaderCrashes:
      scenario.leaderCrashes === null
        ? null
        : {
            probability: scenario.leaderCrashes.probability,
            after: [formatDuration(scenario.leaderCrashes.afterMinMs), formatDuration(scenario.leaderCrashes.afterMaxMs)],
            down: [formatDuration(scenario.leaderCrashes.downMinMs), formatDuration(scenario.leaderCrashes.downMaxMs)],
          },
    timeline: scenario.timeline.map(stepToDocument),
    expect: scenario.expect.map(expectationToDocument),
    liveness: scenario.liveness === null ? null : { at: formatDuration(scenario.liveness.atMs), within: formatDuration(scenario.liveness.withinMs) },
    ...((scenario.skipCheckers ?? []).length > 0 ? { skipCheckers: scenario.skipCheckers } : {}),
  };
}

function stepToDocument(step: ScenarioStep): Record<string, unknown> {
  const timing = stripUndefined({
    at: step.atMs === undefined ? undefined : formatDuration(step.atMs),
    after: step.afterMs === undefined ? undefined : formatDuration(step.afterMs),
    label: step.label,
  });
  const action = step.action;
  switch (action.type) {
    case 'wait-for-leader':
      return { ...timing, 'wait-for-leader': action.among === undefined ? formatDuration(action.withinMs) : { within: formatDuration(action.withinMs), among: action.among } };
    case 'wait-for-commit':
      return { ...timing, 'wait-for-commit': { index: action.index, within: formatDuration(action.withinMs) } };
    default: {
      const kind = faultKind(action.type);
      const forMs = kind.lastsForAPeriod?.(action);
      return { ...timing, ...(forMs === undefined ? {} : { for: formatDuration(forMs) }), [action.type]: kind.toDocument(action) };
    }
  }
}

function expectationToDocument(expectation: Expectation): Record<string, unknown> {
  switch (expectation.type) {
    case 'leader-within':
      return stripUndefined({ 'leader-within': formatDuration(expectation.withinMs), after: expectation.after });
    case 'committed':
      return { committed: { index: expectation.index, by: formatDuration(expectation.byMs) } };
    case 'no-commit-between':
      return { 'no-commit-between': [formatDuration(expectation.fromMs), formatDuration(expectation.toMs)] };
    case 'no-leader-change-between':
      return { 'no-leader-change-between': [formatDuration(expectation.fromMs), formatDuration(expectation.toMs)] };
    case 'term-below':
      return { 'term-below': expectation.term };
    case 'split-vote':
      return { 'split-vote': true };
    case 'split-votes-at-least':
      return { 'split-votes-at-least': expectation.count };
    case 'caught':
      return { caught: expectation.checker };
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : text === '' ? String(part) : `.${String(part)}`;
  return text === '' ? '(the document)' : text;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((key) => `"${key}"`).join(', ')}`;
  if (issue.code === 'invalid_union') return `expected ${unionExpectation(issue)}`;
  if (issue.code === 'invalid_type' && / received undefined$/.test(issue.message)) return `required (${issue.message.replace(/^Invalid input: /, '').replace(/, received undefined$/, '')})`;
  return issue.message.replace(/^Invalid input: /, '');
}

function unionExpectation(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_union') return issue.message;
  const messages = issue.errors.flatMap((branch) =>
    branch.map((inner) =>
      inner.message
        .replace(/^Invalid input: /, '')
        .replace(/^expected /, '')
        .replace(/, received .*$/, ''),
    ),
  );
  return [...new Set(messages)].join(' or ');
}

export { formatDuration };

export type { NodeRef, NodeSet };
