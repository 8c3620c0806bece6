/**
 * The space-time diagram: a lane per node coloured by role and term, shaded where the node was down
 * or the network faulted, with message arrows, marks for other records, the time axis, the cursor,
 * the selected record and the violations. Nothing outside the viewer's span is drawn, and drawing
 * waits for the next animation frame, once however many changes asked for it.
 */
import { drawArrows } from './diagram-arrows.js';
import type { ArrowCount } from './diagram-arrows.js';
import { drawAxis } from './diagram-axis.js';
import { drawMarkers } from './diagram-markers.js';
import { byId, formatShortTime, setText } from './dom.js';
import type { DownKind, Intervals } from './intervals.js';
import { BOTTOM, GUTTER, Plot, TOP, LANE } from './plot.js';
import { roleColour } from './roles.js';
import type { TraceData } from './trace-data.js';
import type { Viewer } from './viewer.js';

/** The text cut to a width, with an ellipsis when cut. */
function fitted(context: CanvasRenderingContext2D, text: string, width: number): string {
  if (context.measureText(text).width <= width) return text;
  let length = text.length;
  while (length > 0 && context.measureText(text.slice(0, length) + '\u2026').width > width) length--;
  return length === 0 ? '' : text.slice(0, length) + '\u2026';
}

export class Diagram {
  readonly plot: Plot;
  private drawPending = false;
  private retiredPattern: CanvasPattern | string | null = null;

  constructor(
    canvas: HTMLCanvasElement,
    private readonly trace: TraceData,
    private readonly viewer: Viewer,
    private readonly intervals: Intervals,
  ) {
    this.plot = new Plot(canvas, trace, viewer);
  }

  resize(): void {
    this.plot.resize();
    this.requestDraw();
  }

  requestDraw(): void {
    if (this.drawPending) return;
    this.drawPending = true;
    window.requestAnimationFrame(() => {
      this.drawPending = false;
      this.draw();
    });
  }

  private draw(): void {
    const { context, width, height } = this.plot;
    context.clearRect(0, 0, width, height);
    context.font = '11px system-ui, sans-serif';
    context.textBaseline = 'middle';
    this.drawFaults();
    this.drawBands();
    this.drawDowns();
    const arrows = drawArrows(this.plot, this.intervals.arrows, this.intervals.longestFlight, byId<HTMLSelectElement>('message-filter').value);
    drawMarkers(this.plot);
    this.drawLaneLabels();
    drawAxis(this.plot);
    this.drawCursorAndSelection();
    this.drawViolations();
    this.writeNote(arrows);
  }

  /** Where a span of time lies across the plot, clipped to it; null when the span is out of view. */
  private spanX(from: number, to: number): { x0: number; x1: number } | null {
    const { plot, viewer } = this;
    if (to < viewer.viewFrom || from > viewer.viewTo) return null;
    return { x0: Math.max(GUTTER, plot.timeX(from)), x1: Math.min(plot.plotRight, plot.timeX(to)) };
  }

  /** Network faults shade every lane for as long as they last. */
  private drawFaults(): void {
    const plot = this.plot;
    const context = plot.context;
    this.intervals.faults.forEach((fault) => {
      const span = this.spanX(fault.from, fault.to);
      if (span === null) return;
      const { x0, x1 } = span;
      context.fillStyle = 'rgba(220, 60, 60, 0.10)';
      context.fillRect(x0, TOP - 14, Math.max(1, x1 - x0), this.trace.nodeCount * LANE + 14);
      context.fillStyle = '#b03030';
      // The label may run past a short fault's end, to the plot's edge; what does not fit ends in an ellipsis.
      if (x1 - x0 > 20) context.fillText(fitted(context, fault.label, plot.plotRight - x0 - 6), x0 + 3, TOP - 7);
    });
  }

  /** Role bands with their terms. */
  private drawBands(): void {
    const plot = this.plot;
    const context = plot.context;
    this.intervals.bands.forEach((band) => {
      const span = this.spanX(band.from, band.to);
      if (span === null) return;
      const { x0, x1 } = span;
      const y = plot.laneY(band.node);
      context.fillStyle = roleColour(band.role);
      context.fillRect(x0, y - 9, Math.max(1, x1 - x0), 18);
      if (x1 - x0 > 26) {
        context.fillStyle = '#223';
        context.fillText('t' + band.term, x0 + 3, y);
      }
    });
  }

  private drawDowns(): void {
    const plot = this.plot;
    const context = plot.context;
    this.intervals.downs.forEach((down) => {
      const span = this.spanX(down.from, down.to);
      if (span === null) return;
      const { x0, x1 } = span;
      const y = plot.laneY(down.node);
      context.fillStyle = this.downFill(down.kind);
      context.fillRect(x0, y - 12, Math.max(1, x1 - x0), 24);
      if (down.kind === 'spare') {
        context.strokeStyle = '#9aa3b5';
        context.lineWidth = 1;
        context.setLineDash([4, 3]);
        context.strokeRect(x0 + 0.5, y - 11.5, Math.max(1, x1 - x0 - 1), 23);
        context.setLineDash([]);
      }
      if (x1 - x0 > 50) {
        context.fillStyle = down.kind === 'crashed' || down.kind === 'paused' ? '#fff' : '#3a4458';
        context.fillText(down.kind, x0 + 4, y);
      }
    });
  }

  private downFill(kind: DownKind): CanvasPattern | string {
    switch (kind) {
      case 'crashed':
        return 'rgba(40, 40, 40, 0.85)';
      case 'paused':
        return 'rgba(120, 120, 120, 0.55)';
      case 'retired':
        return this.retiredFill();
      case 'spare':
        return '#f1f3f7';
    }
  }

  /** A retired server's lane is hatched from its retirement on: it is gone, not merely down. */
  private retiredFill(): CanvasPattern | string {
    if (this.retiredPattern !== null) return this.retiredPattern;
    const tile = document.createElement('canvas');
    tile.width = 8;
    tile.height = 8;
    const pen = tile.getContext('2d')!;
    pen.fillStyle = '#c9cdd6';
    pen.fillRect(0, 0, 8, 8);
    pen.strokeStyle = '#8a92a3';
    pen.lineWidth = 1.5;
    pen.beginPath();
    pen.moveTo(0, 8);
    pen.lineTo(8, 0);
    pen.moveTo(-2, 2);
    pen.lineTo(2, -2);
    pen.moveTo(6, 10);
    pen.lineTo(10, 6);
    pen.stroke();
    this.retiredPattern = this.plot.context.createPattern(tile, 'repeat') || '#c9cdd6';
    return this.retiredPattern;
  }

  private drawLaneLabels(): void {
    const { context, height } = this.plot;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, GUTTER - 2, height);
    context.fillStyle = '#222';
    context.font = 'bold 12px system-ui, sans-serif';
    for (let node = 1; node <= this.trace.nodeCount; node++) context.fillText('n' + node, 10, this.plot.laneY(node));
    context.font = '11px system-ui, sans-serif';
  }

  private drawCursorAndSelection(): void {
    const { plot, viewer, trace } = this;
    const context = plot.context;
    const cursorX = plot.timeX(viewer.cursorTime);
    if (cursorX >= GUTTER && cursorX <= plot.plotRight) {
      context.strokeStyle = '#1060d0';
      context.lineWidth = 1.5;
      context.beginPath();
      context.moveTo(cursorX, TOP - 16);
      context.lineTo(cursorX, plot.height - BOTTOM);
      context.stroke();
    }
    const selected = viewer.selected;
    if (selected >= 0 && trace.node[selected]! >= 1 && trace.node[selected]! <= trace.nodeCount) {
      context.strokeStyle = '#1060d0';
      context.lineWidth = 2;
      context.beginPath();
      context.arc(plot.timeX(trace.time[selected]!), plot.laneY(trace.node[selected]!), 7, 0, Math.PI * 2);
      context.stroke();
    }
  }

  private drawViolations(): void {
    const { plot, trace } = this;
    const context = plot.context;
    this.intervals.violations.forEach((recordIndex) => {
      const x = plot.timeX(trace.time[recordIndex]!);
      if (x < GUTTER || x > plot.plotRight) return;
      context.strokeStyle = '#e00000';
      context.lineWidth = 2.5;
      context.beginPath();
      context.moveTo(x, TOP - 16);
      context.lineTo(x, plot.height - BOTTOM);
      context.stroke();
      context.fillStyle = '#e00000';
      const checker = (trace.detail[recordIndex] as { checker: string }).checker;
      context.fillText('\u2717 ' + checker, Math.min(x + 4, plot.plotRight - 120), TOP - 24 > 4 ? TOP - 24 : 6);
    });
  }

  private writeNote(arrows: ArrowCount): void {
    const { viewFrom, viewTo } = this.viewer;
    const shown =
      arrows.drawn < arrows.total
        ? 'showing 1 in ' + Math.ceil(arrows.total / Math.max(arrows.drawn, 1)) + ' of ' + arrows.total + ' messages in view; zoom in for all'
        : arrows.total + ' messages in view';
    setText(byId('diagram-note'), formatShortTime(Math.max(viewFrom, this.trace.startUs)) + ' \u2013 ' + formatShortTime(Math.min(viewTo, this.trace.endUs)) + ' \u00b7 ' + shown);
  }
}
