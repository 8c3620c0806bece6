/**
 * Statistics of one run, read from its full trace: how long the cluster took to replace a leader
 * that failed, the spans in which no leader could commit, how elections went, what a committed entry
 * cost in messages, and how long a leader took to commit what it was asked to. The trace is the
 * source, so these describe exactly the run that was checked, and any recorded run can be measured.
 */
import { arrayOf, checkArguments, number, optional } from '../core/argument-checks.js';
import { majority } from '../core/quorum.js';
import { NODE_COUNT } from './argument-rules.js';
import { TraceKind } from './trace/trace.js';
import type { TraceRecord, TraceSink } from './trace/trace.js';
import { ClusterFold } from './trace/cluster-fold.js';
import { failedElections, splitVotes } from './trace/election-tally.js';

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

/** The leader able to commit: up, running, and linked both ways with a majority of running nodes not ahead of its term. */
function ableLeader(fold: ClusterFold): number | null {
  const needed = majority(fold.nodeCount);
  let best: number | null = null;
  let bestTerm = 0;
  for (let id = 1; id <= fold.nodeCount; id++) {
    const leader = fold.node(id)!;
    if (leader.crashed || leader.paused || leader.role !== 'leader') continue;
    let reachable = 0;
    for (let other = 1; other <= fold.nodeCount; other++) {
      const node = fold.node(other)!;
      if (!node.crashed && !node.paused && node.term <= leader.term && fold.links.bothWays(id, other)) reachable++;
    }
    if (reachable >= needed && (best === null || leader.term > bestTerm)) {
      best = id;
      bestTerm = leader.term;
    }
  }
  return best;
}

const NETWORK_FAULTS: ReadonlySet<number> = new Set([TraceKind.partition, TraceKind.cut]);
/** Records after which the leader able to commit is looked for again; the rest change nothing it depends on. */
const WATCHED_KINDS: ReadonlySet<number> = new Set([
  TraceKind.send,
  TraceKind.roleChange,
  TraceKind.termChange,
  TraceKind.crash,
  TraceKind.restart,
  TraceKind.pause,
  TraceKind.resume,
  TraceKind.partition,
  TraceKind.cut,
  TraceKind.heal,
  TraceKind.settle,
  TraceKind.propose,
  TraceKind.commit,
]);

/** Leader failures and what followed them: an election, the same leader back, or a span with no leader. */
class LeaderAvailability {
  leaderFailures = 0;
  leaderRecoveries = 0;
  readonly electionTimesMs: number[] = [];
  readonly windowsMs: number[] = [];
  /** The failed leader's term while the cluster waits for a new leader; null when none is awaited. */
  failedTerm: number | null = null;
  private failedAtUs = 0;
  private able: number | null = null;
  private everLed = false;
  private unavailableSinceUs: number | null = null;

  /** A node became leader of a term: a later term than the failed leader's ends the wait for an election. */
  leaderElected(term: number, timeUs: number): void {
    if (this.failedTerm !== null && term > this.failedTerm) {
      this.electionTimesMs.push((timeUs - this.failedAtUs) / 1000);
      this.failedTerm = null;
    }
  }

  /** Looks again for the leader able to commit after a record. */
  observe(record: TraceRecord, fold: ClusterFold): void {
    const before = this.able;
    this.able = ableLeader(fold);
    const able = this.able;
    if (able !== null) this.everLed = true;
    if (able !== null && this.failedTerm !== null && fold.node(able)!.term <= this.failedTerm) {
      // The failed leader is back before anyone replaced it: no election to time.
      this.leaderRecoveries++;
      this.failedTerm = null;
    }
    const failedNow = before !== null && able === null;
    if (failedNow && (record.kind === TraceKind.crash || record.kind === TraceKind.pause || NETWORK_FAULTS.has(record.kind)) && this.failedTerm === null) {
      this.leaderFailures++;
      this.failedTerm = fold.node(before)!.term;
      this.failedAtUs = record.timeUs;
    }
    if (able === null && this.everLed && this.unavailableSinceUs === null) this.unavailableSinceUs = record.timeUs;
    if (able !== null && this.unavailableSinceUs !== null) {
      this.windowsMs.push((record.timeUs - this.unavailableSinceUs) / 1000);
      this.unavailableSinceUs = null;
    }
  }

  /** A span without a leader still open at the end runs to the end. */
  finish(endUs: number): void {
    if (this.unavailableSinceUs !== null) this.windowsMs.push((endUs - this.unavailableSinceUs) / 1000);
  }
}

/** Proposals a leader accepted, timed until that leader commits them while still leader of their term. */
class CommitLatencies {
  readonly latenciesMs: number[] = [];
  /** Proposals waiting for their leader to commit them: [index, term, proposed at µs]. */
  private readonly pending: [number, number, number][][];

  constructor(nodeCount: number) {
    this.pending = Array.from({ length: nodeCount + 1 }, () => []);
  }

  proposed(node: number, index: number, term: number, atUs: number): void {
    this.pending[node]!.push([index, term, atUs]);
  }

  /** The node stopped leading: what it was asked to commit is no longer its to commit. */
  dropped(node: number): void {
    this.pending[node]!.length = 0;
  }

  committed(record: TraceRecord, leaderTerm: number | null): void {
    const waiting = this.pending[record.node]!;
    while (waiting.length > 0 && waiting[0]![0] <= record.a) {
      const [, term, atUs] = waiting.shift()!;
      if (term === leaderTerm) this.latenciesMs.push((record.timeUs - atUs) / 1000);
    }
  }
}

/**
 * A run's statistics from the records of its full trace (`result.trace.records()`), for a cluster of
 * `nodeCount` nodes; a window still open at the end runs to `endUs`, by default the last record's time.
 */
export function runStatistics(records: readonly TraceRecord[], nodeCount: number, endUs?: number): RunStatistics {
  checkArguments('runStatistics', ['records', records, arrayOf(null, 'an array of trace records')], ['nodeCount', nodeCount, NODE_COUNT], ['endUs', endUs, optional(number({ min: 0 }))]);
  const statistics = new RunStatisticsFold(nodeCount);
  statistics.accept(records);
  return statistics.finish(endUs ?? records.at(-1)?.timeUs ?? 0);
}

/**
 * The statistics of a run, gathered record by record: as a TraceSink it measures a streamed run as it
 * goes, without its trace held in memory.
 */
export class RunStatisticsFold implements TraceSink {
  private readonly fold: ClusterFold;
  private readonly availability = new LeaderAvailability();
  private readonly latencies: CommitLatencies;
  private messagesSent = 0;
  private committed = 0;

  constructor(nodeCount: number) {
    this.fold = new ClusterFold({ nodeCount });
    this.latencies = new CommitLatencies(nodeCount);
  }

  accept(records: readonly TraceRecord[]): void {
    const { fold, availability, latencies } = this;
    for (const record of records) {
      const node = fold.node(record.node);
      const wasLeader = node?.role === 'leader';
      fold.apply(record);
      if (!WATCHED_KINDS.has(record.kind)) continue;
      switch (record.kind) {
        case TraceKind.send:
          this.messagesSent++;
          break;
        case TraceKind.roleChange:
          if (wasLeader && node!.role !== 'leader') latencies.dropped(record.node);
          if (node!.role === 'leader') availability.leaderElected(record.b, record.timeUs);
          break;
        case TraceKind.crash:
          latencies.dropped(record.node);
          break;
        case TraceKind.propose:
          if (record.b === 1 && node!.role === 'leader') latencies.proposed(record.node, record.a, node!.term, record.timeUs);
          break;
        case TraceKind.commit:
          this.committed = Math.max(this.committed, record.a);
          latencies.committed(record, node!.role === 'leader' ? node!.term : null);
          break;
      }
      availability.observe(record, fold);
    }
  }

  /** The statistics, once every record is in; `endUs` is the run's end, where a span without a leader closes. */
  finish(endUs: number): RunStatistics {
    const { fold, availability } = this;
    fold.finish();
    availability.finish(endUs);
    const rounds = fold.elections.rounds();
    return {
      leaderFailures: availability.leaderFailures,
      electionTimesMs: availability.electionTimesMs,
      unresolvedFailures: availability.failedTerm === null ? 0 : 1,
      leaderRecoveries: availability.leaderRecoveries,
      unavailabilityWindowsMs: availability.windowsMs,
      electionTerms: rounds.filter((round) => round.candidates.length > 0).length,
      leadersElected: rounds.filter((round) => round.leader !== null).length,
      splitVotes: splitVotes(rounds).length,
      failedElections: failedElections(rounds).length,
      messagesSent: this.messagesSent,
      committedEntries: this.committed,
      commitLatenciesMs: this.latencies.latenciesMs,
    };
  }
}
