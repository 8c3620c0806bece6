/** Pure quorum arithmetic; imports nothing so that every layer can use it. */

export function majority(clusterSize: number): number {
  return Math.floor(clusterSize / 2) + 1;
}

/**
 * The highest index that a majority of the cluster holds: sorted in descending order, the match indexes
 * have it at position quorum - 1. `matchIndexes` holds one value per member; `quorum` is the number of
 * members that make a majority (⌊n/2⌋ + 1 unless told).
 */
export function quorumMatchIndex(matchIndexes: readonly number[], quorum = majority(matchIndexes.length)): number {
  // That value is the one with fewer than `quorum` values above it and at least `quorum` at or above
  // it. Counting finds it without a sorted copy: a leader asks after acknowledgements, and a
  // configuration has a handful of members.
  if (!Number.isInteger(quorum)) throw new Error('quorumMatchIndex needs at least one member');
  for (let candidate = 0; candidate < matchIndexes.length; candidate++) {
    const value = matchIndexes[candidate]!;
    let above = 0;
    let atOrAbove = 0;
    for (let other = 0; other < matchIndexes.length; other++) {
      const otherValue = matchIndexes[other]!;
      if (otherValue > value) above++;
      if (otherValue >= value) atOrAbove++;
    }
    if (above < quorum && atOrAbove >= quorum) return value;
  }
  throw new Error('quorumMatchIndex needs at least one member');
}
