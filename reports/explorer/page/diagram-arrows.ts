/**
 * Message arrows, from the sender's lane at the sending to the receiver's lane at the delivery; a
 * dropped message's arrow stops halfway with a cross. Above ARROW_LIMIT arrows in view, only every
 * k-th is drawn (drops always are), so a long run stays quick to draw.
 */
import { isHeartbeat } from './describe.js';
import type { Plot } from './plot.js';
import type { WireMessage } from './trace-data.js';

const ARROW_LIMIT = 2500;
/** Above this many arrows in view, the automatic filter leaves heartbeats and their replies out: at a whole run's zoom they are a wall. */
const AUTO_HEARTBEAT_LIMIT = 300;

/** How many arrows are in view, and how many of them were drawn. */
export interface ArrowCount {
  readonly drawn: number;
  readonly total: number;
}

// Heartbeats and the replies to appends are most of the traffic, and all of it once the clients stop:
// muted, but dark enough to stand out on every lane colour (a faint blue vanished on the follower bands).
const QUIET_ARROW = 'rgba(45, 65, 105, 0.6)';

function messageColour(message: WireMessage): string {
  if (message.type.indexOf('RequestVote') === 0) return message.preVote ? 'rgba(170, 110, 200, 0.8)' : 'rgba(130, 50, 180, 0.85)';
  if (isHeartbeat(message)) return QUIET_ARROW;
  if (message.type === 'AppendEntriesRequest') return 'rgba(20, 80, 200, 0.8)';
  if (message.type === 'AppendEntriesResponse') return QUIET_ARROW;
  if (message.type.indexOf('TimeoutNow') === 0) return 'rgba(220, 120, 0, 0.9)';
  if (message.type.indexOf('InstallSnapshot') === 0) return 'rgba(0, 140, 140, 0.95)';
  return 'rgba(90, 90, 90, 0.7)';
}

/** The arrows in view that the filter lets through. */
function visibleArrows(plot: Plot, arrows: Int32Array, longestFlight: number, filter: string): number[] {
  const { trace, viewer } = plot;
  // Arrows are sorted by sending time: those in view were sent after viewFrom minus the longest flight.
  let low = 0;
  let high = arrows.length;
  const from = viewer.viewFrom - longestFlight;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (trace.time[trace.ref[arrows[middle]!]!]! < from) low = middle + 1;
    else high = middle;
  }
  let last = low;
  while (last < arrows.length && trace.time[trace.ref[arrows[last]!]!]! <= viewer.viewTo) last++;
  const visible: number[] = [];
  for (let position = low; position < last; position++) {
    const index = arrows[position]!;
    if (trace.time[index]! < viewer.viewFrom) continue;
    const message = trace.detail[trace.ref[index]!] as WireMessage;
    if (filter === 'no-heartbeats' && isHeartbeat(message)) continue;
    visible.push(index);
  }
  if (filter !== 'auto' || visible.length <= AUTO_HEARTBEAT_LIMIT) return visible;
  // Replies to appends are as many as the heartbeats: at this zoom they go too, leaving votes and entries.
  return visible.filter((index) => {
    const message = trace.detail[trace.ref[index]!] as WireMessage;
    return !isHeartbeat(message) && message.type !== 'AppendEntriesResponse';
  });
}

export function drawArrows(plot: Plot, arrows: Int32Array, longestFlight: number, filter: string): ArrowCount {
  if (filter === 'none') return { drawn: 0, total: 0 };
  const { trace, context } = plot;
  const visible = visibleArrows(plot, arrows, longestFlight, filter);
  const stride = Math.max(1, Math.ceil(visible.length / ARROW_LIMIT));
  const dropKind = trace.header.kinds.indexOf('drop');
  let drawn = 0;
  context.lineWidth = 1;
  for (let at = 0; at < visible.length; at++) {
    const record = visible[at]!;
    const dropped = trace.kind[record] === dropKind;
    if (at % stride !== 0 && !dropped) continue;
    drawn++;
    drawArrow(plot, record, dropped);
  }
  return { drawn, total: visible.length };
}

function drawArrow(plot: Plot, record: number, dropped: boolean): void {
  const { trace, context } = plot;
  const sent = trace.ref[record]!;
  const message = trace.detail[sent] as WireMessage;
  const x0 = plot.timeX(trace.time[sent]!);
  const y0 = plot.laneY(trace.node[sent]!);
  let x1 = plot.timeX(trace.time[record]!);
  let y1 = plot.laneY(trace.peer[record]!);
  if (dropped) {
    y1 = y0 + (y1 - y0) * 0.5;
    x1 = Math.max(x1, x0 + 4);
  }
  context.strokeStyle = dropped ? '#d02020' : messageColour(message);
  context.lineWidth = message.type === 'InstallSnapshotRequest' ? 2.5 : 1;
  context.beginPath();
  context.moveTo(x0, y0);
  context.lineTo(x1, y1);
  context.stroke();
  if (dropped) {
    context.beginPath();
    context.moveTo(x1 - 3, y1 - 3);
    context.lineTo(x1 + 3, y1 + 3);
    context.moveTo(x1 + 3, y1 - 3);
    context.lineTo(x1 - 3, y1 + 3);
    context.stroke();
  } else if (x1 - x0 > 6) {
    const angle = Math.atan2(y1 - y0, x1 - x0);
    context.beginPath();
    context.moveTo(x1, y1);
    context.lineTo(x1 - 6 * Math.cos(angle - 0.4), y1 - 6 * Math.sin(angle - 0.4));
    context.moveTo(x1, y1);
    context.lineTo(x1 - 6 * Math.cos(angle + 0.4), y1 - 6 * Math.sin(angle + 0.4));
    context.stroke();
  }
}
