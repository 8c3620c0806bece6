/**
 * The only source of randomness a node may use. The host hands each node its own stream, so a run is
 * a function of its seed and an extra draw by one node never changes what another draws.
 */
export interface RandomSource {
  /** A number in [0, 1). */
  next(): number;
}

/** An integer drawn uniformly from [min, max]. */
export function randomIntInclusive(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random.next() * (max - min + 1));
}
