/** The parts of the page every explorer has, wired once: the trace shown is swapped under them. */
import { listenToControls } from './controls.js';
import type { StepEdges } from './controls.js';
import { listenToDiagram } from './diagram-input.js';
import { byId } from './dom.js';
import { listenToEventList } from './event-panel.js';
import { Shown } from './shown.js';
import { renderHeader, renderSummary } from './summary.js';
import { renderClients } from './clients.js';
import type { TraceData } from './trace-data.js';

/** Renders the run's header and summary from `summary` (a trace whose header and trailer are the run's) and listens to the controls. */
export function mountPage(summary: TraceData, edges?: StepEdges): Shown {
  const slider = byId<HTMLInputElement>('time-slider');
  const canvas = byId<HTMLCanvasElement>('diagram');
  const shown = new Shown(summary.nodeCount, slider, canvas);
  renderHeader(summary);
  renderSummary(summary);
  renderClients(summary);
  listenToControls(shown, slider, edges);
  listenToEventList(() => shown.viewer);
  listenToDiagram(canvas, () => shown.diagram.plot);
  window.addEventListener('resize', () => shown.diagram.resize());
  return shown;
}

