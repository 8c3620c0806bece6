/**
 * The explorer page's script, bundled by esbuild into the report (see reports/explorer/html.ts). It
 * reads the trace embedded in the page and draws it; nothing is fetched, so the report works offline
 * and from file://. The page of a long trace holds no records: it loads them a window at a time from
 * the files beside it (windowed.ts).
 *
 * Large runs stay fast because nothing is drawn outside the visible time window (records are in time
 * order, so the window is found by binary search), markers closer than a pixel on one lane are drawn
 * once, and above a bound only every k-th message arrow is drawn. The state at an instant is rebuilt
 * by the cluster fold from the nearest checkpoint (cluster-at.ts).
 */
import { byId } from './dom.js';
import { mountPage } from './mount.js';
import { renderViolations, showAround } from './summary.js';
import { TraceData } from './trace-data.js';
import { startWindowed } from './windowed.js';

function start(): void {
  const index = document.getElementById('explorer-index');
  if (index !== null) return startWindowed(index.textContent ?? '');
  const trace = TraceData.fromText(byId('trace-data').textContent ?? '');
  const shown = mountPage(trace);
  shown.show(trace);
  const violations = shown.intervals.violations.map((record) => ({ timeUs: trace.time[record]!, detail: trace.detail[record], jump: () => showAround(trace, shown.viewer, record) }));
  renderViolations(violations);
  // The first thing to see: a violation when there is one, else the whole run (heartbeats left out at that zoom).
  const first = shown.intervals.violations[0];
  if (first !== undefined) showAround(trace, shown.viewer, first);
  document.body.dataset.ready = 'true';
}

start();
