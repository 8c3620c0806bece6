/**
 * Which corpus entry a mutant grows from. An entry's weight is the inverse of how many runs reached its
 * rarest feature: the scenarios that alone reach something are mutated most, since their neighbours are
 * where the least explored behaviour lies (AFL's favoured entries and the rarity schedules of later
 * greybox fuzzers make the same bet).
 */
import type { RandomStream } from '../../sim/index.js';
import type { CorpusEntry } from './corpus.js';

export function entryWeight(entry: CorpusEntry, featureRuns: ReadonlyMap<string, number>): number {
  let rarest = Number.POSITIVE_INFINITY;
  for (const feature of entry.features) rarest = Math.min(rarest, featureRuns.get(feature) ?? 1);
  return rarest === Number.POSITIVE_INFINITY ? 0 : 1 / rarest;
}

/** An entry drawn by weight; entries are taken in corpus order, so the same state and stream pick the same one. */
export function pickEntry(entries: readonly CorpusEntry[], featureRuns: ReadonlyMap<string, number>, random: RandomStream): CorpusEntry {
  if (entries.length === 0) throw new RangeError('pickEntry: the corpus is empty');
  const weights = entries.map((entry) => entryWeight(entry, featureRuns));
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) return random.pick(entries);
  let left = random.next() * total;
  for (const [index, weight] of weights.entries()) {
    left -= weight;
    if (left < 0) return entries[index]!;
  }
  return entries[entries.length - 1]!;
}
