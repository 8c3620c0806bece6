/**
 * Writes a scenario run as a JSON Lines trace file (see format.ts). The export is generic over the
 * recorder's records: a kind is written by its name in TRACE_KIND_NAMES and its raw fields, a message
 * by its own fields, so new kinds and message types need nothing here.
 */
import { checkArguments } from '../../core/argument-checks.js';
import { SCENARIO_RUN_RESULT } from '../../scenarios/argument-rules.js';
import type { ScenarioRunResult } from '../../scenarios/index.js';
import { scenarioToDocument } from '../../scenarios/index.js';
import type { Message } from '../../core/index.js';
import type { TraceRecord } from '../../sim/index.js';
import { carriesExtras, DROP_REASON_NAMES, EXTRA_MESSAGE_CODE, MESSAGE_CODE, ROLE_NAMES, TRACE_KIND_NAMES, TraceKind } from '../../sim/index.js';
import { REPLAY_COMMAND } from '../argument-rules.js';
import { scenarioRunToJson } from '../run-json.js';
import { RAFTSIM_VERSION } from '../version.js';
import { traceContentHash } from './content-hash.js';
import { TRACE_FORMAT, TRACE_FORMAT_VERSION } from './format.js';
import type { TraceFileEvent, TraceFileHeader } from './format.js';

/**
 * How many kinds and drop reasons every header names: those of the format's first version. One added
 * since is named only in a file whose records use it, so that the file of a run without it stays
 * byte for byte what it was.
 */
export const FIRST_VERSION_KIND_COUNT = 32;
const FIRST_VERSION_DROP_REASON_COUNT = 6;

/** The kind name for a code; a code without a name still gets one, so nothing is lost. */
export function kindName(code: number): string {
  return TRACE_KIND_NAMES[code] ?? `kind-${code}`;
}

/**
 * Message type names by code, from MESSAGE_CODE (a new message type appears here once it has a code);
 * with `extra`, also the code every message of a type the implementation declared is recorded under.
 */
export function messageTypeNames(extra = false): string[] {
  const names: string[] = [];
  for (const [name, code] of Object.entries(MESSAGE_CODE)) names[code] = name;
  if (extra) names[EXTRA_MESSAGE_CODE] = 'extra';
  return Array.from(names, (name, code) => name ?? `message-${code}`);
}

/** The whole file, ending with a newline. Needs a run recorded in full (trace mode 'full'). */
export function traceToJsonLines(result: ScenarioRunResult, replay: string): string {
  checkArguments('traceToJsonLines', ['result', result, SCENARIO_RUN_RESULT], ['replay', replay, REPLAY_COMMAND]);
  const run = result.run;
  const records = run.trace.records();
  if (records.length !== run.trace.length) {
    throw new Error(`the run kept ${records.length} of its ${run.trace.length} trace records; a trace file needs a run recorded in full`);
  }
  const extended = records.some((record) => isMessageRecord(record) && carriesExtras(record.detail as Message));
  const header: TraceFileHeader = {
    type: 'header',
    format: TRACE_FORMAT,
    version: extended ? TRACE_FORMAT_VERSION : 1,
    raftsim: RAFTSIM_VERSION,
    seed: result.seed,
    nodes: run.options.nodeCount,
    implementation: run.options.implementation.name,
    replay,
    scenario: scenarioToDocument(result.scenario),
    kinds: kindNames(records),
    roles: ROLE_NAMES,
    dropReasons: dropReasonNames(records),
    messageTypes: messageTypeNames(extended),
  };
  const lines = [JSON.stringify(header)];
  const messageRecords = new Map<unknown, number>();
  for (const record of records) lines.push(JSON.stringify(eventLine(record, messageRecords)));
  const summary = scenarioRunToJson(result, replay);
  const trailer = {
    type: 'end',
    records: records.length,
    events: run.events,
    virtualMs: run.virtualMs,
    outcome: run.outcome,
    passed: result.passed,
    stats: run.stats,
    violations: summary.violations,
    failures: summary.failures,
    expectations: summary.expectations,
    traceHash: run.traceHash,
  };
  const trailerText = JSON.stringify(trailer);
  lines.push(JSON.stringify({ ...trailer, contentHash: traceContentHash(lines, trailerText) }));
  return `${lines.join('\n')}\n`;
}

/** The kind names of the first version, and a name for any code beyond them that a record uses. */
function kindNames(records: readonly TraceRecord[]): string[] {
  let count = FIRST_VERSION_KIND_COUNT;
  for (const record of records) if (record.kind >= count) count = record.kind + 1;
  return Array.from({ length: count }, (_, code) => kindName(code));
}

/** The drop reasons of the first version, and any later one a drop record gives (its b is term · 8 + reason). */
function dropReasonNames(records: readonly TraceRecord[]): string[] {
  let count = FIRST_VERSION_DROP_REASON_COUNT;
  for (const record of records) if (record.kind === TraceKind.drop && (record.b & 7) >= count) count = (record.b & 7) + 1;
  return Array.from({ length: count }, (_, code) => DROP_REASON_NAMES[code] ?? `reason-${code}`);
}

/**
 * One record as a line. The recorder hands every record of one message the same object, so the first
 * (the sending) carries it and the later ones refer to that record by index.
 */
function eventLine(record: TraceRecord, messageRecords: Map<unknown, number>): TraceFileEvent {
  const { index, timeUs, node, peer, a, b, detail } = record;
  const line = { i: index, t: timeUs, kind: kindName(record.kind), node, peer, a, b };
  if (detail === null || detail === undefined) return line;
  if (!isMessageRecord(record)) return { ...line, detail };
  const sentAt = messageRecords.get(detail);
  if (sentAt !== undefined) return { ...line, ref: sentAt };
  messageRecords.set(detail, index);
  return { ...line, message: detail as Record<string, unknown> };
}

/** A record of a message: its detail is a message whose type code, sender and receiver are the record's. */
function isMessageRecord(record: TraceRecord): boolean {
  const detail = record.detail;
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return false;
  const message = detail as { type?: unknown; from?: unknown; to?: unknown; term?: unknown };
  return (
    typeof message.type === 'string' &&
    (Object.hasOwn(MESSAGE_CODE, message.type) ? MESSAGE_CODE[message.type as keyof typeof MESSAGE_CODE] : EXTRA_MESSAGE_CODE) === record.a &&
    message.from === record.node &&
    message.to === record.peer &&
    typeof message.term === 'number'
  );
}
