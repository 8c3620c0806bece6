/**
 * Measures of one seed's run, each a single number per seed (or null when the run has none), so that
 * the seeds are the unit of resampling: samples inside one run (two elections of the same seed) are not
 * independent, seeds are. Differential runs pair them by seed; sweeps average them per setting.
 */
import type { SeedStatistics } from './seed-statistics.js';

/** What a measure reads: the run's statistics and how long it ran. */
export interface MeasuredRun {
  readonly statistics: SeedStatistics;
  readonly virtualMs: number;
}

export interface SeedMeasureDefinition {
  readonly name: string;
  /** What the measure counts, for tables' headers, the README and the help text. */
  readonly description: string;
  /** The measure of one run; null when the run has none (no commit, so no commit latency): the seed then drops out. */
  readonly of: (run: MeasuredRun) => number | null;
}

const total = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0);
/** The mean of the values, or null when there are none. */
export const meanOrNull = (values: readonly number[]): number | null => (values.length === 0 ? null : total(values) / values.length);
const measured = (run: MeasuredRun) => run.statistics.measured !== false;

export const SEED_MEASURES: readonly SeedMeasureDefinition[] = [
  {
    name: 'electionTimeMs',
    description: 'mean ms from a leader failure (crash or cut off) to the next leader, over the failures of the run',
    of: (run) => (measured(run) ? meanOrNull(run.statistics.electionTimesMs) : null),
  },
  {
    name: 'availabilityPercent',
    description: 'share of the run, in %, in which a leader could commit (after the first leader)',
    of: (run) => (!measured(run) || run.virtualMs === 0 ? null : 100 * (1 - total(run.statistics.unavailabilityWindowsMs) / run.virtualMs)),
  },
  { name: 'unavailableMs', description: 'ms in which no leader could commit, after the first leader', of: (run) => (measured(run) ? total(run.statistics.unavailabilityWindowsMs) : null) },
  { name: 'commitLatencyMs', description: 'mean ms from a proposal to its commit', of: (run) => (measured(run) ? meanOrNull(run.statistics.commitLatenciesMs) : null) },
  { name: 'elections', description: 'terms in which some node stood for election', of: (run) => (measured(run) ? run.statistics.electionTerms : null) },
  { name: 'leaderChanges', description: 'terms in which a leader was elected', of: (run) => (measured(run) ? run.statistics.leadersElected : null) },
  { name: 'splitVotes', description: 'elections that ended without a leader because the votes were split', of: (run) => (measured(run) ? run.statistics.splitVotes : null) },
  { name: 'messagesSent', description: 'messages sent', of: (run) => (measured(run) ? run.statistics.messagesSent : null) },
  {
    name: 'messagesPerEntry',
    description: 'messages sent per committed entry',
    of: (run) => (!measured(run) || run.statistics.committedEntries === 0 ? null : run.statistics.messagesSent / run.statistics.committedEntries),
  },
];

export const SEED_MEASURE_NAMES: readonly string[] = SEED_MEASURES.map((measure) => measure.name);

export function findSeedMeasure(name: string): SeedMeasureDefinition | undefined {
  return SEED_MEASURES.find((measure) => measure.name === name);
}

/** The measures of the given names, in the given order; throws on a name that is none. */
export function seedMeasuresNamed(names: readonly string[]): SeedMeasureDefinition[] {
  return names.map((name) => {
    const measure = findSeedMeasure(name);
    if (measure === undefined) throw new RangeError(`seedMeasuresNamed: ${JSON.stringify(name)} is not a measure (${SEED_MEASURE_NAMES.join(', ')})`);
    return measure;
  });
}
