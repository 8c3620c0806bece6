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
import { carriesExtras, DROP_REASON_NAMES, ROLE_NAMES, TraceKind } from '../../sim/index.js';
import { REPLAY_COMMAND } from '../argument-rules.js';
import { scenarioRunToJson } from '../run-json.js';
import { RAFTSIM_VERSION } from '../version.js';
import { traceContentHash } from './content-hash.js';
import { TRACE_FORMAT, TRACE_FORMAT_VERSION } from './format.js';
import type { TraceFileHeader, TraceFileTrailer } from './format.js';
import { eventLine, isMessageRecord, kindName, messageTypeNames } from './event-line.js';

export { eventLine, kindName, messageTypeNames };

/**
 * How many kinds and drop reasons every header names: those of the format's first version. One added
 * since is named only in a file whose records use it, so that the file of a run without it stays
 * byte for byte what it was.
 */
export const FIRST_VERSION_KIND_COUNT = 32;
const FIRST_VERSION_DROP_REASON_COUNT = 6;

/** The whole file, ending with a newline. Needs a run recorded in full (trace mode 'full'); a streamed run writes it with TraceFileStream. */
export function traceToJsonLines(result: ScenarioRunResult, replay: string): string {
  checkArguments('traceToJsonLines', ['result', result, SCENARIO_RUN_RESULT], ['replay', replay, REPLAY_COMMAND]);
  const run = result.run;
  const records = run.trace.records();
  if (records.length !== run.trace.length) {
    throw new Error(`the run kept ${records.length} of its ${run.trace.length} trace records; a trace file needs a run recorded in full`);
  }
  const facts = new TraceFacts();
  for (const record of records) facts.observe(record);
  const lines = [JSON.stringify(traceHeader(result, replay, facts))];
  for (const record of records) lines.push(JSON.stringify(eventLine(record)));
  const trailer = traceTrailer(result, replay, records.length);
  const trailerText = JSON.stringify(trailer);
  return `${lines.join('\n')}\n${JSON.stringify({ ...trailer, contentHash: traceContentHash(lines, trailerText) })}\n`;
}

/**
 * What the header says that only the records can tell: whether a message carries more than the
 * contract's fields (version 2), and the kinds and drop reasons beyond the first version's that occur.
 */
export class TraceFacts {
  extended = false;
  kindCount = FIRST_VERSION_KIND_COUNT;
  dropReasonCount = FIRST_VERSION_DROP_REASON_COUNT;

  observe(record: TraceRecord): void {
    if (record.kind >= this.kindCount) this.kindCount = record.kind + 1;
    // A drop's b is term · 8 + reason.
    if (record.kind === TraceKind.drop && (record.b & 7) >= this.dropReasonCount) this.dropReasonCount = (record.b & 7) + 1;
    if (!this.extended && record.sentAs === undefined && isMessageRecord(record) && carriesExtras(record.detail as Message)) this.extended = true;
  }
}

export function traceHeader(result: ScenarioRunResult, replay: string, facts: TraceFacts): TraceFileHeader {
  const run = result.run;
  return {
    type: 'header',
    format: TRACE_FORMAT,
    version: facts.extended ? TRACE_FORMAT_VERSION : 1,
    raftsim: RAFTSIM_VERSION,
    seed: result.seed,
    nodes: run.options.nodeCount,
    implementation: run.options.implementation.name,
    replay,
    scenario: scenarioToDocument(result.scenario),
    kinds: Array.from({ length: facts.kindCount }, (_, code) => kindName(code)),
    roles: ROLE_NAMES,
    dropReasons: Array.from({ length: facts.dropReasonCount }, (_, code) => DROP_REASON_NAMES[code] ?? `reason-${code}`),
    messageTypes: messageTypeNames(facts.extended),
  };
}

/** The trailer without its content hash, which covers the trailer's own text too. */
export function traceTrailer(result: ScenarioRunResult, replay: string, records: number): Omit<TraceFileTrailer, 'contentHash'> {
  const run = result.run;
  const summary = scenarioRunToJson(result, replay);
  return {
    type: 'end',
    records,
    events: run.events,
    virtualMs: run.virtualMs,
    outcome: run.outcome,
    passed: result.passed,
    stats: run.stats,
    violations: summary.violations,
    failures: summary.failures,
    expectations: summary.expectations,
    traceHash: run.traceHash,
    ...(summary.clients === undefined ? {} : { clients: summary.clients }),
  };
}
