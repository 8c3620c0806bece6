/**
 * The only source of randomness a node may use. The host hands each node its own stream, so a run is
 * a function of its seed and an extra draw by one node never changes what another draws.
 */
export interface RandomSource {
  /** A number in [0, 1). */
  next(): number;
  /**
   * Optional: the `count` numbers next() will return, without drawing them. A host that speaks to a
   * node in another process sends them ahead with each call, so the node draws what it would have drawn
   * in process and nothing more (docs/protocol.md).
   */
  peek?(count: number): readonly number[];
}

/** An integer drawn uniformly from [min, max]. */
export function randomIntInclusive(random: RandomSource, min: number, max: number): number {
  return min + Math.floor(random.next() * (max - min + 1));
}
