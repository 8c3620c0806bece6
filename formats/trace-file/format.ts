/**
 * The JSON Lines trace file, version 2 (docs/trace-format.md describes it for readers outside raftsim):
 * a header line, one line per trace record, and a trailer line with the run's outcome and two hashes.
 * Records are written generically, by kind name and their raw fields, so a kind or message type added
 * to the simulator is exported (and shown by the explorer) without a change here.
 */
import type { RunStats } from '../../sim/index.js';
import type { ClientsJson } from '../clients-json.js';

export const TRACE_FORMAT = 'raftsim-trace';
/**
 * The latest version. Version 2 lets a message carry fields beyond the contract's and be of a type the
 * implementation declared (code EXTRA_MESSAGE_CODE, named "extra"); a file is written as version 1 when
 * no message does, so it reads the same as before. Both versions are read.
 */
export const TRACE_FORMAT_VERSION = 2;
export const READABLE_TRACE_FORMAT_VERSIONS: readonly number[] = [1, 2];

export interface TraceFileHeader {
  readonly type: 'header';
  readonly format: typeof TRACE_FORMAT;
  readonly version: number;
  readonly raftsim: string;
  readonly seed: number;
  readonly nodes: number;
  readonly implementation: string;
  readonly replay: string;
  /** The scenario in its file form (what `raftsim scenarios show` prints), so the run can be rebuilt. */
  readonly scenario: Record<string, unknown>;
  /** Kind names by code: a record's `kind` is one of these. */
  readonly kinds: readonly string[];
  /** Role names by code, for role changes (`a`). */
  readonly roles: readonly string[];
  /** Why a message was dropped, by code (a drop's `b` minus eight times the message's term). */
  readonly dropReasons: readonly string[];
  /** Message type names by code, for message records (`a`). */
  readonly messageTypes: readonly string[];
}

/** One trace record. `message` or `ref` on message records, `detail` on others that carry one. */
export interface TraceFileEvent {
  readonly i: number;
  /** Virtual time in microseconds. */
  readonly t: number;
  readonly kind: string;
  readonly node: number;
  readonly peer: number;
  readonly a: number;
  readonly b: number;
  /** The message, on the first record of it (its sending). */
  readonly message?: Record<string, unknown>;
  /** The index of the record that carries the message, on its later records (delivery, drop, duplicate). */
  readonly ref?: number;
  readonly detail?: unknown;
}

export interface TraceFileTrailer {
  readonly type: 'end';
  readonly records: number;
  /** Events the simulator handled (a record count is larger: one event records several changes). */
  readonly events: number;
  readonly virtualMs: number;
  readonly outcome: string;
  readonly passed: boolean;
  readonly stats: RunStats;
  readonly violations: readonly unknown[];
  readonly failures: readonly unknown[];
  readonly expectations: readonly unknown[];
  /** The run's trace hash (what `raftsim run --json` prints), recomputed from the records on reading. */
  readonly traceHash: string;
  /** sha256 of every line before the trailer and of the trailer without this field, so any edit shows. */
  readonly contentHash: string;
  /** With the key-value workload: the clients' operations and the linearizability verdict. */
  readonly clients?: ClientsJson;
}

export interface TraceFile {
  readonly header: TraceFileHeader;
  readonly events: readonly TraceFileEvent[];
  readonly trailer: TraceFileTrailer;
  /** The file's text, as read. */
  readonly text: string;
}
