/**
 * diff's chart: per measure, the mean paired difference b − a over the seeds as a dot, its bootstrap
 * interval as a bar, and the line of no difference, each measure on its own scale. An interval that
 * does not cross the line is a difference the seeds bear out. A self-contained HTML page with inline SVG.
 */
import { niceAxis } from './chart-axis.js';
import { escapeText as escape, renderChartPage } from './chart-page.js';
import type { DifferentialReport } from './differential-report.js';
import { provenanceLines } from './differential-report.js';

const WIDTH = 820;
const ROW_HEIGHT = 70;
const MARGIN = { left: 190, right: 40, top: 40, bottom: 30 } as const;

const FIGURE = (value: number) => String(Math.round(value * 1000) / 1000);

function measureRow(report: DifferentialReport, index: number, offsetY: number): string[] {
  const row = report.differences[index]!;
  const { difference } = row;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const middle = offsetY + ROW_HEIGHT / 2;
  const parts = [`<g class="measure">`, `<text x="${MARGIN.left - 12}" y="${middle}" class="name">${escape(row.measure)}</text>`];
  if (difference.mean === null || difference.low === null || difference.high === null) {
    parts.push(`<text x="${MARGIN.left}" y="${middle}" class="none">no seed where both runs have it</text>`, '</g>');
    return parts;
  }
  const axis = niceAxis(Math.min(0, difference.low), Math.max(0, difference.high));
  const x = (value: number) => (MARGIN.left + ((value - axis.from) / (axis.to - axis.from)) * plotWidth).toFixed(1);
  parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${middle + 16}" y2="${middle + 16}" class="axis"/>`);
  for (const tick of axis.ticks) parts.push(`<text x="${x(tick)}" y="${middle + 30}" class="tick">${FIGURE(tick)}</text>`);
  parts.push(`<line x1="${x(0)}" x2="${x(0)}" y1="${middle - 18}" y2="${middle + 16}" class="zero"/>`);
  const title = `<title>${escape(`${row.measure}: b − a = ${FIGURE(difference.mean)} [${FIGURE(difference.low)}, ${FIGURE(difference.high)}] over ${difference.count} seeds`)}</title>`;
  parts.push(`<line x1="${x(difference.low)}" x2="${x(difference.high)}" y1="${middle}" y2="${middle}" class="interval">${title}</line>`);
  parts.push(`<circle cx="${x(difference.mean)}" cy="${middle}" r="5" class="mean">${title}</circle>`, '</g>');
  return parts;
}

export function renderDifferentialHtml(report: DifferentialReport): string {
  const rows = report.differences.map((_, index) => measureRow(report, index, MARGIN.top + index * ROW_HEIGHT));
  const percent = Math.round(report.provenance.level * 100);
  return renderChartPage({
    title: 'raftsim: differential run',
    heading: `${report.provenance.b} against ${report.provenance.a}`,
    style:
      '.name{text-anchor:end;dominant-baseline:middle;font-weight:bold}.none{dominant-baseline:middle;fill:#888}.axis{stroke:#444}.tick{text-anchor:middle}' +
      '.zero{stroke:#888;stroke-dasharray:4 3}.interval{stroke:#1f77b4;stroke-width:3}.mean{fill:#1f77b4}.provenance{font-family:monospace;font-size:12px;color:#444}',
    paragraphs: [
      ...provenanceLines(report.provenance).map((line) => `<p class="provenance">${escape(line)}</p>`),
      `<p>Each row is a measure: the dot is the mean over the seeds of b − a on the same seed, the bar its ${percent}% bootstrap interval, the dashed line no difference.</p>`,
    ],
    width: WIDTH,
    height: MARGIN.top + report.differences.length * ROW_HEIGHT + MARGIN.bottom,
    svg: rows.flat(),
  });
}
