/**
 * What the playground page asks of the simulator: a run of a link's scenario, advanced as the person
 * plays it. The page only renders; the run, the link's format and the command line are given to it
 * (cli/playground/page-engine.ts wires them, and the bundle joins the two).
 */
import type { LinkRead, PlaygroundAction, PlaygroundRun, PlaygroundSettings } from '../../../../formats/playground-link.js';
import type { TraceFileEvent, TraceFileHeader, TraceFileTrailer } from '../../../../formats/trace-file/format.js';

/** A run in progress: the simulator's own, in the page. */
export interface LiveRun {
  readonly header: TraceFileHeader;
  /** Every record so far, as the trace file writes them. */
  readonly records: readonly TraceFileEvent[];
  /** Every event at or before this instant has been handled, none after. */
  readonly reachedUs: number;
  readonly over: boolean;
  /** The trailer a trace file of the run so far would end with. */
  trailer(): TraceFileTrailer;
  /** Handles the events through an instant, at most about `maxEvents` of them. */
  runThrough(timeUs: number, maxEvents?: number): void;
  /** Handles the next instant's events; returns how many. */
  nextInstant(): number;
  close(): void;
}

export interface PlaygroundEngine {
  readonly bugs: readonly { readonly name: string; readonly summary: string }[];
  readonly defaults: PlaygroundSettings;
  /** The furthest instant a run may reach. */
  readonly horizonUs: number;
  /** A run of these settings and actions, handled through `run.untilUs`. */
  start(run: PlaygroundRun): LiveRun;
  link(run: PlaygroundRun): string;
  read(text: string): LinkRead;
  /** The command line that runs a link's run. */
  command(address: string): string;
  /** The run as a scenario file, for `raftsim replay`. */
  scenarioYaml(run: PlaygroundRun, address: string): string;
  describeAction(action: PlaygroundAction): string;
}
