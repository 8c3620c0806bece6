/**
 * What a scenario run saw over time, polled from the observed cluster after every event: role changes
 * with their terms, crashes, and the growth of the committed history. Expectations and the library's
 * tests are judged on these.
 */
import { checkArguments } from '../core/argument-checks.js';
import type { Role } from '../core/types.js';
import type { ObservedCluster } from '../sim/index.js';
import { ElectionTally, splitVotes as splitVotesOf } from '../sim/trace/election-tally.js';
import type { ElectionRound } from '../sim/trace/election-tally.js';
import { ROLE_OBSERVATIONS } from './argument-rules.js';

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
    const committed = this.cluster.declaredLength();
    if (committed !== this.lastCommitted) {
      this.lastCommitted = committed;
      this.commits.push({ atMs, committed });
    }
  }
}

/** Whether two nodes can currently exchange messages; without one, every link counts as up. */
export type LinkView = (a: number, b: number) => boolean;

/**
 * The node that leads now, if any: an up node in the leader role that is linked both ways with a
 * majority of the cluster (itself included) whose nodes are up and in its term. An old leader cut off
 * in a minority still believes it leads; it does not count.
 */
export function currentLeader(cluster: ObservedCluster, among: readonly number[] | null = null, linked: LinkView = () => true): number | null {
  let best: number | null = null;
  let bestTerm = -1;
  for (const leader of cluster.nodes) {
    if (!leader.up || leader.paused || leader.role !== 'leader' || leader.term <= bestTerm) continue;
    if (among !== null && !among.includes(leader.id)) continue;
    // A majority of the configuration the leader holds (§4.1), not of every server simulated.
    const members = cluster.configurationOf(leader);
    const needed = Math.floor(members.length / 2) + 1;
    let following = 0;
    for (const node of cluster.nodes) {
      if (node.up && !node.paused && node.term === leader.term && members.includes(node.id) && linked(leader.id, node.id)) following++;
    }
    if (following >= needed) {
      best = leader.id;
      bestTerm = leader.term;
    }
  }
  return best;
}

export type { ElectionRound };

/** Terms in which someone stood for election, with the candidates and the winner (if any). */
export function electionRounds(roles: readonly RoleObservation[]): ElectionRound[] {
  checkArguments('electionRounds', ['roles', roles, ROLE_OBSERVATIONS]);
  const tally = new ElectionTally();
  for (const observation of roles) {
    if (observation.role === 'candidate') tally.stoodFor(observation.term, observation.node);
    else if (observation.role === 'leader') tally.won(observation.term, observation.node);
  }
  return tally.rounds();
}

/** Rounds with two or more candidates that ended without a leader (a later round began): split votes. */
export function splitVotes(roles: readonly RoleObservation[]): ElectionRound[] {
  checkArguments('splitVotes', ['roles', roles, ROLE_OBSERVATIONS]);
  return splitVotesOf(electionRounds(roles));
}
