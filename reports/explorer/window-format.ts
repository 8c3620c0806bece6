/**
 * A window of the explorer for a long trace, as its file carries it: a script that hands the page
 * the window's place in the run, the cluster as it stood at the window's start, and the window's
 * records as the trace file writes them. The CLI writes these files (windows.ts), the page reads them
 * (page/windowed.ts); both go through this module, which imports nothing from Node or the DOM.
 *
 * The nodes' logs are most of a start state, and they hold mostly the same entries: a start state
 * keeps the longest log once, and each node's as the length of its prefix in common with it and the
 * entries after.
 */
import type { Entry } from '../../core/types.js';
import type { ClusterFoldState, FoldedNode } from '../../sim/trace/cluster-fold.js';
import type { TraceFileEvent, TraceFileHeader, TraceFileTrailer } from '../../formats/trace-file/format.js';

/** The function each window file calls, by this name, with a WindowFile. */
export const WINDOW_CALLBACK = 'raftsimExplorerWindow';

/** Where a window lies in the run, as the index page lists it. */
export interface WindowPlace {
  /** 1-based, the order of the windows in the run. */
  readonly number: number;
  /** The window's file, relative to the page. */
  readonly file: string;
  /** The global index of its first record, and how many it holds. */
  readonly firstRecord: number;
  readonly records: number;
  /** The virtual time it covers: from its first record's (or the run's start) to the next window's first. */
  readonly fromUs: number;
  readonly toUs: number;
}

/** A node of a packed state: the fold's node with its log as a shared prefix and its own entries. */
export type PackedNode = Omit<FoldedNode, 'log'> & { readonly sharedEntries: number; readonly ownEntries: readonly Entry[] };

export type PackedFoldState = Omit<ClusterFoldState, 'nodes'> & { readonly sharedLog: readonly Entry[]; readonly nodes: readonly PackedNode[] };

/** What a window file hands the page. A record that refers to a message sent before the window carries the message itself (see carriedRecord). */
export interface WindowFile {
  readonly place: WindowPlace;
  readonly start: PackedFoldState;
  readonly records: readonly CarriedRecord[];
}

/** A trace record, or one whose `ref` named a sending before its window: then `message` is that sending's, and `sentAs` the `ref` it had. */
export type CarriedRecord = TraceFileEvent & { readonly sentAs?: number };

function sameEntry(a: Entry, b: Entry): boolean {
  return a.term === b.term && a.kind === b.kind && a.command === b.command;
}

export function packFoldState(state: ClusterFoldState): PackedFoldState {
  let sharedLog: readonly Entry[] = [];
  for (const node of state.nodes) if (node.log.length > sharedLog.length) sharedLog = node.log;
  const nodes = state.nodes.map((node): PackedNode => {
    const { log, ...rest } = node;
    let shared = 0;
    while (shared < log.length && sameEntry(log[shared]!, sharedLog[shared]!)) shared++;
    return { ...rest, sharedEntries: shared, ownEntries: log.slice(shared) };
  });
  return { ...state, sharedLog, nodes };
}

export function unpackFoldState(packed: PackedFoldState): ClusterFoldState {
  const { sharedLog, nodes, ...rest } = packed;
  return {
    ...rest,
    nodes: nodes.map((node): FoldedNode => {
      const { sharedEntries, ownEntries, ...fields } = node;
      return { ...fields, log: sharedLog.slice(0, sharedEntries).concat(ownEntries) };
    }),
  };
}

/** The record as its window carries it, given the message its `ref` names when that lies before the window. */
export function carriedRecord(event: TraceFileEvent, firstRecord: number, referred: Record<string, unknown> | undefined): CarriedRecord | null {
  if (event.ref === undefined || event.ref >= firstRecord || referred === undefined) return null;
  const { ref, ...rest } = event;
  return { ...rest, message: referred, sentAs: ref };
}

/** A violation as the page lists it: its global record index, time and what the checker said. */
export interface ListedViolation {
  readonly record: number;
  readonly timeUs: number;
  readonly detail: unknown;
}

/** What the index page holds: everything but the records. */
export interface WindowedExplorerIndex {
  readonly header: TraceFileHeader;
  readonly trailer: TraceFileTrailer;
  readonly windows: readonly WindowPlace[];
  readonly violations: readonly ListedViolation[];
}

