/**
 * The shapes of what the formats' public functions take (core/argument-checks.ts): the command that
 * replays a run, written into every output, and a trace file as read back.
 */
import type { ArgumentRule } from '../core/argument-checks.js';
import { arrayOf, shaped, string } from '../core/argument-checks.js';

export const REPLAY_COMMAND: ArgumentRule = string();

export const TRACE_FILE: ArgumentRule = shaped('a TraceFile (the `trace` of what readTraceFile or parseTraceText returns)', {
  header: shaped('a trace header', {}),
  events: arrayOf(),
  trailer: shaped('a trace trailer', {}),
  text: string(),
});
