import seedrandom from 'seedrandom';

/**
 * A seeded stream of random numbers for one subsystem. Every subsystem (the network, the fault
 * schedule, the workload, each node's timer) gets its own stream derived from the root seed and the
 * subsystem's name, so an extra draw in one never reshuffles what another draws.
 */
export class RandomStream {
  private readonly generator: seedrandom.PRNG;
  /** Numbers drawn from the generator by peek() and not yet handed out, oldest at `aheadFrom`. */
  private readonly ahead: number[] = [];
  private aheadFrom = 0;

  constructor(rootSeed: number, name: string) {
    // Alea: fast, small state, and the same sequence on every platform for the same seed string.
    this.generator = seedrandom.alea(`raftsim/${rootSeed}/${name}`);
  }

  next(): number {
    // On the hot path: one comparison when nothing was peeked.
    return this.aheadFrom < this.ahead.length ? this.takeAhead() : this.generator();
  }

  /** The `count` numbers next() will return, without drawing them. */
  peek(count: number): number[] {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`peek: count must be a non-negative integer, not ${count}`);
    while (this.ahead.length - this.aheadFrom < count) this.ahead.push(this.generator());
    return this.ahead.slice(this.aheadFrom, this.aheadFrom + count);
  }

  private takeAhead(): number {
    const value = this.ahead[this.aheadFrom++]!;
    if (this.aheadFrom === this.ahead.length) {
      this.ahead.length = 0;
      this.aheadFrom = 0;
    }
    return value;
  }

  /** An integer drawn uniformly from [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `probability`. Draws nothing when the probability is 0 or 1. */
  chance(probability: number): boolean {
    if (probability <= 0) return false;
    if (probability >= 1) return true;
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A new array with the items in a random order (Fisher–Yates). */
  shuffled<T>(items: readonly T[]): T[] {
    const result = items.slice();
    for (let i = result.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const held = result[i]!;
      result[i] = result[j]!;
      result[j] = held;
    }
    return result;
  }
}

/** The names of the streams a simulation draws from. */
export const STREAM = {
  network: 'network',
  faults: 'faults',
  disk: 'disk',
  leaderCrashes: 'faults/leader-crashes',
  /** Picks of any-minority and any-majority. */
  faultPicks: 'faults/picks',
  /** The shared election-timer stream of nodes whose timers are aligned. */
  alignedTimers: (alignment: number) => `aligned-timers/${alignment}`,
  workload: 'workload',
  /** Attacks beyond Raft's fault model: which deliveries they act on and how. */
  attacks: 'attacks',
  /** Step timings a scenario gives as a range (`after: [100ms, 500ms]`), drawn as its timeline plays. */
  scenarioTiming: 'scenario/timing',
  nodeTimer: (node: number) => `node/${node}/timer`,
  nodeClockPhase: (node: number) => `node/${node}/clock-phase`,
} as const;
