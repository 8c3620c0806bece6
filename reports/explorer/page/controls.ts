/** The controls above the diagram: the time slider, the step buttons (and arrow keys), zoom and the message filter. */
import { byId } from './dom.js';
import type { Shown } from './shown.js';

/** Where stepping goes past the records shown: the next or the previous window of a long run. */
export interface StepEdges {
  /** Steps to the first step after the shown records; false when there is none. */
  pastEnd(): boolean;
  /** Steps to the last step before the shown records; false when there is none. */
  beforeStart(): boolean;
}

const NO_EDGES: StepEdges = { pastEnd: () => false, beforeStart: () => false };

export function listenToControls(shown: Shown, slider: HTMLInputElement, edges: StepEdges = NO_EDGES): void {
  slider.addEventListener('input', () => shown.viewer.slideTo(Number(slider.value)));
  byId('step-forward').addEventListener('click', () => {
    const { trace, viewer } = shown;
    const steps = trace.steps;
    const position = trace.stepPosition(viewer.cursorIndex);
    if (position + 1 >= steps.length && edges.pastEnd()) return;
    const next = position + 1 < steps.length ? steps[position + 1] : steps[steps.length - 1];
    if (next !== undefined) viewer.select(next);
  });
  byId('step-back').addEventListener('click', () => {
    const { trace, viewer } = shown;
    const steps = trace.steps;
    let position = trace.stepPosition(viewer.cursorIndex);
    if (position >= 0 && steps[position] === viewer.cursorIndex) position--;
    if (position >= 0) viewer.select(steps[position]!);
    else if (!edges.beforeStart()) viewer.clearSelection();
  });
  byId('zoom-in').addEventListener('click', () => shown.viewer.zoomAround(shown.viewer.cursorTime, 0.5));
  byId('zoom-out').addEventListener('click', () => shown.viewer.zoomAround(shown.viewer.cursorTime, 2));
  byId('zoom-fit').addEventListener('click', () => shown.viewer.setView(shown.trace.startUs, shown.trace.endUs));
  byId('message-filter').addEventListener('change', () => shown.viewer.requestDraw());
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    if (target && (target.tagName === 'INPUT' || target.tagName === 'SELECT')) return;
    if (event.key === 'ArrowRight') byId('step-forward').click();
    if (event.key === 'ArrowLeft') byId('step-back').click();
  });
}
