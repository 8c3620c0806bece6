/**
 * How protocol coverage grew over an exploration's seeds (or a guided exploration's runs): the number of
 * features reached so far against the runs made, one step per run that reached something new. Where the
 * line goes flat, more runs of the same kind stop reaching behaviour the measure tells apart.
 */
import type { SeedStatisticsTable } from '../scenarios/index.js';
import { escapeText, renderChartPage } from './chart-page.js';

const WIDTH = 760;
const HEIGHT = 380;
const MARGIN = { top: 20, right: 20, bottom: 46, left: 60 };

/** Rounded up to 1, 2 or 5 times a power of ten, for an axis's end and its ticks. */
function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value) ?? 10 * power);
}

export function renderCoverageChartHtml(table: SeedStatisticsTable): string {
  const points = table.records.map((record, index) => ({ run: index + 1, soFar: Number(record.coverageSoFar ?? 0) }));
  const runs = Math.max(1, points.length);
  const top = niceCeiling(Math.max(1, ...points.map((point) => point.soFar)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (run: number) => (MARGIN.left + (run / runs) * plotWidth).toFixed(1);
  const y = (features: number) => (MARGIN.top + (1 - features / top) * plotHeight).toFixed(1);
  const svg = [`<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" class="frame"/>`];
  for (let tick = 0; tick <= 4; tick++) {
    const features = (top * tick) / 4;
    svg.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(features)}" y2="${y(features)}" class="grid"/>`);
    svg.push(`<text x="${MARGIN.left - 6}" y="${y(features)}" class="ylabel">${Math.round(features)}</text>`);
    const run = Math.round((runs * tick) / 4);
    svg.push(`<text x="${x(run)}" y="${MARGIN.top + plotHeight + 16}" class="xlabel">${run}</text>`);
  }
  svg.push(`<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 8}" class="axis">runs</text>`);
  svg.push(`<text x="16" y="${MARGIN.top + plotHeight / 2}" class="axis" transform="rotate(-90 16 ${MARGIN.top + plotHeight / 2})">features reached so far</text>`);
  // A step line: the total holds from one run to the next and rises at the run that reached more.
  const line: string[] = [`${x(0)},${y(0)}`];
  let last = 0;
  for (const point of points) {
    line.push(`${x(point.run)},${y(last)}`, `${x(point.run)},${y(point.soFar)}`);
    last = point.soFar;
  }
  svg.push(`<polyline points="${line.join(' ')}" class="growth"/>`);
  const first = table.records[0]?.seed;
  const lastSeed = table.records[table.records.length - 1]?.seed;
  const caption = `${points.length} runs${first === undefined ? '' : ` (${String(first)}–${String(lastSeed)})`}, ${last} protocol-coverage features reached (see docs/coverage.md).`;
  return renderChartPage({
    title: 'raftsim: protocol coverage over runs',
    heading: 'Protocol coverage over runs',
    style: '.frame{fill:none;stroke:#444}.grid{stroke:#ddd}.growth{fill:none;stroke:#1f77b4;stroke-width:1.8}.ylabel{text-anchor:end;dominant-baseline:middle}.xlabel,.axis{text-anchor:middle}',
    paragraphs: [`<p>${escapeText(caption)}</p>`],
    width: WIDTH,
    height: HEIGHT,
    svg,
  });
}
