/** The controls above the diagram: the time slider, the step buttons (and arrow keys), zoom and the message filter. */
import { byId } from './dom.js';
import type { TraceData } from './trace-data.js';
import type { Viewer } from './viewer.js';

export function listenToControls(trace: TraceData, viewer: Viewer, slider: HTMLInputElement): void {
  slider.addEventListener('input', () => viewer.slideTo(Number(slider.value)));
  const steps = trace.steps;
  byId('step-forward').addEventListener('click', () => {
    const position = trace.stepPosition(viewer.cursorIndex);
    const next = position + 1 < steps.length ? steps[position + 1] : steps[steps.length - 1];
    if (next !== undefined) viewer.select(next);
  });
  byId('step-back').addEventListener('click', () => {
    let position = trace.stepPosition(viewer.cursorIndex);
    if (position >= 0 && steps[position] === viewer.cursorIndex) position--;
    if (position >= 0) viewer.select(steps[position]!);
    else viewer.clearSelection();
  });
  byId('zoom-in').addEventListener('click', () => viewer.zoomAround(viewer.cursorTime, 0.5));
  byId('zoom-out').addEventListener('click', () => viewer.zoomAround(viewer.cursorTime, 2));
  byId('zoom-fit').addEventListener('click', () => viewer.setView(0, trace.endUs));
  byId('message-filter').addEventListener('change', () => viewer.requestDraw());
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT')) return;
    if (event.key === 'ArrowRight') byId('step-forward').click();
    if (event.key === 'ArrowLeft') byId('step-back').click();
  });
}
