/**
 * Statistics of one run, read from its full trace: how long the cluster took to replace a leader
 * that failed, the spans in which no leader could commit, how elections went, what a committed entry
 * cost in messages, and how long a leader took to commit what it was asked to. The trace is the
 * source, so these describe exactly the run that was checked, and any recorded run can be measured.
 */
import { majority } from '../core/quorum.js';
import { ROLE_CODE, TraceKind } from './trace/trace.js';
import type { TraceRecord } from './trace/trace.js';

export interface RunStatistics {
  /** Times a leader able to commit lost that ability by a crash, a pause or a network fault. */
  readonly leaderFailures: number;
  /** For each leader failure, ms until a node became leader of a later term. */
  readonly electionTimesMs: readonly number[];
  /** Leader failures after which no new leader was elected before the run ended. */
  readonly unresolvedFailures: number;
  /** Leader failures that ended with the same leader able to commit again (a pause ended, a partition healed) before any election. */
  readonly leaderRecoveries: number;
  /** Each span, after the first leader, in which no leader could commit; one still open at the end runs to the end. */
  readonly unavailabilityWindowsMs: readonly number[];
  /** Terms in which some node stood for election. */
  readonly electionTerms: number;
  /** Terms in which a leader was elected. */
  readonly leadersElected: number;
  /** Terms with two or more candidates that ended without a leader: split votes. */
  readonly splitVotes: number;
  /** Terms with candidates that ended without a leader, split or not. */
  readonly failedElections: number;
  readonly messagesSent: number;
  /** Length of the committed history at the end of the run. */
  readonly committedEntries: number;
  /** For each proposal a leader accepted and then committed while still leader of that term: ms from proposal to commit. */
  readonly commitLatenciesMs: readonly number[];
}

interface NodeView {
  up: boolean;
  paused: boolean;
  leader: boolean;
  candidate: boolean;
  term: number;
}

/** Who can reach whom, rebuilt from the trace's network records with the Network's own rules. */
class Links {
  private group: number[];
  private partitioned = false;
  private readonly cuts = new Set<number>();

  constructor(private readonly nodeCount: number) {
    this.group = new Array<number>(nodeCount + 1).fill(0);
  }

  partition(groups: readonly (readonly number[])[]): void {
    let next = groups.length + 1;
    for (let node = 1; node <= this.nodeCount; node++) this.group[node] = next++;
    groups.forEach((members, index) => {
      for (const node of members) this.group[node] = index + 1;
    });
    this.partitioned = true;
  }

  isolate(node: number): void {
    if (!this.partitioned) this.group.fill(0);
    this.partitioned = true;
    this.group[node] = -node;
  }

  cut(from: readonly number[], to: readonly number[]): void {
    for (const sender of from) for (const receiver of to) if (sender !== receiver) this.cuts.add(sender * 100 + receiver);
  }

  heal(): void {
    this.group = this.group.map(() => 0);
    this.partitioned = false;
    this.cuts.clear();
  }

  bothWays(a: number, b: number): boolean {
    if (a === b) return true;
    if (this.partitioned && this.group[a] !== this.group[b]) return false;
    return !this.cuts.has(a * 100 + b) && !this.cuts.has(b * 100 + a);
  }
}

/** The leader able to commit: up, running, and linked both ways with a majority of running nodes not ahead of its term. */
function ableLeader(nodes: readonly NodeView[], links: Links): number | null {
  const needed = majority(nodes.length - 1);
  let best: number | null = null;
  for (let id = 1; id < nodes.length; id++) {
    const leader = nodes[id]!;
    if (!leader.up || leader.paused || !leader.leader) continue;
    let reachable = 0;
    for (let other = 1; other < nodes.length; other++) {
      const node = nodes[other]!;
      if (node.up && !node.paused && node.term <= leader.term && links.bothWays(id, other)) reachable++;
    }
    if (reachable >= needed && (best === null || leader.term > nodes[best]!.term)) best = id;
  }
  return best;
}

const NETWORK_FAULTS: ReadonlySet<number> = new Set([TraceKind.partition, TraceKind.cut]);

export function runStatistics(records: readonly TraceRecord[], nodeCount: number, endUs: number): RunStatistics {
  const nodes: NodeView[] = Array.from({ length: nodeCount + 1 }, () => ({ up: true, paused: false, leader: false, candidate: false, term: 0 }));
  const links = new Links(nodeCount);
  const candidatesByTerm = new Map<number, Set<number>>();
  const termsWithLeader = new Set<number>();
  const electionTimesMs: number[] = [];
  const windowsMs: number[] = [];
  const latenciesMs: number[] = [];
  /** Proposals waiting for their leader to commit them: [index, term, proposed at µs]. */
  const pending: [number, number, number][][] = Array.from({ length: nodeCount + 1 }, () => []);
  let leaderFailures = 0;
  let leaderRecoveries = 0;
  let messagesSent = 0;
  let committed = 0;
  let highestLeaderTerm = 0;
  /** The failed leader's term while the cluster waits for a new leader; null when none is awaited. */
  let failedTerm: number | null = null;
  let failedAtUs = 0;
  let able: number | null = null;
  let everLed = false;
  let unavailableSinceUs: number | null = null;

  const dropPending = (node: number) => (pending[node]!.length = 0);
  const standsIn = (node: number, term: number) => {
    const candidates = candidatesByTerm.get(term) ?? new Set<number>();
    candidates.add(node);
    candidatesByTerm.set(term, candidates);
  };
  /**
   * A candidate that starts another election shows only as a new term. So does a candidate that steps
   * down to a higher term, until the role change that the same Ready records next; hence the wait.
   */
  let newTermOfCandidate: [number, number] | null = null;
  for (const record of records) {
    const node = nodes[record.node];
    if (newTermOfCandidate !== null) {
      const [candidate, term]: readonly [number, number] = newTermOfCandidate;
      newTermOfCandidate = null;
      const steppedDown = record.kind === TraceKind.roleChange && record.node === candidate && record.a !== ROLE_CODE.candidate;
      if (!steppedDown) standsIn(candidate, term);
    }
    switch (record.kind) {
      case TraceKind.send:
        messagesSent++;
        break;
      case TraceKind.roleChange: {
        const wasLeader = node!.leader;
        node!.leader = record.a === ROLE_CODE.leader;
        node!.candidate = record.a === ROLE_CODE.candidate;
        node!.term = record.b;
        if (wasLeader && !node!.leader) dropPending(record.node);
        if (node!.candidate) standsIn(record.node, record.b);
        if (node!.leader) {
          termsWithLeader.add(record.b);
          highestLeaderTerm = Math.max(highestLeaderTerm, record.b);
          if (failedTerm !== null && record.b > failedTerm) {
            electionTimesMs.push((record.timeUs - failedAtUs) / 1000);
            failedTerm = null;
          }
        }
        break;
      }
      case TraceKind.termChange:
        node!.term = record.a;
        if (node!.candidate && node!.up) newTermOfCandidate = [record.node, record.a];
        break;
      case TraceKind.crash:
        node!.up = false;
        node!.paused = false;
        node!.leader = false;
        node!.candidate = false;
        dropPending(record.node);
        break;
      case TraceKind.restart:
        node!.up = true;
        break;
      case TraceKind.pause:
        node!.paused = true;
        break;
      case TraceKind.resume:
        node!.paused = false;
        break;
      case TraceKind.partition: {
        const detail = record.detail as { type: string; groups?: number[][]; node?: number } | null;
        if (detail?.type === 'isolate') links.isolate(detail.node!);
        else if (detail?.groups !== undefined) links.partition(detail.groups);
        else if (record.a === 0 && record.node > 0) links.isolate(record.node);
        break;
      }
      case TraceKind.cut: {
        const detail = record.detail as { from: number[]; to: number[] } | null;
        if (detail !== null) links.cut(detail.from, detail.to);
        break;
      }
      case TraceKind.heal:
      case TraceKind.settle:
        links.heal();
        break;
      case TraceKind.propose:
        if (record.b === 1 && node!.leader) pending[record.node]!.push([record.a, node!.term, record.timeUs]);
        break;
      case TraceKind.commit: {
        committed = Math.max(committed, record.a);
        const waiting = pending[record.node]!;
        while (waiting.length > 0 && waiting[0]![0] <= record.a) {
          const [, term, atUs] = waiting.shift()!;
          if (term === node!.term && node!.leader) latenciesMs.push((record.timeUs - atUs) / 1000);
        }
        break;
      }
      default:
        continue;
    }
    const before = able;
    able = ableLeader(nodes, links);
    if (able !== null) everLed = true;
    if (able !== null && failedTerm !== null && nodes[able]!.term <= failedTerm) {
      // The failed leader is back before anyone replaced it: no election to time.
      leaderRecoveries++;
      failedTerm = null;
    }
    const failedNow = before !== null && able === null;
    if (failedNow && (record.kind === TraceKind.crash || record.kind === TraceKind.pause || NETWORK_FAULTS.has(record.kind)) && failedTerm === null) {
      leaderFailures++;
      failedTerm = nodes[before]!.term;
      failedAtUs = record.timeUs;
    }
    if (able === null && everLed && unavailableSinceUs === null) unavailableSinceUs = record.timeUs;
    if (able !== null && unavailableSinceUs !== null) {
      windowsMs.push((record.timeUs - unavailableSinceUs) / 1000);
      unavailableSinceUs = null;
    }
  }
  if (newTermOfCandidate !== null) standsIn(...newTermOfCandidate);
  if (unavailableSinceUs !== null) windowsMs.push((endUs - unavailableSinceUs) / 1000);

  let splitVotes = 0;
  let failedElections = 0;
  for (const [term, candidates] of candidatesByTerm) {
    // A term still open at the end of the run has not failed yet.
    const ended = term < Math.max(highestLeaderTerm, ...candidatesByTerm.keys());
    if (termsWithLeader.has(term) || !ended) continue;
    failedElections++;
    if (candidates.size >= 2) splitVotes++;
  }
  return {
    leaderFailures,
    electionTimesMs,
    unresolvedFailures: failedTerm === null ? 0 : 1,
    leaderRecoveries,
    unavailabilityWindowsMs: windowsMs,
    electionTerms: candidatesByTerm.size,
    leadersElected: termsWithLeader.size,
    splitVotes,
    failedElections,
    messagesSent,
    committedEntries: committed,
    commitLatenciesMs: latenciesMs,
  };
}
