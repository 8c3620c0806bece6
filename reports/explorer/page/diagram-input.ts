/** The mouse on the diagram: dragging pans, the wheel zooms around the pointer, a click picks the nearest record on that lane. */
import { GUTTER, LANE, TOP } from './plot.js';
import type { Plot } from './plot.js';

/** Records looked at around a click, at most: a click on a crowded instant must stay quick. */
const PICK_LIMIT = 20000;

interface Drag {
  readonly x: number;
  readonly from: number;
  readonly to: number;
  moved: boolean;
}

/** Listens on the diagram's canvas; `currentPlot` is the plot shown when an event comes (a window of a long run replaces it). */
export function listenToDiagram(canvas: HTMLCanvasElement, currentPlot: () => Plot): void {
  let drag: Drag | null = null;
  canvas.addEventListener('mousedown', (event) => {
    const viewer = currentPlot().viewer;
    drag = { x: event.clientX, from: viewer.viewFrom, to: viewer.viewTo, moved: false };
  });
  window.addEventListener('mousemove', (event) => {
    if (drag === null) return;
    const plot = currentPlot();
    const dx = event.clientX - drag.x;
    if (Math.abs(dx) > 3) drag.moved = true;
    if (!drag.moved) return;
    const shift = (dx / (plot.width - GUTTER - 8)) * (drag.to - drag.from);
    plot.viewer.setView(drag.from - shift, drag.to - shift);
  });
  window.addEventListener('mouseup', (event) => {
    if (drag !== null && !drag.moved && event.target === canvas) pick(currentPlot(), event);
    drag = null;
  });
  canvas.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const plot = currentPlot();
      const viewer = plot.viewer;
      const rect = canvas.getBoundingClientRect();
      if (event.shiftKey || Math.abs(event.deltaX) > Math.abs(event.deltaY)) {
        const shift = ((event.deltaX || event.deltaY) / (plot.width - GUTTER - 8)) * (viewer.viewTo - viewer.viewFrom);
        viewer.setView(viewer.viewFrom + shift, viewer.viewTo + shift);
      } else {
        viewer.zoomAround(plot.xTime(event.clientX - rect.left), event.deltaY > 0 ? 1.25 : 0.8);
      }
    },
    { passive: false },
  );
}

/** Selects the record nearest the click on the clicked lane; with none near, moves the cursor there. */
function pick(plot: Plot, event: MouseEvent): void {
  const { canvas, viewer, trace } = plot;
  const rect = canvas.getBoundingClientRect();
  const x = event.clientX - rect.left;
  const y = event.clientY - rect.top;
  const lane = y < TOP ? 0 : Math.floor((y - TOP) / LANE) + 1;
  const tolerance = (6 / (plot.width - GUTTER - 8)) * (viewer.viewTo - viewer.viewFrom);
  const time = plot.xTime(x);
  const first = trace.firstAtOrAfter(time - tolerance);
  const last = trace.lastAtOrBefore(time + tolerance);
  let best = -1;
  let bestDistance = Infinity;
  for (let index = first; index <= last && index - first < PICK_LIMIT; index++) {
    const name = trace.kindName(index);
    if (name === 'tick') continue;
    const node = trace.node[index]!;
    const onLane = lane === 0 ? node === 0 || name === 'violation' : node === lane || (name === 'deliver' && trace.peer[index] === lane);
    if (!onLane) continue;
    const distance = Math.abs(trace.time[index]! - time);
    if (distance < bestDistance) {
      best = index;
      bestDistance = distance;
    }
  }
  if (best >= 0) viewer.select(best);
  else viewer.moveCursor(trace.lastAtOrBefore(time), Math.max(trace.startUs, Math.min(trace.endUs, time)));
}
