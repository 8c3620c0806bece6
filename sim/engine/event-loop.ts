/**
 * The discrete-event engine, which knows nothing of what it simulates: a virtual clock in microseconds
 * and events in a total order (time, then the order of scheduling). Periodic ticks, most of the events,
 * wait in a list of their own (PendingTicks), the rest in a queue; the next event is the earlier of the
 * two heads. Each event goes to the handler the engine is given. A run is bounded by its end time and
 * its maximum number of events.
 */
import { emptyObjectArray } from './empty-array.js';
import { comesFirst, EventQueue } from './event-queue.js';
import type { QueuedEvent } from './event-queue.js';
import { PendingTicks } from './pending-ticks.js';
import type { TickingSubject } from './pending-ticks.js';

/** The kind of the event a stopped tick leaves in the queue (see stopTicks); other kinds are the handler's. */
export const STOPPED_TICK = 0;

/**
 * A queued event. Handled events are reused for later ones (see spareEvents), so the fields change.
 * What `subject`, `tag`, `payload`, `a` and `b` mean, the kind says.
 */
export class ScheduledEvent<Payload> implements QueuedEvent {
  constructor(
    public timeUs: number,
    public sequence: number,
    public kind: number,
    public subject: number,
    public tag: number,
    public payload: Payload | null,
    public a: number,
    public b: number,
  ) {}
}

export interface EventHandler<Payload, Ticking> {
  /** The subject's live tick chain has come to its next tick. */
  handleTick(subject: Ticking): void;
  handleEvent(event: ScheduledEvent<Payload>): void;
  /** An exception out of either: rethrown unless the handler reports it as the run's outcome. */
  handleThrown(error: unknown): void;
}

/** completed: the end time was reached; event-limit: the event bound was; violation: the run was stopped. */
export type LoopOutcome = 'completed' | 'event-limit' | 'violation';

/** What parts of a simulation see of the engine: the clock and the scheduling of events. */
export interface Scheduler<Payload> {
  readonly nowUs: number;
  /** Returns false, scheduling nothing, when the queue is full. */
  schedule(timeUs: number, kind: number, subject: number, tag: number, payload: Payload | null, a?: number, b?: number): boolean;
}

export class EventLoop<Payload, Ticking extends TickingSubject<Ticking>> implements Scheduler<Payload> {
  nowUs = 0;
  eventCount = 0;
  outcome: LoopOutcome | null = null;
  private nextSequence = 0;
  private readonly queue: EventQueue<ScheduledEvent<Payload>>;
  private readonly pendingTicks = new PendingTicks<Ticking>();
  /**
   * Events already handled, for reuse: a run schedules one per message sent, and reusing them keeps
   * that many objects away from the garbage collector. Bounded by the most events ever queued at once.
   */
  private readonly spareEvents = emptyObjectArray<ScheduledEvent<Payload>>();
  /** Set once, by whoever wires the simulation, before the first step. */
  handler: EventHandler<Payload, Ticking> | null = null;

  constructor(
    private readonly endUs: number,
    private readonly maxEvents: number,
    queueCapacity: number,
  ) {
    this.queue = new EventQueue(queueCapacity);
  }

  /** The time of the next event, or Infinity when none is pending. */
  nextEventTimeUs(): number {
    const event = this.queue.peek();
    const ticking = this.pendingTicks.first;
    const queued = event === undefined ? Infinity : event.timeUs;
    const tick = ticking === null ? Infinity : ticking.nextTickUs;
    return Math.min(queued, tick);
  }

  /** Handles the next event; returns false, with the outcome set, once the run is over. */
  step(): boolean {
    if (this.outcome !== null) return false;
    // The next event is the first pending tick or the queue's first event, whichever comes first.
    const event = this.queue.peek();
    const ticking = this.pendingTicks.first;
    const tickFirst =
      ticking !== null && (event === undefined || comesFirst(ticking.nextTickUs, ticking.nextTickSequence, event.timeUs, event.sequence));
    const nextUs = tickFirst ? ticking.nextTickUs : event === undefined ? null : event.timeUs;
    if (nextUs === null || nextUs > this.endUs) {
      this.nowUs = this.endUs;
      this.outcome = 'completed';
      return false;
    }
    if (this.eventCount >= this.maxEvents) {
      this.outcome = 'event-limit';
      return false;
    }
    if (!tickFirst) this.queue.pop();
    this.nowUs = nextUs;
    this.eventCount++;
    const handler = this.handler!;
    try {
      if (tickFirst) handler.handleTick(ticking);
      else handler.handleEvent(event!);
    } catch (error) {
      handler.handleThrown(error);
    }
    if (!tickFirst) this.spare(event!);
    return true;
  }

  schedule(timeUs: number, kind: number, subject: number, tag: number, payload: Payload | null, a = -1, b = -1): boolean {
    return this.enqueue(timeUs, this.nextSequence++, kind, subject, tag, payload, a, b);
  }

  /** Starts the subject's tick chain afresh, its first tick `firstDelayUs` from now. */
  scheduleTicks(subject: Ticking, firstDelayUs: number): void {
    this.stopTicks(subject);
    this.setNextTick(subject, this.nowUs + firstDelayUs);
  }

  /**
   * Ends the subject's tick chain. A tick still pending moves to the queue, where it comes up at its time
   * and does nothing, so that it counts as an event just as it did while it was queued.
   */
  stopTicks(subject: Ticking): void {
    if (subject.tickPending) {
      this.pendingTicks.remove(subject);
      this.enqueue(subject.nextTickUs, subject.nextTickSequence, STOPPED_TICK, subject.id, subject.tickGeneration, null, -1, -1);
    }
    subject.tickGeneration++;
  }

  /** Schedules the subject's next tick; a sequence number taken now puts it in the order a queued event would have. */
  setNextTick(subject: Ticking, atUs: number): void {
    if (subject.tickPending) this.pendingTicks.remove(subject);
    subject.nextTickUs = atUs;
    subject.nextTickSequence = this.nextSequence++;
    this.pendingTicks.insert(subject);
  }

  private enqueue(timeUs: number, sequence: number, kind: number, subject: number, tag: number, payload: Payload | null, a: number, b: number): boolean {
    const event = this.spareEvents.pop();
    if (event === undefined) return this.queue.push(new ScheduledEvent(timeUs, sequence, kind, subject, tag, payload, a, b));
    event.timeUs = timeUs;
    event.sequence = sequence;
    event.kind = kind;
    event.subject = subject;
    event.tag = tag;
    event.payload = payload;
    event.a = a;
    event.b = b;
    if (this.queue.push(event)) return true;
    this.spare(event);
    return false;
  }

  private spare(event: ScheduledEvent<Payload>): void {
    event.payload = null;
    this.spareEvents.push(event);
  }
}
