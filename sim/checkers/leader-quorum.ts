import { majority } from '../../core/quorum.js';
import type { NodeId } from '../../core/types.js';
import type { Message } from '../../core/messages.js';
import type { Checker, CheckContext } from './checker.js';
import type { ObservedNode } from '../checking/observed-cluster.js';

/**
 * §5.2 with §4.1: "a candidate wins an election if it receives votes from a majority of the servers in
 * the full cluster for the same term", the cluster being the configuration it holds, its own vote
 * counting if it is a member. Accepted: votes granted more than once by one voter to one candidate (a
 * resent RequestVote answered again), votes that arrive after the candidate won, and a leader counting
 * fewer votes than it was sent (lost responses). Votes are the granted RequestVote answers nodes
 * sent (pre-votes aside); a leader elected legitimately was sent at least the votes it counted. The
 * check waits until the whole Ready is observed, since the Ready that makes a node leader can also
 * carry the configuration entry it counted by.
 */
export class LeaderQuorumChecker implements Checker {
  readonly name = 'leader-quorum' as const;
  /** votes.get(term)?.get(candidate): the nodes that granted it their vote in that term. */
  private readonly votes = new Map<number, Map<NodeId, Set<NodeId>>>();
  private pendingLeader: ObservedNode | null = null;

  messagesSent(_context: CheckContext, node: ObservedNode, messages: readonly Message[]): void {
    for (let index = 0; index < messages.length; index++) {
      const message = messages[index]!;
      if (message.type !== 'RequestVoteResponse' || !message.voteGranted || message.preVote === true) continue;
      let ofTerm = this.votes.get(message.term);
      if (ofTerm === undefined) this.votes.set(message.term, (ofTerm = new Map()));
      let voters = ofTerm.get(message.to);
      if (voters === undefined) ofTerm.set(message.to, (voters = new Set()));
      voters.add(node.id);
    }
  }

  roleChanged(_context: CheckContext, node: ObservedNode): void {
    if (node.role === 'leader') this.pendingLeader = node;
  }

  readyObserved(context: CheckContext, node: ObservedNode): void {
    if (this.pendingLeader !== node) return;
    this.pendingLeader = null;
    const members = context.cluster.configurationOf(node);
    // Its own vote counts like any other: only if it is a member of the configuration.
    const voters = [...(this.votes.get(node.term)?.get(node.id) ?? []), node.id];
    const counted = voters.filter((voter) => members.includes(voter)).sort((a, b) => a - b);
    if (counted.length >= majority(members.length)) return;
    context.report(
      this.name,
      `node ${node.id} became leader of term ${node.term} with the votes of ${counted.length === 0 ? 'no member' : counted.join(',')}, ` +
        `not a majority of its configuration {${members.join(',')}}`,
    );
  }
}
