/**
 * The page of a long trace: it holds the run's summary, its violations and the list of its windows,
 * and loads the windows' files (written beside it) one at a time, each by a script element that hands
 * its data to WINDOW_CALLBACK: the one way a page opened from file:// may read another file. At most
 * WINDOWS_HELD windows are kept; stepping past a window's last record loads the next, and stepping
 * back before its first loads the one before.
 */
import { unpackFoldState, WINDOW_CALLBACK } from '../window-format.js';
import type { ListedViolation, WindowedExplorerIndex, WindowFile, WindowPlace } from '../window-format.js';
import { byId, element, formatShortTime } from './dom.js';
import { mountPage } from './mount.js';
import type { Shown } from './shown.js';
import { renderViolations, showAround } from './summary.js';
import { TraceData } from './trace-data.js';

/** Windows kept in memory at once: the one shown and its neighbours, for stepping back and forth. */
const WINDOWS_HELD = 3;

/** Where the cursor goes in a window just shown: its start, its first or last step, or a record of the run. */
type Landing = 'start' | 'first step' | 'last step' | { readonly record: number };

class WindowFiles {
  private readonly held = new Map<number, TraceData>();
  private readonly waiting = new Map<number, (file: WindowFile) => void>();

  constructor(private readonly index: WindowedExplorerIndex) {
    (window as unknown as Record<string, unknown>)[WINDOW_CALLBACK] = (file: WindowFile) => this.waiting.get(file.place.number)?.(file);
  }

  /** How many windows are kept now. */
  get heldCount(): number {
    return this.held.size;
  }

  /** The window's records, from memory or from its file. */
  load(place: WindowPlace): Promise<TraceData> {
    const kept = this.held.get(place.number);
    if (kept !== undefined) {
      this.hold(place.number, kept);
      return Promise.resolve(kept);
    }
    return new Promise((resolve, reject) => {
      const script = document.createElement('script');
      this.waiting.set(place.number, (file) => {
        const trace = this.decode(file);
        this.hold(place.number, trace);
        resolve(trace);
      });
      const done = () => {
        this.waiting.delete(place.number);
        script.remove();
      };
      script.onload = () => {
        done();
        if (!this.held.has(place.number)) reject(new Error(place.file + ' holds no window ' + place.number));
      };
      script.onerror = () => {
        done();
        reject(new Error('cannot load ' + place.file + ': keep the folder of windows beside the page'));
      };
      script.src = place.file;
      document.head.appendChild(script);
    });
  }

  private decode(file: WindowFile): TraceData {
    const { place, records } = file;
    const window = { firstRecord: place.firstRecord, fromUs: place.fromUs, toUs: place.toUs, start: unpackFoldState(file.start) };
    return new TraceData(this.index.header, this.index.trailer, { count: records.length, at: (at) => records[at]! }, window);
  }

  /** Keeps a window as the most recently used, letting go of the least recently used beyond the bound. */
  private hold(number: number, trace: TraceData): void {
    this.held.delete(number);
    this.held.set(number, trace);
    if (this.held.size > WINDOWS_HELD) this.held.delete(this.held.keys().next().value!);
  }
}

class WindowedExplorer {
  private readonly files: WindowFiles;
  private readonly shown: Shown;
  private current: WindowPlace | null = null;
  private loading = false;

  constructor(private readonly index: WindowedExplorerIndex) {
    this.files = new WindowFiles(index);
    const summary = new TraceData(index.header, index.trailer, { count: 0, at: () => undefined as never });
    this.shown = mountPage(summary, {
      pastEnd: () => this.move(1, 'first step'),
      beforeStart: () => this.move(-1, 'last step'),
    });
    renderViolations(index.violations.map((violation) => this.violationItem(violation)));
    // The diagram shows one window: fitting it to the view shows the window, not the run.
    byId('zoom-fit').textContent = 'whole window';
    this.renderWindowBar();
  }

  /** Shows a window and puts the cursor where asked. */
  async go(number: number, landing: Landing): Promise<void> {
    const place = this.index.windows[number - 1];
    if (place === undefined || this.loading) return;
    this.loading = true;
    document.body.dataset.loading = 'true';
    try {
      const trace = await this.files.load(place);
      if (this.current !== place) this.shown.show(trace);
      this.current = place;
      this.land(trace, landing);
      this.markCurrent(place);
    } catch (error) {
      byId('window-note').textContent = String(error instanceof Error ? error.message : error);
      console.error(error);
    } finally {
      this.loading = false;
      delete document.body.dataset.loading;
    }
  }

  private land(trace: TraceData, landing: Landing): void {
    const viewer = this.shown.viewer;
    if (landing === 'start') viewer.clearSelection();
    else if (landing === 'first step' && trace.steps.length > 0) viewer.select(trace.steps[0]!);
    else if (landing === 'last step' && trace.steps.length > 0) viewer.select(trace.steps[trace.steps.length - 1]!);
    else if (typeof landing === 'object') showAround(trace, viewer, landing.record - trace.firstRecord);
  }

  /** Steps into the next (or previous) window; false when there is none, so that stepping stops at the run's edge. */
  private move(direction: 1 | -1, landing: Landing): boolean {
    if (this.current === null) return false;
    const number = this.current.number + direction;
    if (number < 1 || number > this.index.windows.length) return false;
    void this.go(number, landing);
    return true;
  }

  private violationItem(violation: ListedViolation) {
    return { timeUs: violation.timeUs, detail: violation.detail, jump: () => void this.go(this.windowOf(violation.record), { record: violation.record }) };
  }

  /** The number of the window that holds a record of the run. */
  private windowOf(record: number): number {
    const windows = this.index.windows;
    let low = 0;
    let high = windows.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (windows[middle]!.firstRecord <= record) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  private renderWindowBar(): void {
    const picker = byId<HTMLSelectElement>('window-picker');
    const strip = byId('window-strip');
    strip.style.display = 'flex';
    strip.style.height = '14px';
    strip.style.marginTop = '4px';
    const violating = new Set(this.index.violations.map((violation) => this.windowOf(violation.record)));
    this.index.windows.forEach((place) => {
      const label = place.number + ': ' + formatShortTime(place.fromUs) + ' \u2013 ' + formatShortTime(place.toUs) + ' (' + place.records + ' records)';
      const option = element('option', '', label);
      option.value = String(place.number);
      picker.appendChild(option);
      const segment = element('button', 'window-segment');
      segment.title = 'window ' + label + (violating.has(place.number) ? ', with a violation' : '');
      segment.dataset.window = String(place.number);
      segment.style.flex = String(Math.max(place.toUs - place.fromUs, 1)) + ' 1 0';
      segment.style.minWidth = '2px';
      segment.style.border = '0';
      segment.style.borderRight = '1px solid #fff';
      segment.style.padding = '0';
      segment.style.background = violating.has(place.number) ? '#e06060' : '#c9d4e6';
      segment.addEventListener('click', () => void this.go(place.number, 'start'));
      strip.appendChild(segment);
    });
    picker.addEventListener('change', () => void this.go(Number(picker.value), 'start'));
    byId('window-previous').addEventListener('click', () => this.move(-1, 'start'));
    byId('window-next').addEventListener('click', () => this.move(1, 'start'));
  }

  private markCurrent(place: WindowPlace): void {
    byId<HTMLSelectElement>('window-picker').value = String(place.number);
    byId('window-strip')
      .querySelectorAll<HTMLElement>('.window-segment')
      .forEach((segment) => (segment.style.outline = segment.dataset.window === String(place.number) ? '2px solid #1060d0' : ''));
    const count = this.index.windows.length;
    byId('window-note').textContent =
      'window ' + place.number + ' of ' + count + ': records #' + place.firstRecord + '\u2013#' + (place.firstRecord + place.records - 1) + ' of ' + this.index.trailer.records + '; the run is too long for one page, so it is shown a window at a time';
    document.body.dataset.window = String(place.number);
    document.body.dataset.windowsHeld = String(this.files.heldCount);
  }
}

export function startWindowed(indexText: string): void {
  const explorer = new WindowedExplorer(JSON.parse(indexText) as WindowedExplorerIndex);
  void explorer.go(1, 'start').then(() => {
    document.body.dataset.ready = 'true';
  });
}
