/**
 * What `raftsim diff` prints and writes: the paired differences as a table, JSON or CSV, each carrying
 * the exact command line, the raftsim version and the seeds, so that a figure can be regenerated.
 */
import type { DifferentialSeed, MeasureDifference, SeedMeasure, VariantFailure } from '../scenarios/index.js';
import type { TraceRecord } from '../sim/index.js';
import { ROLE_NAMES, TRACE_KIND_NAMES, TraceKind } from '../sim/index.js';
import { alignColumns } from './text-table.js';

/** Everything a differential run's outputs state about how it was made. */
export interface DifferentialProvenance {
  readonly command: string;
  readonly version: string;
  readonly fromSeed: number;
  readonly seeds: number;
  /** The scenario every seed ran, or null for each seed's swarm scenario. */
  readonly scenario: string | null;
  readonly a: string;
  readonly b: string;
  readonly resamples: number;
  readonly level: number;
}

export interface DifferentialReport {
  readonly provenance: DifferentialProvenance;
  readonly seeds: readonly DifferentialSeed[];
  /** Each seed's measures (seedMeasures), in the order of `seeds`. */
  readonly measures: readonly (readonly SeedMeasure[])[];
  readonly differences: readonly MeasureDifference[];
}

/** A run's failed check, named for the listing: the seed, the side and the check. */
export interface DifferentialFailure {
  readonly seed: number;
  readonly variant: 'a' | 'b';
  readonly failure: VariantFailure;
}

export function differentialFailures(seeds: readonly DifferentialSeed[]): DifferentialFailure[] {
  return seeds.flatMap((seed) => [
    ...seed.a.failures.map((failure) => ({ seed: seed.seed, variant: 'a' as const, failure })),
    ...seed.b.failures.map((failure) => ({ seed: seed.seed, variant: 'b' as const, failure })),
  ]);
}

/** "tick node 2 at 153.5 ms": a trace record as one phrase. */
export function describeRecord(record: TraceRecord | null): string {
  if (record === null) return 'the end of its trace';
  const at = `at ${record.timeUs / 1000} ms`;
  if (record.kind === TraceKind.roleChange) return `node ${record.node} became ${ROLE_NAMES[record.a] ?? `role ${record.a}`} ${at}`;
  if (record.kind === TraceKind.termChange) return `node ${record.node} moved to term ${record.a} ${at}`;
  const peer = record.peer === 0 ? '' : ` → ${record.peer}`;
  return `${TRACE_KIND_NAMES[record.kind] ?? `kind ${record.kind}`} node ${record.node}${peer} (a=${record.a}, b=${record.b}) ${at}`;
}

const FIGURE = (value: number | null) => (value === null ? '—' : String(Math.round(value * 1000) / 1000));

export function renderDifferentialText(report: DifferentialReport, seedsShown: number): string[] {
  const { provenance } = report;
  const percent = Math.round(provenance.level * 100);
  const lines = [...provenanceLines(provenance), ''];
  const rows = [['measure', 'a mean', 'b mean', 'b − a', `${percent}% interval`, 'seeds']];
  for (const row of report.differences) {
    const interval = row.difference.low === null ? '—' : `[${FIGURE(row.difference.low)}, ${FIGURE(row.difference.high)}]`;
    rows.push([row.measure, FIGURE(row.meanA), FIGURE(row.meanB), FIGURE(row.difference.mean), interval, String(row.difference.count)]);
  }
  lines.push(...alignColumns(rows, 1), '');
  const unmeasured = unmeasuredSeeds(report.seeds);
  if (unmeasured.length > 0) {
    lines.push(`${unmeasured.length} of ${report.seeds.length} seeds left out of every row: a variant's run did not finish on them (${unmeasured.slice(0, seedsShown).join(', ')}${unmeasured.length > seedsShown ? ', …' : ''})`, '');
  }
  const diverged = report.seeds.filter((seed) => seed.divergence !== null);
  lines.push(`the runs diverged on ${diverged.length} of ${report.seeds.length} seeds${diverged.length === 0 ? '' : '; first divergence:'}`);
  for (const seed of diverged.slice(0, seedsShown)) {
    const divergence = seed.divergence!;
    const [a, b] = [describeRecord(divergence.a), describeRecord(divergence.b)];
    // The same kind, node and numbers, parted by what the record carries (a message's entries, say).
    const where = a === b ? `both ${a}, carrying different contents` : `a ${a}; b ${b}`;
    lines.push(`  seed ${seed.seed}: event ${divergence.index}: ${where}`);
  }
  if (diverged.length > seedsShown) lines.push(`  … and ${diverged.length - seedsShown} more (--json or --csv lists every seed)`);
  return lines;
}

/**
 * The seeds on which a variant's run never finished (its implementation hung, ran out of memory or
 * ended its thread): nothing was measured on that side, so the seed is in none of the paired figures.
 */
export function unmeasuredSeeds(seeds: readonly DifferentialSeed[]): number[] {
  return seeds.filter((seed) => seed.a.statistics.measured === false || seed.b.statistics.measured === false).map((seed) => seed.seed);
}

export function provenanceLines(provenance: DifferentialProvenance): string[] {
  const last = provenance.fromSeed + provenance.seeds - 1;
  return [
    `command: ${provenance.command}`,
    `raftsim ${provenance.version} · seeds ${provenance.fromSeed}–${last} (${provenance.seeds}) of ${provenance.scenario === null ? 'swarm scenarios' : `scenario ${provenance.scenario}`} · bootstrap ${provenance.resamples} resamples`,
    `a: ${provenance.a}`,
    `b: ${provenance.b}`,
  ];
}


export function differentialToJson(report: DifferentialReport): Record<string, unknown> {
  return {
    ...report.provenance,
    differences: report.differences,
    seedResults: report.seeds.map((seed, index) => ({
      seed: seed.seed,
      divergence: seed.divergence === null ? null : { event: seed.divergence.index, a: describeRecord(seed.divergence.a), b: describeRecord(seed.divergence.b) },
      a: variantJson(seed.a, report.measures[index]!, 'a'),
      b: variantJson(seed.b, report.measures[index]!, 'b'),
    })),
  };
}

function variantJson(run: DifferentialSeed['a'], measures: readonly SeedMeasure[], side: 'a' | 'b'): Record<string, unknown> {
  const values = Object.fromEntries(measures.map((measure) => [measure.measure, measure[side]]));
  const unfinished = run.statistics.measured === false ? { measured: false } : {};
  return { ...values, events: run.events, traceHash: run.traceHash, ...unfinished, failures: run.failures.map((failure) => `${failure.checker}: ${failure.message}`) };
}

/** One row per seed; the provenance and the summary in `#` lines above, which CSV readers take as comments. */
export function differentialToCsv(report: DifferentialReport): string {
  const comments = [...provenanceLines(report.provenance), ...report.differences.map(summaryComment)].map((line) => `# ${line}`);
  const names = report.differences.map((row) => row.measure);
  const header = ['seed', ...names.flatMap((name) => [`${name}A`, `${name}B`, `${name}Difference`]), 'divergenceEvent', 'failuresA', 'failuresB'];
  const cell = (value: number | null) => (value === null ? '' : String(value));
  const rows = report.seeds.map((seed, index) => {
    const cells = report.measures[index]!.flatMap(({ a, b, difference }) => [cell(a), cell(b), cell(difference)]);
    return [String(seed.seed), ...cells, seed.divergence === null ? '' : String(seed.divergence.index), String(seed.a.failures.length), String(seed.b.failures.length)];
  });
  return `${[...comments, header.join(','), ...rows.map((row) => row.join(','))].join('\n')}\n`;
}

function summaryComment(row: MeasureDifference): string {
  const interval = row.difference.low === null ? 'no pairs' : `[${FIGURE(row.difference.low)}, ${FIGURE(row.difference.high)}]`;
  return `${row.measure}: b − a = ${FIGURE(row.difference.mean)} ${interval} over ${row.difference.count} seeds`;
}
