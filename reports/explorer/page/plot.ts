/**
 * The diagram's canvas and its geometry: one lane per node below a strip for cluster-wide events,
 * time running left to right over the viewer's span, the lane labels in a gutter on the left.
 */
import type { TraceData } from './trace-data.js';
import type { Viewer } from './viewer.js';

export const GUTTER = 64;
export const TOP = 36;
export const LANE = 34;
export const BOTTOM = 22;

export class Plot {
  readonly context: CanvasRenderingContext2D;
  width = 800;
  height = 200;

  constructor(
    readonly canvas: HTMLCanvasElement,
    readonly trace: TraceData,
    readonly viewer: Viewer,
  ) {
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('the explorer needs a canvas that draws in 2D');
    this.context = context;
  }

  /** The x where the plot ends, short of the canvas's right edge. */
  get plotRight(): number {
    return this.width - 8;
  }

  laneY(node: number): number {
    return TOP + (node - 1) * LANE + LANE / 2;
  }

  timeX(timeUs: number): number {
    const { viewFrom, viewTo } = this.viewer;
    return GUTTER + ((timeUs - viewFrom) / (viewTo - viewFrom)) * (this.width - GUTTER - 8);
  }

  xTime(x: number): number {
    const { viewFrom, viewTo } = this.viewer;
    return viewFrom + ((x - GUTTER) / (this.width - GUTTER - 8)) * (viewTo - viewFrom);
  }

  /** Fits the canvas to its box's width and the lanes' height, at the screen's pixel density. */
  resize(): void {
    const ratio = window.devicePixelRatio || 1;
    this.width = Math.max(320, this.canvas.parentElement!.clientWidth);
    this.height = TOP + this.trace.nodeCount * LANE + BOTTOM;
    this.canvas.width = Math.round(this.width * ratio);
    this.canvas.height = Math.round(this.height * ratio);
    this.canvas.style.width = this.width + 'px';
    this.canvas.style.height = this.height + 'px';
    this.context.setTransform(ratio, 0, 0, ratio, 0, 0);
  }
}
