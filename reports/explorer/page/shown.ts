/**
 * What the page shows: a trace (the whole run, or one window of a long one) with its cursor, its fold
 * and its diagram. The controls read it when they are used, so a window that replaces another needs
 * no new listeners.
 */
import { ClusterAt } from './cluster-at.js';
import { describe } from './describe.js';
import { Diagram } from './diagram.js';
import { byId, formatTime, setText } from './dom.js';
import { renderDetails, renderEventList } from './event-panel.js';
import { buildIntervals } from './intervals.js';
import type { Intervals } from './intervals.js';
import { LogPanel } from './log-panel.js';
import { renderNodes } from './node-panel.js';
import type { TraceData } from './trace-data.js';
import { Viewer } from './viewer.js';

export class Shown {
  trace!: TraceData;
  viewer!: Viewer;
  intervals!: Intervals;
  diagram!: Diagram;
  private clusterAt!: ClusterAt;
  private readonly logs: LogPanel;

  constructor(
    nodeCount: number,
    private readonly slider: HTMLInputElement,
    private readonly canvas: HTMLCanvasElement,
  ) {
    this.logs = new LogPanel(nodeCount, () => this.renderCursor());
  }

  /** Shows a trace, its cursor before its first record unless put elsewhere (so the panels are drawn once, at the cursor). */
  show(trace: TraceData, cursor: { readonly index: number; readonly timeUs: number } = { index: -1, timeUs: trace.startUs }): void {
    this.trace = trace;
    this.intervals = buildIntervals(trace);
    this.clusterAt = new ClusterAt(trace);
    const viewer = (this.viewer = new Viewer(trace, this.slider));
    this.diagram = new Diagram(this.canvas, trace, viewer, this.intervals);
    viewer.renderCursor = () => this.renderCursor();
    viewer.renderDetails = () => renderDetails(trace, viewer);
    viewer.requestDraw = () => this.diagram.requestDraw();
    this.diagram.resize();
    viewer.moveCursor(cursor.index, cursor.timeUs);
    viewer.renderDetails();
  }

  private renderCursor(): void {
    const { trace, viewer } = this;
    setText(byId('cursor-time'), formatTime(viewer.cursorTime));
    setText(byId('cursor-event'), viewer.cursorIndex >= 0 ? '#' + (trace.firstRecord + viewer.cursorIndex) + ' ' + describe(trace, viewer.cursorIndex) : this.startText());
    const cluster = this.clusterAt.after(viewer.cursorIndex);
    renderNodes(trace, cluster);
    this.logs.render(cluster);
    renderEventList(trace, viewer);
  }

  private startText(): string {
    return this.trace.firstRecord === 0 ? 'before the first record' : 'before record #' + this.trace.firstRecord;
  }
}
