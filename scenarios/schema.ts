/**
 * The written form of a scenario (YAML or JSON), its validation, and the translation both ways between
 * it and the in-memory Scenario. Each timeline step names its action with one key, so a file reads as
 * English: `- at: 2s` / `isolate: leader`. Durations are numbers of milliseconds or strings such as
 * `150ms`, `2s`, `1m`.
 */
import { z } from 'zod';
import { checkArguments } from '../core/argument-checks.js';
import { MAX_NODES } from '../sim/index.js';
import { duration, formatDuration, nodeNumber, positiveDuration, rate, stripUndefined } from '../sim/faults/document-fields.js';
import type { ClusterSpec, NetworkSpec, NodeRef, NodeSet, NodeSpec, Scenario } from './scenario.js';
import { expectationSchema, expectationsFromDocument, expectationToDocument } from './expectation-document.js';
import { duplicateLabel, stepSchema, stepToDocument, timelineFromDocument, timelineNodeProblem } from './timeline-document.js';
import { SCENARIO } from './argument-rules.js';
import { CHECK_NAMES } from './check-settings.js';
import { range, rangeFromZero } from './durations.js';
import { afterMembers, beforeMembers, protocolOptionFields, protocolOptionsFromDocument, protocolOptionsToDocument } from './protocol-options-document.js';
import { kvWorkloadFields, kvWorkloadToDocument, refuseKvFieldsWithoutKv, workloadFromDocument } from './kv-workload-document.js';
import { scenarioOptionsProblem } from './run-scenario.js';
import { DEFAULT_CLUSTER } from './scenario.js';

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
        reorderDelayMax: duration.optional(),
        requestLossRate: rate.optional(),
        replyLossRate: rate.optional(),
        tailRate: rate.optional(),
        tailDelayMax: duration.optional(),
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
  const nodes = value.cluster.nodes;
  const labelProblem = duplicateLabel(timeline);
  if (labelProblem !== null) return { ok: false, problem: labelProblem };
  const expectationsParse = expectationsFromDocument(value.expect, timeline, nodes, value.workload.kind === 'kv');
  if (!expectationsParse.ok) return expectationsParse;
  const expectations = expectationsParse.expectations;
  for (const key of Object.keys(value.cluster.perNode)) {
    if (Number(key) < 1 || Number(key) > nodes) return { ok: false, problem: `cluster.perNode.${key}: the cluster has nodes 1 to ${nodes}` };
  }
  const badMember = (value.cluster.members ?? []).find((member) => member > nodes);
  if (badMember !== undefined) return { ok: false, problem: `cluster.members: node ${badMember} does not exist in a cluster of ${nodes}` };
  const badNode = timelineNodeProblem(timeline, nodes);
  if (badNode !== null) return { ok: false, problem: badNode };
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
      network: stripUndefined({
        latencyMs: value.network.latency,
        lossRate: value.network.lossRate,
        duplicateRate: value.network.duplicateRate,
        reorderRate: value.network.reorderRate,
        reorderDelayMaxMs: value.network.reorderDelayMax,
        requestLossRate: value.network.requestLossRate,
        replyLossRate: value.network.replyLossRate,
        tailRate: value.network.tailRate,
        tailDelayMaxMs: value.network.tailDelayMax,
      }),
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
  const weatherProblem = heavyWeatherProblem(scenario.network);
  if (weatherProblem !== null) return { ok: false, problem: weatherProblem };
  const optionsProblem = scenarioOptionsProblem(scenario);
  if (optionsProblem !== null) return { ok: false, problem: `cluster: ${optionsProblem}` };
  return { ok: true, scenario };
}

/** The long delays must reach beyond the latency they add to, and a tail needs its longest delay. */
function heavyWeatherProblem(network: NetworkSpec): string | null {
  const longest = network.latencyMs[1];
  if (network.tailRate !== undefined && network.tailRate > 0 && network.tailDelayMaxMs === undefined) return 'network.tailRate: give tailDelayMax too, the longest delay of the tail';
  for (const [name, value] of [['tailDelayMax', network.tailDelayMaxMs], ['reorderDelayMax', network.reorderDelayMaxMs]] as const) {
    if (value !== undefined && value < longest) return `network.${name}: at least the longest latency (${formatDuration(longest)}), got ${formatDuration(value)}`;
  }
  return null;
}

/** A check named twice in skipCheckers is refused, as a label or a member named twice is. */
function refuseRepeatedCheck(names: readonly string[], context: z.RefinementCtx): void {
  const repeat = names.findIndex((name, index) => names.indexOf(name) !== index);
  if (repeat === -1) return;
  context.addIssue({ code: 'custom', path: [repeat], message: `"${names[repeat]}" is already listed at skipCheckers[${names.indexOf(names[repeat]!)}]` });
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
    network: stripUndefined({
      latency: network.latencyMs.map(formatDuration),
      lossRate: network.lossRate,
      duplicateRate: network.duplicateRate,
      reorderRate: network.reorderRate,
      reorderDelayMax: network.reorderDelayMaxMs === undefined ? undefined : formatDuration(network.reorderDelayMaxMs),
      requestLossRate: network.requestLossRate,
      replyLossRate: network.replyLossRate,
      tailRate: network.tailRate,
      tailDelayMax: network.tailDelayMaxMs === undefined ? undefined : formatDuration(network.tailDelayMaxMs),
    }),
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
