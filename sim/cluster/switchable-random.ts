import type { RandomSource } from '../../core/random.js';

/** A source that can also show the numbers it will give next (every stream the simulator makes can). */
export type PeekableRandom = RandomSource & { peek(count: number): readonly number[] };

/**
 * The randomness a node is handed: its own stream, which the simulator can swap for another (a stream
 * shared in content with other nodes, to align their election timers) and back, without the node knowing.
 */
export class SwitchableRandom implements RandomSource {
  private current: PeekableRandom;

  constructor(readonly own: PeekableRandom) {
    this.current = own;
  }

  next(): number {
    return this.current.next();
  }

  /** The current source's next numbers: a switch between two calls of the node changes what it shows. */
  peek(count: number): readonly number[] {
    return this.current.peek(count);
  }

  use(source: PeekableRandom | null): void {
    this.current = source ?? this.own;
  }
}
