/**
 * The playground page: a run of the simulator in the page, shown by the explorer's diagram and panels.
 * The run always stands at the end of an instant; playing moves it on, stepping moves the cursor over
 * its records and the run on past the last one. An action (a click on "crash") is taken one
 * microsecond after the cursor's instant: the run is replayed from its seed with the action in its
 * timeline (a run is a function of its seed, settings and timeline), so what the page shows is what
 * the link, and `raftsim run --from-link`, reproduce. Acting at a cursor moved back drops what came
 * after it.
 */
import type { PlaygroundAction, PlaygroundRun, PlaygroundSettings, TimedAction } from '../../../../formats/playground-link.js';
import { byId, element, formatShortTime, formatTime, setText } from '../dom.js';
import { mountPage } from '../mount.js';
import type { Shown } from '../shown.js';
import { renderHeader, renderSummary, renderViolations, showAround } from '../summary.js';
import { TraceData } from '../trace-data.js';
import { actionFor, fillSettings, readSettings, listenToSettings } from './settings.js';
import type { LiveRun, PlaygroundEngine } from './engine.js';

/** How often, at most, the panels are redrawn while the run plays, in milliseconds of real time. */
const RENDER_EVERY_MS = 120;
/**
 * A redrawing reads the whole run so far, so it grows slower as the run grows: while playing, the page
 * waits this many times as long as the last one took before the next, so that most of each second
 * goes to the run and to the browser's own frames.
 */
const RENDER_COST_FACTOR = 4;
/** The most events a frame handles, so that a fast speed cannot freeze the page. */
const EVENTS_PER_FRAME = 20_000;
/** The most instants a step looks through for the next event worth showing (a tick alone is not). */
const INSTANTS_PER_STEP = 10_000;

class Playground {
  private settings: PlaygroundSettings;
  private actions: TimedAction[];
  private live: LiveRun;
  private trace!: TraceData;
  private readonly shown: Shown;
  private playing = false;
  private lastFrameMs = 0;
  private lastRenderMs = 0;
  private lastRenderCostMs = 0;
  /** What the violation list and the action list show, to redraw them only when it changes. */
  private violationsShown: string | null = null;
  private actionsShown: readonly TimedAction[] | null = null;

  constructor(private readonly engine: PlaygroundEngine) {
    const fromAddress = this.runFromAddress();
    this.settings = fromAddress.settings;
    this.actions = fromAddress.actions.slice();
    this.live = engine.start(fromAddress);
    this.trace = this.traceData();
    this.shown = mountPage(this.trace, { pastEnd: () => this.stepPastEnd(), beforeStart: () => false });
    fillSettings(engine, this.settings);
    listenToSettings(() => this.newRun(readSettings(this.settings)));
    this.listen();
    this.render();
  }

  /** The run the address names, or a fresh one of the default settings when it names none (or a bad one, said why). */
  private runFromAddress(): PlaygroundRun {
    const fresh = { settings: this.engine.defaults, actions: [], untilUs: 1 };
    const hash = location.hash.replace(/^#/, '');
    if (hash === '') return fresh;
    const read = this.engine.read(hash);
    if (read.ok && (read.run.settings.bug === null || this.engine.bugs.some((bug) => bug.name === read.run.settings.bug))) return read.run;
    this.note('this address holds no run the playground can play (' + (read.ok ? 'no known bug is named ' + read.run.settings.bug : read.problem) + '); a fresh run instead');
    return fresh;
  }

  private listen(): void {
    byId('play').addEventListener('click', () => this.play());
    byId('pause').addEventListener('click', () => this.pause());
    document.addEventListener('keydown', (event) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== ' ' || (target && /INPUT|SELECT|BUTTON/.test(target.tagName))) return;
      event.preventDefault();
      if (this.playing) this.pause();
      else this.play();
    });
    byId('node-actions').addEventListener('click', (event) => {
      const button = (event.target as Element | null)?.closest('button');
      if (button === null || button === undefined || button.dataset.action === undefined) return;
      this.act(actionFor(button.dataset.action));
    });
    byId('save-scenario').addEventListener('click', () => this.saveScenario());
    byId('copy-link').addEventListener('click', () => void this.copyLink());
  }

  private traceData(): TraceData {
    const records = this.live.records;
    return new TraceData(this.live.header, this.live.trailer(), { count: records.length, at: (index) => records[index]! });
  }

  private run(): PlaygroundRun {
    return { settings: this.settings, actions: this.actions, untilUs: this.live.reachedUs };
  }

  private newRun(settings: PlaygroundSettings): void {
    this.pause();
    this.settings = settings;
    this.restart([], 1);
  }

  /** Replays the run from its seed with these actions through an instant, and shows it. */
  private restart(actions: TimedAction[], untilUs: number): void {
    this.live.close();
    this.actions = actions;
    this.live = this.engine.start({ settings: this.settings, actions, untilUs });
    this.render();
  }

  private play(): void {
    if (this.playing || this.live.over) return;
    this.moveToCursor();
    this.playing = true;
    document.body.dataset.playing = 'true';
    this.lastFrameMs = performance.now();
    requestAnimationFrame((now) => this.frame(now));
  }

  private pause(): void {
    if (!this.playing) return;
    this.playing = false;
    delete document.body.dataset.playing;
    this.render();
  }

  private frame(nowMs: number): void {
    if (!this.playing) return;
    const elapsedMs = Math.min(nowMs - this.lastFrameMs, 100);
    this.lastFrameMs = nowMs;
    const speed = Number(byId<HTMLSelectElement>('speed').value);
    const targetUs = Math.min(Math.floor(this.live.reachedUs + Math.max(1, elapsedMs * speed * 1000)), this.engine.horizonUs);
    this.live.runThrough(targetUs, EVENTS_PER_FRAME);
    if (this.live.over || this.live.reachedUs >= this.engine.horizonUs) {
      this.playing = false;
      delete document.body.dataset.playing;
      this.render();
      return;
    }
    if (nowMs - this.lastRenderMs >= Math.max(RENDER_EVERY_MS, this.lastRenderCostMs * RENDER_COST_FACTOR)) this.render();
    requestAnimationFrame((now) => this.frame(now));
  }

  /** Stepping past the last record: the run goes on to the next instant that records more than ticks. */
  private stepPastEnd(): boolean {
    this.moveToCursor();
    const before = this.live.records.length;
    for (let instant = 0; instant < INSTANTS_PER_STEP && !this.live.over; instant++) {
      if (this.live.nextInstant() === 0) break;
      if (this.live.records.slice(before).some((record) => record.kind !== 'tick')) break;
    }
    if (this.live.records.length === before) return false;
    this.render();
    const steps = this.trace.steps;
    const next = steps.find((index) => index >= before);
    if (next !== undefined) this.shown.viewer.select(next);
    return true;
  }

  /** The instant the cursor stands at: the run's own unless the person moved it back. */
  private cursorInstantUs(): number {
    const viewer = this.shown.viewer;
    const last = this.trace.count - 1;
    if (viewer.cursorTime >= this.live.reachedUs || (last >= 0 && viewer.cursorIndex >= last && viewer.cursorTime >= this.trace.time[last]!)) return this.live.reachedUs;
    return Math.min(Math.floor(viewer.cursorTime), this.live.reachedUs);
  }

  /** When the cursor was moved back, replays the run to it: what came after it is dropped. */
  private moveToCursor(): void {
    const instantUs = this.cursorInstantUs();
    if (instantUs >= this.live.reachedUs) return;
    this.restart(this.actions.filter((taken) => taken.atUs <= instantUs), Math.max(1, instantUs));
  }

  private act(action: PlaygroundAction): void {
    this.moveToCursor();
    if (this.live.over) {
      this.note('the run stopped at a violation: move the cursor before it to act there');
      return;
    }
    const atUs = this.live.reachedUs + 1;
    this.restart([...this.actions, { atUs, action }], atUs);
    this.note('');
  }

  private render(): void {
    this.lastRenderMs = performance.now();
    const trace = (this.trace = this.traceData());
    const endUs = this.live.reachedUs;
    // The cursor on the last record worth reading (a tick is not), at the run's instant.
    this.shown.show(trace, { index: trace.steps.length > 0 ? trace.steps[trace.steps.length - 1]! : trace.count - 1, timeUs: endUs });
    renderHeader(trace);
    setText(byId('title'), 'raftsim playground \u00b7 seed ' + this.settings.seed + (this.settings.bug === null ? '' : ' \u00b7 bug ' + this.settings.bug));
    renderSummary(trace);
    this.renderViolationList();
    this.renderActions();
    this.renderShare();
    // Follow the run's end: the last few election timeouts.
    const span = Math.max(1_000_000, this.settings.electionTimeoutMs[1] * 1000 * 8);
    this.shown.viewer.setView(endUs - span, endUs + span * 0.02);
    const violation = this.shown.intervals.violations[0];
    if (violation !== undefined && this.live.over) showAround(trace, this.shown.viewer, violation);
    document.body.dataset.ready = 'true';
    this.lastRenderCostMs = performance.now() - this.lastRenderMs;
  }

  /** Redraws the list only when the violations differ from those it lists. */
  private renderViolationList(): void {
    const trace = this.trace;
    const shownKey = this.shown.intervals.violations.map((record) => trace.time[record] + ' ' + JSON.stringify(trace.detail[record])).join('\n');
    if (shownKey === this.violationsShown) return;
    this.violationsShown = shownKey;
    byId('violation-list').textContent = '';
    // A jump shows the record in the trace shown when it is clicked: the list outlives the trace it was drawn from.
    const violations = this.shown.intervals.violations.map((record) => ({ timeUs: trace.time[record]!, detail: trace.detail[record], jump: () => showAround(this.trace, this.shown.viewer, record) }));
    byId('violations').hidden = violations.length === 0;
    renderViolations(violations);
  }

  /** Redraws the list only when the actions changed (a new list is made for every change). */
  private renderActions(): void {
    if (this.actionsShown === this.actions) return;
    this.actionsShown = this.actions;
    const list = byId('action-list');
    list.textContent = '';
    for (const { atUs, action } of this.actions) list.appendChild(element('li', '', formatShortTime(atUs) + ': ' + this.engine.describeAction(action)));
  }

  private renderShare(): void {
    const link = this.engine.link(this.run());
    history.replaceState(null, '', '#' + link);
    const trailer = this.trace.trailer;
    setText(byId('trace-hash'), trailer.traceHash);
    setText(byId('run-time'), 'virtual time ' + formatTime(this.live.reachedUs) + (this.live.over ? ' \u00b7 stopped: ' + trailer.outcome : ''));
    const field = byId<HTMLInputElement>('link');
    if (field.value !== location.href) {
      field.value = location.href;
      setText(byId('copy-note'), '');
    }
    setText(byId('link-command'), this.engine.command(location.href));
    document.body.dataset.traceHash = trailer.traceHash;
    document.body.dataset.reachedUs = String(this.live.reachedUs);
    document.body.dataset.over = String(this.live.over);
  }

  private saveScenario(): void {
    const text = this.engine.scenarioYaml(this.run(), location.href);
    const anchor = element('a');
    anchor.href = URL.createObjectURL(new Blob([text], { type: 'text/yaml' }));
    anchor.download = 'raftsim-playground-seed-' + this.settings.seed + '.yaml';
    anchor.click();
    URL.revokeObjectURL(anchor.href);
  }

  /**
   * Copies the run's link. The clipboard is not always there to write to (a page opened from disk may
   * be refused it): then the link is selected in its field, for the person to copy.
   */
  private async copyLink(): Promise<void> {
    const link = location.href;
    const field = byId<HTMLInputElement>('link');
    field.value = link;
    const note = byId('copy-note');
    try {
      if (navigator.clipboard === undefined) throw new Error('no clipboard');
      await navigator.clipboard.writeText(link);
      setText(note, 'link copied');
    } catch {
      field.focus();
      field.select();
      setText(note, 'the clipboard is not available here: the link is selected, press Ctrl-C (\u2318C) to copy it');
    }
  }

  private note(text: string): void {
    setText(byId('play-note'), text);
  }
}

export function startPlayground(engine: PlaygroundEngine): void {
  new Playground(engine);
}
