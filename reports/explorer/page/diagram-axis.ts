/**
 * The diagram's time axis: a tick line across the lanes and a label under it for each round instant.
 * Ticks are thinned to the plot's width, so that the labels of adjacent ticks are never closer than a
 * gap however narrow the page; a label that would still meet the one before it (the last, turned to
 * end at its tick so as not to leave the canvas) is dropped. The labels are elements over the canvas,
 * reused from one drawing to the next (a playing run redraws the axis at every frame), so the browser lays them out and a test can measure them.
 */
import { byId, formatShortTime, keepChildren, setText } from './dom.js';
import { BOTTOM, GUTTER, TOP } from './plot.js';
import type { Plot } from './plot.js';

/** The least space between two labels, in CSS pixels. */
const LABEL_GAP_PX = 10;
/** The canvas font the labels are measured in; the elements' style (page-style.ts) is the same. */
export const AXIS_FONT = '11px system-ui, sans-serif';
/** More ticks than a plot of any width can label; the bound keeps a degenerate view from looping long. */
const MOST_TICKS = 200;

/** The round step (1, 2 or 5 times a power of ten microseconds) whose ticks lie at least `leastUs` apart. */
export function roundStepUs(leastUs: number): number {
  const least = Math.max(leastUs, 1);
  const power = Math.pow(10, Math.floor(Math.log10(least)));
  for (const multiple of [1, 2, 5, 10]) if (power * multiple >= least) return power * multiple;
  return power * 10;
}

/** Where a label lies along the axis, in CSS pixels from the canvas's left edge. */
interface PlacedLabel {
  readonly text: string;
  readonly left: number;
}

/** The labels that fit: ticks thinned by the widest label, and any label meeting the one before it dropped. */
function placeLabels(plot: Plot, ticks: readonly number[]): PlacedLabel[] {
  const context = plot.context;
  const placed: PlacedLabel[] = [];
  let rightOfLast = -Infinity;
  for (const time of ticks) {
    const text = formatShortTime(time);
    const width = context.measureText(text).width;
    const x = plot.timeX(time);
    // The last label would run off the canvas: it ends at the tick instead.
    const left = x + 2 + width > plot.width - 2 ? x - 2 - width : x + 2;
    if (left < rightOfLast + LABEL_GAP_PX) continue;
    placed.push({ text, left });
    rightOfLast = left + width;
  }
  return placed;
}

/** The instants of the ticks in view, spaced so that their labels fit. */
function tickTimes(plot: Plot): number[] {
  const { viewFrom, viewTo } = plot.viewer;
  const plotWidth = Math.max(plot.plotRight - GUTTER, 1);
  const context = plot.context;
  const widest = Math.max(context.measureText(formatShortTime(viewFrom)).width, context.measureText(formatShortTime(viewTo)).width);
  const step = roundStepUs(((widest + LABEL_GAP_PX + 4) / plotWidth) * (viewTo - viewFrom));
  const times: number[] = [];
  for (let time = Math.ceil(viewFrom / step) * step; time <= viewTo && times.length < MOST_TICKS; time += step) {
    const x = plot.timeX(time);
    if (x >= GUTTER && x <= plot.plotRight) times.push(time);
  }
  return times;
}

/** Draws the tick lines on the canvas and moves the label elements under them. */
export function drawAxis(plot: Plot): void {
  const context = plot.context;
  context.font = AXIS_FONT;
  context.strokeStyle = 'rgba(0, 0, 0, 0.12)';
  context.lineWidth = 1;
  const ticks = tickTimes(plot);
  for (const time of ticks) {
    const x = plot.timeX(time);
    context.beginPath();
    context.moveTo(x, TOP - 14);
    context.lineTo(x, plot.height - BOTTOM);
    context.stroke();
  }
  const placed = placeLabels(plot, ticks);
  const top = plot.height - BOTTOM + 4;
  // Labels not needed now are hidden rather than removed: the next drawing may want them back.
  const pool = byId('axis-labels');
  const labels = keepChildren(pool, Math.max(pool.children.length, placed.length), () => document.createElement('span'));
  labels.forEach((element, index) => {
    if (element.hidden !== index >= placed.length) element.hidden = index >= placed.length;
  });
  placed.forEach((label, index) => {
    const element = labels[index]!;
    setText(element, label.text);
    const left = label.left.toFixed(1) + 'px';
    if (element.style.left !== left) element.style.left = left;
    if (element.style.top !== top + 'px') element.style.top = top + 'px';
  });
}
