/**
 * The pending ticks of periodic subjects (in a simulation, the nodes), in the order of the event queue
 * (time, then sequence number), as a list threaded through the subjects themselves. Ticks are most of a
 * run's events. Kept here, a tick costs no allocation and no heap operation; and a subject that ticks is
 * rescheduled a period later, almost always behind every other pending tick, so inserting from the back
 * finds its place in a step or two.
 */
import { comesFirst } from './event-queue.js';

/** What a subject that ticks carries for the event loop. */
export interface TickingSubject<Self> {
  /** Stands in for the subject in the event a stopped tick leaves in the queue. */
  readonly id: number;
  /** Bumped whenever the tick chain restarts, so that a superseded chain dies out. */
  tickGeneration: number;
  /** The live chain's next tick is in the list. */
  tickPending: boolean;
  nextTickUs: number;
  nextTickSequence: number;
  /** Neighbours in the list. */
  earlierTick: Self | null;
  laterTick: Self | null;
}

export class PendingTicks<Subject extends TickingSubject<Subject>> {
  first: Subject | null = null;
  private last: Subject | null = null;

  insert(subject: Subject): void {
    let earlier = this.last;
    while (earlier !== null && comesFirst(subject.nextTickUs, subject.nextTickSequence, earlier.nextTickUs, earlier.nextTickSequence)) {
      earlier = earlier.earlierTick;
    }
    const later = earlier === null ? this.first : earlier.laterTick;
    subject.earlierTick = earlier;
    subject.laterTick = later;
    if (earlier === null) this.first = subject;
    else earlier.laterTick = subject;
    if (later === null) this.last = subject;
    else later.earlierTick = subject;
    subject.tickPending = true;
  }

  remove(subject: Subject): void {
    const earlier = subject.earlierTick;
    const later = subject.laterTick;
    if (earlier === null) this.first = later;
    else earlier.laterTick = later;
    if (later === null) this.last = earlier;
    else later.earlierTick = earlier;
    subject.earlierTick = null;
    subject.laterTick = null;
    subject.tickPending = false;
  }
}
