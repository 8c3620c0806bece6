/**
 * Where the person looks: the cursor (a record and an instant), the selected record, and the span of
 * virtual time the diagram shows. Moving any of them tells the panels and the diagram through the
 * callbacks the page wires up in main.ts.
 */
import type { TraceData } from './trace-data.js';

export class Viewer {
  cursorIndex = -1;
  cursorTime = 0;
  selected = -1;
  viewFrom = 0;
  viewTo: number;
  /** Redraws the panels that follow the cursor. */
  renderCursor: () => void = () => {};
  /** Redraws the selected record's details. */
  renderDetails: () => void = () => {};
  /** Asks for the diagram to be drawn at the next frame. */
  requestDraw: () => void = () => {};

  constructor(
    private readonly trace: TraceData,
    private readonly slider: HTMLInputElement,
  ) {
    this.cursorTime = trace.startUs;
    this.viewFrom = trace.startUs;
    this.viewTo = trace.endUs;
    slider.min = String(trace.startUs);
    slider.max = String(trace.endUs);
    slider.step = 'any';
  }

  /** Shows a span of time, at least 50 µs and at most the run (or the window) and a margin. */
  setView(from: number, to: number): void {
    const { startUs, endUs } = this.trace;
    const length = endUs - startUs;
    let span = Math.max(to - from, 50);
    span = Math.min(span, length * 1.02);
    const start = Math.max(startUs - length * 0.01, Math.min(from, endUs + length * 0.01 - span));
    this.viewFrom = start;
    this.viewTo = start + span;
    this.requestDraw();
  }

  keepInView(timeUs: number): void {
    if (timeUs < this.viewFrom || timeUs > this.viewTo) {
      const span = this.viewTo - this.viewFrom;
      this.setView(timeUs - span / 2, timeUs + span / 2);
    }
  }

  /** Zooms by a factor, keeping the given instant where it is on screen (or the middle when it is out of view). */
  zoomAround(timeUs: number, factor: number): void {
    const span = (this.viewTo - this.viewFrom) * factor;
    let share = (timeUs - this.viewFrom) / (this.viewTo - this.viewFrom);
    if (!(share >= 0 && share <= 1)) share = 0.5;
    this.setView(timeUs - span * share, timeUs + span * (1 - share));
  }

  moveCursor(index: number, timeUs: number): void {
    this.cursorIndex = index;
    this.cursorTime = timeUs;
    this.slider.value = String(timeUs);
    this.keepInView(timeUs);
    this.renderCursor();
    this.requestDraw();
  }

  /** The cursor at an instant the slider chose, on the last record at or before it. */
  slideTo(timeUs: number): void {
    this.cursorIndex = this.trace.lastAtOrBefore(timeUs);
    this.cursorTime = timeUs;
    this.keepInView(timeUs);
    this.renderCursor();
    this.requestDraw();
  }

  select(index: number): void {
    this.selected = index;
    this.moveCursor(index, this.trace.time[index]!);
    this.renderDetails();
  }

  /** Back to the start: nothing selected, the cursor before the first record. */
  clearSelection(): void {
    this.selected = -1;
    this.moveCursor(-1, this.trace.startUs);
    this.renderDetails();
  }
}
