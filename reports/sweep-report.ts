/**
 * What `raftsim experiment sweep` prints and writes: per setting and measure the mean over seeds with
 * its bootstrap interval, as a table, JSON, CSV, or a self-contained HTML page with one SVG chart per
 * measure. Every output carries the exact command, the raftsim version and the seeds, so that a figure
 * can be regenerated bit for bit.
 */
import type { MeanInterval, SweepResult } from '../scenarios/index.js';
import { niceAxis } from './chart-axis.js';
import { escapeText as escape, renderChartPage } from './chart-page.js';
import { alignColumns } from './text-table.js';

export interface SweepProvenance {
  readonly command: string;
  readonly version: string;
  readonly fromSeed: number;
  /** Seeds per setting. */
  readonly seeds: number;
  /** The scenario every seed ran, or null for each seed's swarm scenario. */
  readonly scenario: string | null;
  /** The implementation every run used: the reference, or a known bug. */
  readonly implementation: string;
  readonly resamples: number;
  readonly level: number;
}

export interface SweepReport {
  readonly provenance: SweepProvenance;
  readonly result: SweepResult;
}

const FIGURE = (value: number | null) => (value === null ? '—' : String(Math.round(value * 1000) / 1000));
const CELL = (value: number | null) => (value === null ? '' : String(value));

export function sweepProvenanceLines(provenance: SweepProvenance): string[] {
  const last = provenance.fromSeed + provenance.seeds - 1;
  const source = provenance.scenario === null ? 'swarm scenarios' : `scenario ${provenance.scenario}`;
  return [
    `command: ${provenance.command}`,
    `raftsim ${provenance.version} · ${provenance.implementation} · seeds ${provenance.fromSeed}–${last} (${provenance.seeds}) of ${source} at every setting · bootstrap ${provenance.resamples} resamples, ${Math.round(provenance.level * 100)}% intervals`,
  ];
}

/** "128.4 [121.9, 135.2] (98)": a mean, its interval and the seeds it is over. */
function describeInterval(summary: MeanInterval): string {
  if (summary.mean === null) return '— (0)';
  return `${FIGURE(summary.mean)} [${FIGURE(summary.low)}, ${FIGURE(summary.high)}] (${summary.count})`;
}

export function renderSweepText(report: SweepReport): string[] {
  const { result } = report;
  const header = [...result.parameters, ...result.measures];
  const rows = result.points.map((point) => [...point.point.labels, ...point.summaries.map(describeInterval)]);
  const lines = [...sweepProvenanceLines(report.provenance), 'each cell: mean [interval] (seeds with the measure)', ''];
  lines.push(...alignColumns([header, ...rows], result.parameters.length));
  return lines;
}

export function sweepToJson(report: SweepReport): Record<string, unknown> {
  const { result } = report;
  return {
    ...report.provenance,
    parameters: result.parameters,
    measures: result.measures,
    runs: result.runs,
    stoppedEarly: result.stoppedEarly,
    points: result.points.map((point) => ({
      settings: Object.fromEntries(result.parameters.map((name, index) => [name, point.point.labels[index]])),
      summaries: Object.fromEntries(result.measures.map((name, index) => [name, point.summaries[index]])),
      seedResults: point.runs.map((run) => ({
        seed: run.seed,
        ...Object.fromEntries(result.measures.map((name, index) => [name, run.values[index] ?? null])),
        traceHash: run.traceHash,
        failures: run.failures.map((failure) => `${failure.checker}: ${failure.message}`),
      })),
    })),
  };
}

/**
 * One row per setting and seed, so that any statistic can be computed again from the file; the
 * provenance and each setting's summary in `#` lines above, which CSV readers take as comments.
 */
export function sweepToCsv(report: SweepReport): string {
  const { result } = report;
  const summaries = result.points.flatMap((point) =>
    result.measures.map((name, index) => `${point.point.labels.map((label, at) => `${result.parameters[at]}=${label}`).join(' ')}: ${name} ${describeInterval(point.summaries[index]!)}`),
  );
  const comments = [...sweepProvenanceLines(report.provenance), ...summaries].map((line) => `# ${line}`);
  const header = [...result.parameters, 'seed', ...result.measures, 'traceHash', 'failures'];
  const rows = result.points.flatMap((point) =>
    point.runs.map((run) => [...point.point.labels.map(csvField), String(run.seed), ...run.values.map((value) => CELL(value ?? null)), run.traceHash, String(run.failures.length)]),
  );
  return `${[...comments, header.join(','), ...rows.map((row) => row.join(','))].join('\n')}\n`;
}

/** A label holds no comma of its own (values are split on commas), but may hold a quote-worthy character. */
function csvField(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const WIDTH = 820;
const PANEL_HEIGHT = 280;
const MARGIN = { left: 70, right: 20, top: 36, bottom: 70 } as const;

/** One panel per measure: each setting's mean as a dot, its interval as a bar. */
function measurePanel(report: SweepReport, measure: number, offsetY: number): string[] {
  const { result } = report;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = PANEL_HEIGHT - MARGIN.top - MARGIN.bottom;
  const summaries = result.points.map((point) => point.summaries[measure]!);
  const bounds = summaries.flatMap((summary) => [summary.low, summary.high, summary.mean]).filter((value): value is number => value !== null);
  const axis = niceAxis(bounds.length === 0 ? 0 : Math.min(0, ...bounds), bounds.length === 0 ? 1 : Math.max(...bounds));
  const y = (value: number) => (offsetY + MARGIN.top + (1 - (value - axis.from) / (axis.to - axis.from)) * plotHeight).toFixed(1);
  const slot = plotWidth / Math.max(1, result.points.length);
  const x = (index: number) => (MARGIN.left + slot * (index + 0.5)).toFixed(1);
  const parts = [`<g class="panel">`, `<text x="${MARGIN.left}" y="${offsetY + 20}" class="title">${escape(result.measures[measure]!)}</text>`];
  parts.push(`<rect x="${MARGIN.left}" y="${offsetY + MARGIN.top}" width="${plotWidth}" height="${plotHeight}" class="frame"/>`);
  for (const tick of axis.ticks) {
    parts.push(`<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(tick)}" y2="${y(tick)}" class="grid"/>`);
    parts.push(`<text x="${MARGIN.left - 6}" y="${y(tick)}" class="ylabel">${FIGURE(tick)}</text>`);
  }
  summaries.forEach((summary, index) => {
    const label = result.points[index]!.point.labels.join(' · ');
    parts.push(`<text x="${x(index)}" y="${offsetY + MARGIN.top + plotHeight + 16}" class="xlabel" transform="rotate(20 ${x(index)} ${offsetY + MARGIN.top + plotHeight + 16})">${escape(label)}</text>`);
    if (summary.mean === null) return;
    parts.push(`<line x1="${x(index)}" x2="${x(index)}" y1="${y(summary.low!)}" y2="${y(summary.high!)}" class="interval"><title>${escape(`${label}: ${describeInterval(summary)}`)}</title></line>`);
    parts.push(`<circle cx="${x(index)}" cy="${y(summary.mean)}" r="4" class="mean"><title>${escape(`${label}: ${describeInterval(summary)}`)}</title></circle>`);
  });
  parts.push('</g>');
  return parts;
}

export function renderSweepHtml(report: SweepReport): string {
  const { result } = report;
  const panels = result.measures.map((_, measure) => measurePanel(report, measure, measure * PANEL_HEIGHT));
  const height = PANEL_HEIGHT * result.measures.length;
  const provenance = sweepProvenanceLines(report.provenance).map((line) => `<p class="provenance">${escape(line)}</p>`);
  return renderChartPage({
    title: 'raftsim: parameter sweep',
    heading: `Sweep over ${result.parameters.join(', ')}`,
    style:
      '.title{font-weight:bold;font-size:14px}.frame{fill:none;stroke:#444}.grid{stroke:#ddd}.ylabel{text-anchor:end;dominant-baseline:middle}.xlabel{text-anchor:start}' +
      '.interval{stroke:#1f77b4;stroke-width:2}.mean{fill:#1f77b4}.provenance{font-family:monospace;font-size:12px;color:#444}',
    paragraphs: [
      ...provenance,
      '<p>Each dot is the mean of a measure over the seeds at one setting; its bar the bootstrap interval. Every setting ran the same seeds, so the same fault schedules.</p>',
    ],
    width: WIDTH,
    height,
    svg: panels.flat(),
  });
}
