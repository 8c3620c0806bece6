/**
 * The simulator as the playground page uses it: the reference core or a known bug, a link's scenario
 * run a step at a time (scenarios/stepped-run.ts), records turned into trace file lines as they come,
 * and the command line that runs the same link. The page bundle joins this to the page's script
 * (reports/explorer/page/playground/), which renders and knows nothing of how a run is computed.
 * Nothing here may need Node: it runs in the browser.
 */
import { KNOWN_BUGS } from '../../bugs/catalog.js';
import { referenceImplementation } from '../../core/node.js';
import { DEFAULT_PLAYGROUND_SETTINGS, PLAYGROUND_HORIZON_MS, playgroundLink, playgroundScenario, readPlaygroundLink } from '../../formats/playground-link.js';
import type { PlaygroundRun } from '../../formats/playground-link.js';
import { eventLine, kindName, messageTypeNames } from '../../formats/trace-file/event-line.js';
import type { TraceFileEvent, TraceFileHeader, TraceFileTrailer } from '../../formats/trace-file/format.js';
import { TRACE_FORMAT } from '../../formats/trace-file/format.js';
import { RAFTSIM_VERSION } from '../../formats/version.js';
import type { LiveRun, PlaygroundEngine } from '../../reports/explorer/page/playground/engine.js';
import { scenarioToDocument } from '../../scenarios/schema.js';
import { SteppedRun } from '../../scenarios/stepped-run.js';
import { scenarioToYaml } from '../../scenarios/yaml.js';
import { describeFault } from '../../sim/faults/registry.js';
import { DROP_REASON_NAMES, ROLE_NAMES, TRACE_KIND_NAMES } from '../../sim/trace/trace.js';

const HORIZON_US = PLAYGROUND_HORIZON_MS * 1000;

class PageRun implements LiveRun {
  readonly header: TraceFileHeader;
  readonly records: TraceFileEvent[] = [];
  private readonly stepped: SteppedRun;

  constructor(run: PlaygroundRun) {
    const bug = run.settings.bug === null ? null : KNOWN_BUGS.find((known) => known.name === run.settings.bug);
    if (bug === undefined) throw new Error(`no known bug is named ${run.settings.bug}`);
    // The page's run goes on to the horizon; the link's instant is only where it stands now.
    const scenario = playgroundScenario({ ...run, untilUs: HORIZON_US });
    this.stepped = new SteppedRun(scenario, bug === null ? referenceImplementation : bug.implementation, { accept: (records) => records.forEach((record) => this.records.push(eventLine(record))) });
    this.header = {
      type: 'header',
      format: TRACE_FORMAT,
      version: 1,
      raftsim: RAFTSIM_VERSION,
      seed: run.settings.seed,
      nodes: run.settings.nodes,
      implementation: bug === null ? referenceImplementation.name : bug.implementation.name,
      replay: '',
      scenario: scenarioToDocument(playgroundScenario(run)),
      kinds: TRACE_KIND_NAMES.map((_, code) => kindName(code)),
      roles: ROLE_NAMES,
      dropReasons: DROP_REASON_NAMES,
      messageTypes: messageTypeNames(false),
    };
    this.stepped.runThrough(run.untilUs);
  }

  get reachedUs(): number {
    return this.stepped.reachedUs;
  }

  get over(): boolean {
    return this.stepped.isOver;
  }

  trailer(): TraceFileTrailer {
    const result = this.stepped.simulation.result();
    const violations = result.violations.map(({ checker, message, atMs, event }) => ({ checker, message, atMs, event }));
    return {
      type: 'end',
      records: this.records.length,
      events: result.events,
      virtualMs: this.reachedUs / 1000,
      outcome: this.over ? result.outcome : 'running',
      passed: violations.length === 0,
      stats: result.stats,
      violations,
      failures: violations.map(({ checker, message, atMs }) => ({ kind: 'violation', checker, message, atMs })),
      expectations: [],
      traceHash: result.traceHash,
      contentHash: '',
    };
  }

  runThrough(timeUs: number, maxEvents?: number): void {
    this.stepped.runThrough(timeUs, maxEvents);
  }

  nextInstant(): number {
    return this.stepped.nextInstant();
  }

  close(): void {
    this.stepped.close();
  }
}

/** A word of the shell, quoted when it holds anything the shell reads. */
function shellWord(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

export const pageEngine: PlaygroundEngine = {
  bugs: KNOWN_BUGS.map(({ name, summary }) => ({ name, summary })),
  defaults: DEFAULT_PLAYGROUND_SETTINGS,
  horizonUs: HORIZON_US,
  start: (run) => new PageRun(run),
  link: playgroundLink,
  read: readPlaygroundLink,
  command: (address) => `npx raftsim run --from-link ${shellWord(address)}`,
  scenarioYaml: (run, address) => {
    const replay = `npx raftsim replay FILE${run.settings.bug === null ? '' : ` --bug ${run.settings.bug}`}`;
    return scenarioToYaml(playgroundScenario(run), [`Saved from the raftsim playground: ${address}`, `Run it again: ${replay}`]);
  },
  describeAction: describeFault,
};
