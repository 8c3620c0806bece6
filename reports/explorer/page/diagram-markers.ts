/**
 * A small mark per record on its node's lane (or on the strip above the lanes for cluster-wide ones),
 * by kind: a dot for a role change, a cross for a crash, ticks for commits and writes, squares for
 * snapshots, "+n"/"−n" for membership changes. Marks closer than a pixel on one lane are drawn once.
 * A kind the page has no picture for is still shown, as a grey diamond.
 */
import type { Plot } from './plot.js';
import { TOP } from './plot.js';

const MARK: Readonly<Record<string, string>> = {
  roleChange: '#000',
  commit: '#1b8a2e',
  crash: '#000',
  restart: '#1060d0',
  pause: '#555',
  resume: '#1060d0',
  duplicate: '#d07000',
  propose: '#777',
  voteGranted: '#8030b0',
  logWrite: '#4070c0',
  termChange: '#a06000',
  compact: '#008c8c',
  installSnapshot: '#008c8c',
  membershipChange: '#0a7d3a',
  retire: '#3a4458',
  // Reads can come by the hundred a second: a faint tick each, above the lane when asked, below when answered.
  read: 'rgba(128, 60, 170, 0.35)',
  readAnswer: 'rgba(128, 60, 170, 0.35)',
};
const REFUSED_MARK = '#c62828';
/** Kinds drawn otherwise (as arrows, shading or lines) or not at all. */
const UNMARKED: ReadonlySet<string> = new Set(['tick', 'send', 'deliver', 'drop', 'apply', 'violation', 'partition', 'heal', 'cut']);

type MarkPainter = (plot: Plot, index: number, x: number, y: number) => void;

const PAINTERS: Readonly<Record<string, MarkPainter>> = {
  crash: ({ context }, _index, x, y) => context.fillText('\u2715', x - 4, y),
  duplicate: ({ context }, _index, x, y) => context.fillText('2\u00d7', x - 5, y - 12),
  commit: ({ context }, _index, x, y) => context.fillRect(x - 0.5, y + 5, 1.5, 5),
  logWrite: ({ context }, _index, x, y) => context.fillRect(x - 0.5, y - 10, 1.5, 4),
  roleChange: ({ context }, _index, x, y) => {
    context.beginPath();
    context.arc(x, y, 3, 0, Math.PI * 2);
    context.fill();
  },
  read: ({ context }, _index, x, y) => context.fillRect(x, y - 14, 1, 4),
  readAnswer: ({ context }, _index, x, y) => context.fillRect(x, y + 10, 1, 4),
  compact: ({ context }, _index, x, y) => {
    context.strokeStyle = MARK.compact!;
    context.lineWidth = 1.5;
    context.strokeRect(x - 3, y - 3, 6, 6);
  },
  installSnapshot: ({ context }, _index, x, y) => {
    context.fillRect(x - 4, y - 4, 8, 8);
    context.fillStyle = '#fff';
    context.fillRect(x - 1.5, y - 1.5, 3, 3);
  },
  retire: ({ context }, _index, x, y) => context.fillRect(x - 1, y - 12, 2.5, 24),
  membershipChange: (plot, index, x, y) => drawMembershipChange(plot, index, x, y),
};

function drawDiamond({ context }: Plot, x: number, y: number): void {
  context.beginPath();
  context.moveTo(x, y - 4);
  context.lineTo(x + 4, y);
  context.lineTo(x, y + 4);
  context.lineTo(x - 4, y);
  context.closePath();
  context.fill();
}

export function drawMarkers(plot: Plot): void {
  const { trace, viewer, context } = plot;
  const first = trace.firstAtOrAfter(viewer.viewFrom);
  const last = trace.lastAtOrBefore(viewer.viewTo);
  const lastX: number[] = [];
  for (let index = first; index <= last; index++) {
    const name = trace.kindName(index);
    if (UNMARKED.has(name)) continue;
    const node = trace.node[index]!;
    const lane = node >= 1 && node <= trace.nodeCount ? node : 0;
    const x = Math.round(plot.timeX(trace.time[index]!));
    const key = lane * 4096 + trace.kind[index]!;
    if (lastX[key] === x) continue;
    lastX[key] = x;
    const y = lane === 0 ? TOP - 7 : plot.laneY(lane);
    const known = Object.hasOwn(MARK, name);
    context.fillStyle = known ? MARK[name]! : '#909090';
    if (Object.hasOwn(PAINTERS, name)) PAINTERS[name]!(plot, index, x, y);
    else if (known) context.fillRect(x - 1.5, y - 1.5, 3, 3);
    else drawDiamond(plot, x, y);
  }
}

/** "+n4" or "−n1" by the leader asked, struck through when refused; an accepted change points to the server. */
function drawMembershipChange(plot: Plot, index: number, x: number, y: number): void {
  const { trace, context } = plot;
  const refused = trace.a[index] === 0;
  const peer = trace.peer[index]!;
  const label = (trace.b[index] === 1 ? '+' : '\u2212') + 'n' + peer;
  const colour = refused ? REFUSED_MARK : MARK.membershipChange!;
  if (!refused && peer >= 1 && peer <= trace.nodeCount && peer !== trace.node[index]) {
    context.strokeStyle = colour;
    context.lineWidth = 1.5;
    context.setLineDash([3, 3]);
    context.beginPath();
    context.moveTo(x, y);
    context.lineTo(x, plot.laneY(peer));
    context.stroke();
    context.setLineDash([]);
  }
  context.font = 'bold 11px system-ui, sans-serif';
  context.fillStyle = '#fff';
  const textWidth = context.measureText(label).width;
  context.fillRect(x + 3, y - 19, textWidth + 4, 12);
  context.fillStyle = colour;
  context.fillText(label, x + 5, y - 13);
  if (refused) context.fillRect(x + 4, y - 13.5, textWidth + 2, 1.2);
  context.font = '11px system-ui, sans-serif';
  context.beginPath();
  context.arc(x, y, 3.5, 0, Math.PI * 2);
  context.fill();
}
