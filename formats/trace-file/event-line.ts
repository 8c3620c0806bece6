/**
 * One trace record as a line of the trace file, and the names the header gives kinds and message
 * types. Apart from write.ts so that a page in the browser can turn records into lines too: nothing
 * here needs Node.
 */
import type { TraceRecord } from '../../sim/trace/trace.js';
import { EXTRA_MESSAGE_CODE, MESSAGE_CODE, TRACE_KIND_NAMES } from '../../sim/trace/trace.js';
import type { TraceFileEvent } from './format.js';

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

/**
 * One record as a line. The first record of a message (its sending) carries it; a later one (its
 * delivery, drop or duplicate) refers to that record by index.
 */
export function eventLine(record: TraceRecord): TraceFileEvent {
  const { index, timeUs, node, peer, a, b, detail } = record;
  const line = { i: index, t: timeUs, kind: kindName(record.kind), node, peer, a, b };
  if (record.sentAs !== undefined) return { ...line, ref: record.sentAs };
  if (detail === null || detail === undefined) return line;
  if (!isMessageRecord(record)) return { ...line, detail };
  return { ...line, message: detail as Record<string, unknown> };
}

/** A record of a message: its detail is a message whose type code, sender and receiver are the record's. */
export function isMessageRecord(record: TraceRecord): boolean {
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
