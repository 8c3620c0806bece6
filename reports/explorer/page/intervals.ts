/**
 * What the diagram draws as spans and lists, gathered in one pass over the trace through the cluster
 * fold: each node's role bands (a role in a term), its down spans (crashed, paused, retired, a spare),
 * the network faults, the message arrows (deliveries and drops, sorted by sending time) and the
 * violations.
 */
import { TraceKind } from '../../../sim/trace/trace.js';
import type { ClusterFold, NetworkFault } from '../../../sim/trace/cluster-fold.js';
import { foldAtStart } from './cluster-at.js';
import { describeDetail } from './describe.js';
import type { TraceData } from './trace-data.js';

export interface Band {
  readonly node: number;
  readonly from: number;
  to: number;
  readonly role: string;
  readonly term: number;
}

export type DownKind = 'crashed' | 'paused' | 'retired' | 'spare';

export interface Down {
  readonly node: number;
  readonly from: number;
  to: number;
  readonly kind: DownKind;
}

export interface FaultSpan {
  readonly from: number;
  to: number;
  readonly label: string;
}

export interface Intervals {
  readonly bands: readonly Band[];
  readonly downs: readonly Down[];
  readonly faults: readonly FaultSpan[];
  /** Record indexes of deliveries and drops, sorted by the time of their sending. */
  readonly arrows: Int32Array;
  /** The longest time from a message's sending to its delivery or drop. */
  readonly longestFlight: number;
  readonly violations: readonly number[];
}

/** A lifecycle record ends a node's down span, and starts another when the node is not up after it. */
const LIFECYCLE: ReadonlySet<number> = new Set([TraceKind.crash, TraceKind.restart, TraceKind.retire, TraceKind.pause, TraceKind.resume]);

/** Open spans per node, closed as the fold's state moves on. */
class SpanBuilder {
  readonly bands: Band[] = [];
  readonly downs: Down[] = [];
  readonly faults: FaultSpan[] = [];
  private readonly openBands: (Band | null)[] = [];
  private readonly openDowns: (Down | null)[] = [];
  private openFault: FaultSpan | null = null;

  constructor(
    private readonly trace: TraceData,
    private readonly cluster: ClusterFold,
  ) {
    // Spans open at the start as the cluster stood then: every member a follower of term 0 for a whole run.
    const from = trace.startUs;
    for (let node = 1; node <= trace.nodeCount; node++) {
      const state = cluster.node(node)!;
      const running = state.status === 'up' || state.status === 'paused';
      this.openBands[node] = running ? { node, from, to: trace.endUs, role: state.role, term: state.term } : null;
      this.openDowns[node] = state.status === 'up' ? null : { node, from, to: trace.endUs, kind: state.status };
    }
    const fault = cluster.networkFault;
    this.openFault = fault === null ? null : { from, to: trace.endUs, label: describeDetail(fault.detail) };
  }

  /** Follows the fold's state of the record's node after the record. */
  followNode(node: number, kindCode: number, at: number): void {
    const state = this.cluster.node(node);
    if (state === undefined) return;
    if (LIFECYCLE.has(kindCode)) {
      if (kindCode !== TraceKind.pause) this.closeDown(node, at);
      if (state.status !== 'up') this.openDowns[node] = { node, from: at, to: this.trace.endUs, kind: state.status };
    }
    const band = this.openBands[node] ?? null;
    if (state.status === 'crashed' || state.status === 'retired' || state.status === 'spare') {
      this.closeBand(node, at);
    } else if (band === null || band.role !== state.role || band.term !== state.term) {
      this.closeBand(node, at);
      this.openBands[node] = { node, from: at, to: this.trace.endUs, role: state.role, term: state.term };
    }
  }

  /** A partition or cut starts a fault span (ending the one before); a heal ends it. */
  followNetwork(before: NetworkFault | null, at: number): void {
    const now = this.cluster.networkFault;
    if (now === before) return;
    if (this.openFault !== null) {
      this.openFault.to = at;
      this.faults.push(this.openFault);
    }
    this.openFault = now === null ? null : { from: at, to: this.trace.endUs, label: describeDetail(now.detail) };
  }

  finish(): void {
    for (let node = 1; node <= this.trace.nodeCount; node++) {
      this.closeBand(node, this.trace.endUs);
      const down = this.openDowns[node] ?? null;
      if (down !== null) this.downs.push(down);
    }
    if (this.openFault !== null) this.faults.push(this.openFault);
  }

  private closeDown(node: number, at: number): void {
    const down = this.openDowns[node] ?? null;
    if (down === null) return;
    down.to = at;
    if (at > down.from) this.downs.push(down);
    this.openDowns[node] = null;
  }

  private closeBand(node: number, at: number): void {
    const band = this.openBands[node] ?? null;
    if (band !== null) {
      band.to = at;
      if (band.to > band.from) this.bands.push(band);
    }
    this.openBands[node] = null;
  }
}

export function buildIntervals(trace: TraceData): Intervals {
  const cluster = foldAtStart(trace, false);
  const spans = new SpanBuilder(trace, cluster);
  const arrows: number[] = [];
  const violations: number[] = [];
  for (let index = 0; index < trace.count; index++) {
    const node = trace.node[index]!;
    if (node > trace.nodeCount) continue;
    const kindCode = trace.kindCode[index]!;
    const faultBefore = cluster.networkFault;
    cluster.apply(trace.foldRecordAt(index));
    spans.followNetwork(faultBefore, trace.time[index]!);
    spans.followNode(node, kindCode, trace.time[index]!);
    if (kindCode === TraceKind.violation) violations.push(index);
    else if ((kindCode === TraceKind.deliver || kindCode === TraceKind.drop) && trace.ref[index]! >= 0) arrows.push(index);
  }
  spans.finish();
  arrows.sort((x, y) => trace.ref[x]! - trace.ref[y]! || x - y);
  const sorted = Int32Array.from(arrows);
  let longestFlight = 0;
  for (const arrow of sorted) longestFlight = Math.max(longestFlight, trace.time[arrow]! - trace.time[trace.ref[arrow]!]!);
  return { bands: spans.bands, downs: spans.downs, faults: spans.faults, arrows: sorted, longestFlight, violations };
}
