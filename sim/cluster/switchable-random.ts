import type { RandomSource } from '../../core/random.js';

/**
 * The randomness a node is handed: its own stream, which the simulator can swap for another (a stream
 * shared in content with other nodes, to align their election timers) and back, without the node knowing.
 */
export class SwitchableRandom implements RandomSource {
  private current: RandomSource;

  constructor(readonly own: RandomSource) {
    this.current = own;
  }

  next(): number {
    return this.current.next();
  }

  use(source: RandomSource | null): void {
    this.current = source ?? this.own;
  }
}
