/**
 * The kinds of events a simulation schedules, and what each carries. The engine (engine/) orders and
 * hands them out; the Simulation passes each to the part it belongs to.
 */
import type { Message } from '../core/messages.js';
import type { EventLoop, ScheduledEvent, Scheduler } from './engine/event-loop.js';
import { STOPPED_TICK } from './engine/event-loop.js';
import type { NodeHost } from './cluster/host.js';

export const EventKind = {
  /** A tick of a stopped chain (subject: the node, tag: the chain's generation); it does nothing. */
  stoppedTick: STOPPED_TICK,
  /** subject: the target; tag: its incarnation when sent; a: the send's trace record; b: the sender's incarnation, or -1. */
  deliver: 1,
  client: 2,
  /** tag: the fault action's index. */
  fault: 3,
  /** subject: the leader; tag: the incarnation the crash applies to. */
  crashLeader: 4,
  /** subject: the node; tag: the incarnation the restart applies to. */
  restartNode: 5,
  /** tag: the index of the undo. */
  undo: 6,
  /** subject: the node; tag: its incarnation when the write began. */
  diskWritten: 7,
  clientRead: 8,
  retire: 9,
  /** A key-value client's wake-up (sim/kv/kv-clients.ts). subject: the client; tag: the wake-up's generation. */
  kvClient: 10,
} as const;

export type SimulationEvent = ScheduledEvent<Message>;
export type SimulationScheduler = Scheduler<Message>;
export type SimulationLoop = EventLoop<Message, NodeHost>;
