/**
 * The explorer page's script, bundled by esbuild into the report (see reports/explorer/html.ts). It
 * reads the trace embedded in the page and draws it; nothing is fetched, so the report works offline
 * and from file://.
 *
 * Large runs stay fast because nothing is drawn outside the visible time window (records are in time
 * order, so the window is found by binary search), markers closer than a pixel on one lane are drawn
 * once, and above a bound only every k-th message arrow is drawn. The state at an instant is rebuilt
 * by the cluster fold from the nearest checkpoint (cluster-at.ts).
 */
import { ClusterAt } from './cluster-at.js';
import { listenToControls } from './controls.js';
import { describe } from './describe.js';
import { Diagram } from './diagram.js';
import { listenToDiagram } from './diagram-input.js';
import { byId, formatTime } from './dom.js';
import { listenToEventList, renderDetails, renderEventList } from './event-panel.js';
import { buildIntervals } from './intervals.js';
import { LogPanel } from './log-panel.js';
import { renderNodes } from './node-panel.js';
import { renderHeader, renderSummary, renderViolations } from './summary.js';
import { TraceData } from './trace-data.js';
import { Viewer } from './viewer.js';

function start(): void {
  const trace = new TraceData(byId('trace-data').textContent ?? '');
  const intervals = buildIntervals(trace);
  const clusterAt = new ClusterAt(trace);
  const slider = byId<HTMLInputElement>('time-slider');
  const viewer = new Viewer(trace, slider);
  renderHeader(trace);
  renderSummary(trace);
  renderViolations(trace, intervals.violations, viewer);

  const renderCursor = () => {
    byId('cursor-time').textContent = formatTime(viewer.cursorTime);
    byId('cursor-event').textContent = viewer.cursorIndex >= 0 ? '#' + viewer.cursorIndex + ' ' + describe(trace, viewer.cursorIndex) : 'before the first record';
    const cluster = clusterAt.after(viewer.cursorIndex);
    renderNodes(trace, cluster);
    logs.render(cluster);
    renderEventList(trace, viewer);
  };
  const logs = new LogPanel(trace, renderCursor);
  const diagram = new Diagram(byId<HTMLCanvasElement>('diagram'), trace, viewer, intervals);
  viewer.renderCursor = renderCursor;
  viewer.renderDetails = () => renderDetails(trace, viewer);
  viewer.requestDraw = () => diagram.requestDraw();
  listenToControls(trace, viewer, slider);
  listenToEventList(viewer);
  listenToDiagram(diagram.plot);
  window.addEventListener('resize', () => diagram.resize());
  diagram.resize();
  viewer.moveCursor(-1, 0);
  viewer.renderDetails();
  document.body.dataset.ready = 'true';
}

start();
