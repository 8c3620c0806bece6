/** Pure quorum arithmetic; imports nothing so that every layer can use it. */

export function majority(clusterSize: number): number {
  return Math.floor(clusterSize / 2) + 1;
}

/**
 * The highest index that a majority of the cluster holds: sort the match indexes in descending order
 * and take the one at position quorum - 1. `matchIndexes` holds one value per member; `quorum` is the
 * number of members that make a majority (⌊n/2⌋ + 1 unless told).
 */
export function quorumMatchIndex(matchIndexes: readonly number[], quorum = majority(matchIndexes.length)): number {
  const sorted = matchIndexes.slice().sort((a, b) => b - a);
  const value = sorted[quorum - 1];
  if (value === undefined) throw new Error('quorumMatchIndex needs at least one member');
  return value;
}
