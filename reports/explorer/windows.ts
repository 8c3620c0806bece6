/**
 * The explorer of a trace too long for one page: the trace is read once, as a stream, and cut into
 * windows of about EXPLORER_WINDOW_BYTES of records. Each window becomes a file of its own, holding
 * the cluster as it stood at the window's start (the cluster fold's state) and the window's records,
 * so the page can show it without any other; the page itself holds the run's summary, its violations
 * and the list of windows, and loads a window at a time. Nothing here holds more than one window.
 */
import type { TraceFileEvent, TraceFileHeader, TraceFileTrailer } from '../../formats/index.js';
import { ClusterFold } from '../../sim/trace/cluster-fold.js';
import type { ClusterFoldOptions, FoldRecord } from '../../sim/trace/cluster-fold.js';
import { TraceKind } from '../../sim/trace/trace.js';
import { carriedRecord, packFoldState, WINDOW_CALLBACK } from './window-format.js';
import type { ListedViolation, WindowedExplorerIndex, WindowFile, WindowPlace } from './window-format.js';

/** The records' bytes in one window: a few MiB, which a browser reads and folds in a moment. */
export const EXPLORER_WINDOW_BYTES = 4 * 1024 * 1024;

/** Violations listed on the page, at most; a run stops checking after its first failures anyway. */
const VIOLATIONS_LISTED = 1000;

export interface ExplorerWindowsOptions {
  /** The folder of the window files, relative to the page (a name, such as `run.windows`). */
  readonly folder: string;
  /** Writes one window's file, whole; called once per window, in order. */
  readonly writeWindow: (fileName: string, content: string) => void;
  readonly windowBytes?: number;
}

/** The name of window `number`'s file: window-0001.js, … */
export function windowFileName(number: number): string {
  return `window-${String(number).padStart(4, '0')}.js`;
}

/** Cuts a trace into windows as its records stream by (a TraceStreamVisitor), and writes each. */
export class ExplorerWindows {
  private readonly windowBytes: number;
  private readonly windows: WindowPlace[] = [];
  private readonly violations: ListedViolation[] = [];
  private fold: ClusterFold | null = null;
  /** The simulator's code for each kind name the header gives, -1 for one it has no code for. */
  private kindCodes = new Map<string, number>();
  private windowLines: string[] = [];
  private windowBytesSoFar = 0;
  private windowFirst = 0;
  private windowFromUs = 0;
  private windowStart: WindowFile['start'] | null = null;
  private readonly foldRecord: { -readonly [K in keyof FoldRecord]: FoldRecord[K] } = { kind: 0, timeUs: 0, node: 0, peer: 0, a: 0, b: 0, detail: null };

  constructor(private readonly options: ExplorerWindowsOptions) {
    this.windowBytes = options.windowBytes ?? EXPLORER_WINDOW_BYTES;
    if (!(this.windowBytes >= 1)) throw new Error(`a window holds at least one byte of records, not ${this.windowBytes}`);
  }

  header(header: TraceFileHeader): void {
    this.kindCodes = new Map(header.kinds.map((name) => [name, Object.hasOwn(TraceKind, name) ? TraceKind[name as keyof typeof TraceKind] : -1]));
    this.fold = new ClusterFold(foldOptions(header));
    this.windowStart = packFoldState(this.fold.state());
  }

  record(event: TraceFileEvent, line: string, referred: Record<string, unknown> | undefined): void {
    if (this.windowBytesSoFar >= this.windowBytes) this.closeWindow(event.t);
    const carried = carriedRecord(event, this.windowFirst, referred);
    const text = carried === null ? line : JSON.stringify(carried);
    this.windowLines.push(text);
    this.windowBytesSoFar += text.length + 1;
    if (event.kind === 'violation' && this.violations.length < VIOLATIONS_LISTED) this.violations.push({ record: event.i, timeUs: event.t, detail: event.detail ?? null });
    this.fold!.apply(this.asFoldRecord(event));
  }

  /** The last window written, and the index of them all; call once the whole trace has been read and found sound. */
  finish(header: TraceFileHeader, trailer: TraceFileTrailer): WindowedExplorerIndex {
    this.closeWindow(Math.max(trailer.virtualMs * 1000, this.windowFromUs));
    return { header, trailer, windows: this.windows, violations: this.violations };
  }

  private closeWindow(toUs: number): void {
    if (this.windowLines.length === 0 && this.windows.length > 0) return;
    const number = this.windows.length + 1;
    const file = `${this.options.folder}/${windowFileName(number)}`;
    const place: WindowPlace = { number, file, firstRecord: this.windowFirst, records: this.windowLines.length, fromUs: this.windowFromUs, toUs };
    const meta = JSON.stringify({ place, start: this.windowStart });
    this.options.writeWindow(windowFileName(number), `${WINDOW_CALLBACK}(${meta.slice(0, -1)},"records":[\n${this.windowLines.join(',\n')}\n]});\n`);
    this.windows.push(place);
    this.windowFirst += this.windowLines.length;
    this.windowFromUs = toUs;
    this.windowLines = [];
    this.windowBytesSoFar = 0;
    this.windowStart = packFoldState(this.fold!.state());
  }

  private asFoldRecord(event: TraceFileEvent): FoldRecord {
    const record = this.foldRecord;
    record.kind = this.kindCodes.get(event.kind) ?? -1;
    record.timeUs = event.t;
    record.node = event.node;
    record.peer = event.peer;
    record.a = event.a;
    record.b = event.b;
    record.detail = event.message ?? event.detail ?? null;
    return record;
  }
}

/** The fold the page makes of a window: every log kept (it shows them), no election tally (it shows none). */
export function foldOptions(header: TraceFileHeader): ClusterFoldOptions {
  const cluster = (header.scenario?.cluster ?? {}) as { members?: unknown };
  const members = Array.isArray(cluster.members) ? (cluster.members as number[]) : null;
  return { nodeCount: header.nodes, initialMembers: members, keepLogs: true, tallyElections: false, roleNames: header.roles };
}
