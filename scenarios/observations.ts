/**
 * What a scenario run saw over time, polled from the observed cluster after every event: role changes
 * with their terms, crashes, and the growth of the committed history. Expectations and the library's
 * tests are judged on these.
 */
import type { Role } from '../core/types.js';
import type { ObservedCluster } from '../sim/index.js';

export interface RoleObservation {
  readonly atMs: number;
  readonly node: number;
  readonly role: Role | 'crashed';
  readonly term: number;
}

export interface CommitObservation {
  readonly atMs: number;
  /** Length of the committed history after the change. */
  readonly committed: number;
}

export class ClusterWatcher {
  readonly roles: RoleObservation[] = [];
  readonly commits: CommitObservation[] = [];
  private readonly lastRole: (Role | 'crashed')[];
  private readonly lastTerm: number[];
  private lastCommitted = 0;

  constructor(private readonly cluster: ObservedCluster) {
    this.lastRole = cluster.nodes.map(() => 'follower' as Role);
    this.lastTerm = cluster.nodes.map(() => 0);
  }

  poll(atMs: number): void {
    const nodes = this.cluster.nodes;
    for (let index = 0; index < nodes.length; index++) {
      const node = nodes[index]!;
      const role = node.up ? node.role : 'crashed';
      if (role !== this.lastRole[index] || node.term !== this.lastTerm[index]) {
        this.lastRole[index] = role;
        this.lastTerm[index] = node.term;
        this.roles.push({ atMs, node: node.id, role, term: node.term });
      }
    }
    const committed = this.cluster.committedLength();
    if (committed !== this.lastCommitted) {
      this.lastCommitted = committed;
      this.commits.push({ atMs, committed });
    }
  }
}

/** The node that leads now, if any: an up node in the leader role whose term is the highest among up nodes. */
export function currentLeader(cluster: ObservedCluster, among: readonly number[] | null = null): number | null {
  let highestTerm = 0;
  for (const node of cluster.nodes) if (node.up && node.term > highestTerm) highestTerm = node.term;
  for (const node of cluster.nodes) {
    if (!node.up || node.paused || node.role !== 'leader' || node.term !== highestTerm) continue;
    if (among === null || among.includes(node.id)) return node.id;
  }
  return null;
}

/** Terms in which someone stood for election, with the candidates and the winner (if any). */
export interface ElectionRound {
  readonly term: number;
  readonly candidates: readonly number[];
  readonly leader: number | null;
}

export function electionRounds(roles: readonly RoleObservation[]): ElectionRound[] {
  const rounds = new Map<number, { candidates: Set<number>; leader: number | null }>();
  for (const observation of roles) {
    if (observation.role !== 'candidate' && observation.role !== 'leader') continue;
    const round = rounds.get(observation.term) ?? { candidates: new Set<number>(), leader: null };
    if (observation.role === 'candidate') round.candidates.add(observation.node);
    else round.leader = observation.node;
    rounds.set(observation.term, round);
  }
  return [...rounds.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([term, round]) => ({ term, candidates: [...round.candidates].sort((a, b) => a - b), leader: round.leader }));
}

/** Rounds that ended without a leader although a later term had one: the split (or failed) votes. */
export function splitVotes(roles: readonly RoleObservation[]): ElectionRound[] {
  const rounds = electionRounds(roles);
  const lastLed = Math.max(0, ...rounds.filter((round) => round.leader !== null).map((round) => round.term));
  return rounds.filter((round) => round.leader === null && round.candidates.length >= 2 && round.term < lastLed);
}
