/**
 * The election-timing experiment drawn as the paper's Figure 16: cumulative distributions of the time
 * without a leader, one line per timeout range. The top panel holds the ranges that share a minimum
 * (varying only the randomness) on a logarithmic time axis, as the paper's top graph; the bottom panel
 * the ranges that scale the timeout, on a linear axis. A self-contained HTML page with inline SVG.
 */
import type { ElectionTimingResult, RangeOutcome } from '../scenarios/index.js';
import { rangeLabel } from '../scenarios/index.js';
import { escapeText as escape, renderChartPage } from './chart-page.js';
import { experimentProvenanceLines } from './experiment-provenance.js';
import type { ExperimentProvenance } from './experiment-provenance.js';

const WIDTH = 820;
const PANEL_HEIGHT = 300;
const MARGIN = { left: 60, right: 220, top: 30, bottom: 45 } as const;
const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf', '#7f7f7f', '#bcbd22'];

interface Axis {
  readonly log: boolean;
  readonly fromMs: number;
  readonly toMs: number;
  readonly ticks: readonly number[];
}

/** Splits the ranges as the paper does: those that share their minimum with another range go on top. */
export function chartPanels(ranges: readonly RangeOutcome[]): { top: RangeOutcome[]; bottom: RangeOutcome[] } {
  const shared = (outcome: RangeOutcome) => ranges.filter((other) => other.range.minMs === outcome.range.minMs).length > 1;
  const top = ranges.filter(shared);
  const bottom = ranges.filter((outcome) => !shared(outcome));
  return top.length === 0 ? { top: bottom, bottom: [] } : { top, bottom };
}

function logAxis(ranges: readonly RangeOutcome[], capMs: number): Axis {
  const times = ranges.flatMap((outcome) => outcome.summary.sortedMs);
  const smallest = times.length === 0 ? 100 : Math.min(...times);
  const fromMs = Math.min(100, 10 ** Math.floor(Math.log10(Math.max(smallest, 1))));
  const toMs = 10 ** Math.ceil(Math.log10(Math.max(capMs, ...times, 1000)));
  const ticks: number[] = [];
  for (let tick = fromMs; tick <= toMs; tick *= 10) ticks.push(tick);
  return { log: true, fromMs, toMs, ticks };
}

function linearAxis(ranges: readonly RangeOutcome[]): Axis {
  const times = ranges.flatMap((outcome) => outcome.summary.sortedMs);
  const largest = times.length === 0 ? 100 : Math.max(...times);
  const step = largest > 1000 ? 500 : 100;
  const toMs = Math.max(step, Math.ceil(largest / step) * step);
  const ticks: number[] = [];
  for (let tick = 0; tick <= toMs; tick += step) ticks.push(tick);
  return { log: false, fromMs: 0, toMs, ticks };
}

function panel(title: string, ranges: readonly RangeOutcome[], axis: Axis, colourOffset: number, offsetY: number, capMs: number): string[] {
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (ms: number) => {
    const clamped = Math.min(Math.max(ms, axis.fromMs), axis.toMs);
    const fraction = axis.log
      ? (Math.log10(clamped) - Math.log10(axis.fromMs)) / (Math.log10(axis.toMs) - Math.log10(axis.fromMs))
      : (clamped - axis.fromMs) / (axis.toMs - axis.fromMs);
    return (MARGIN.left + fraction * plotWidth).toFixed(1);
  };
  const y = (percent: number) => (offsetY + MARGIN.top + (1 - percent / 100) * plotHeight).toFixed(1);
  const parts: string[] = [`<g class="panel">`, `<text x="${MARGIN.left}" y="${offsetY + 18}" class="title">${escape(title)}</text>`];
  parts.push(`<rect x="${MARGIN.left}" y="${offsetY + MARGIN.top}" width="${plotWidth}" height="${plotHeight}" class="frame"/>`);
  for (const percent of [0, 20, 40, 60, 80, 100]) {
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(percent)}" y2="${y(percent)}" class="grid"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${y(percent)}" class="ylabel">${percent}%</text>`);
  }
  for (const tick of axis.ticks) {
    parts.push(`<line x1="${x(tick)}" x2="${x(tick)}" y1="${offsetY + MARGIN.top}" y2="${offsetY + MARGIN.top + plotHeight}" class="grid"/>`);
    parts.push(`<text x="${x(tick)}" y="${offsetY + MARGIN.top + plotHeight + 16}" class="xlabel">${tick}</text>`);
  }
  parts.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${offsetY + PANEL_HEIGHT - 6}" class="axis">time without leader (ms${axis.log ? ', log scale' : ''})</text>`);
  parts.push(`<text x="14" y="${offsetY + MARGIN.top + plotHeight / 2}" class="axis" transform="rotate(-90 14 ${offsetY + MARGIN.top + plotHeight / 2})">cumulative percent</text>`);
  ranges.forEach((outcome, index) => {
    const colour = COLOURS[(colourOffset + index) % COLOURS.length]!;
    const summary = outcome.summary;
    const points: string[] = [];
    let percent = 0;
    for (const time of summary.sortedMs) {
      points.push(`${x(time)},${y(percent)}`);
      percent += (100 / summary.trials);
      points.push(`${x(time)},${y(percent)}`);
    }
    // Trials capped without a leader never reach the line's top: it runs on flat to the right edge.
    if (points.length > 0) points.push(`${x(axis.toMs)},${y(percent)}`);
    if (points.length > 0) parts.push(`<polyline points="${points.join(' ')}" stroke="${colour}" class="cdf"/>`);
    const legendY = offsetY + MARGIN.top + 12 + index * 18;
    const note = summary.capped > 0 ? ` (${summary.capped} beyond ${capMs / 1000} s)` : '';
    parts.push(`<line x1="${WIDTH - MARGIN.right + 12}" x2="${WIDTH - MARGIN.right + 32}" y1="${legendY - 4}" y2="${legendY - 4}" stroke="${colour}" class="cdf"/>`);
    parts.push(`<text x="${WIDTH - MARGIN.right + 38}" y="${legendY}" class="legend">${escape(`${rangeLabel(outcome.range)} ms${note}`)}</text>`);
  });
  parts.push('</g>');
  return parts;
}

export function renderElectionTimingHtml(result: ElectionTimingResult, provenance: ExperimentProvenance | null = null): string {
  const { top, bottom } = chartPanels(result.ranges);
  const capMs = result.options.capMs;
  const panels = [panel('Varying the randomness of the election timeout', top, logAxis(top, capMs), 0, 0, capMs)];
  if (bottom.length > 0) panels.push(panel('Scaling the election timeout', bottom, linearAxis(bottom), top.length, PANEL_HEIGHT, capMs));
  const height = PANEL_HEIGHT * (bottom.length > 0 ? 2 : 1);
  const options = result.options;
  const caption =
    `Time from the leader's crash until ${options.until === 'leader' ? 'a new leader is elected' : "the other servers have received the new leader's first heartbeat"}, ` +
    `${options.trials} trials per line, ${options.nodeCount} servers with ${options.logs} logs, one-way latency ${options.latencyMinMs}–${options.latencyMaxMs} ms, ` +
    `disk ${options.diskLatencyMinMs}–${options.diskLatencyMaxMs} ms, tick ${options.tickMs} ms, heartbeat half the minimum timeout, seed ${options.seed}. ` +
    `Trials with no leader after ${capMs / 1000} s are stopped there.`;
  return renderChartPage({
    title: 'raftsim: election timing (Raft paper, Figure 16)',
    heading: 'Election timing',
    style:
      '.title{font-weight:bold;font-size:14px}.frame{fill:none;stroke:#444}.grid{stroke:#ddd}.cdf{fill:none;stroke-width:1.6}.ylabel{text-anchor:end;dominant-baseline:middle}' +
      '.xlabel,.axis{text-anchor:middle}.legend{dominant-baseline:auto}',
    paragraphs: [`<p>${escape(caption)}</p>`, ...(provenance === null ? [] : experimentProvenanceLines(provenance)).map((line) => `<p class="provenance"><code>${escape(line)}</code></p>`)],
    width: WIDTH,
    height,
    svg: panels.flat(),
  });
}

