import { isContractMessage, isPreVote } from '../../core/messages.js';
import type { Message } from '../../core/messages.js';
import type { Checker, CheckContext } from './checker.js';
import type { ObservedNode } from '../checking/observed-cluster.js';

/**
 * Figure 2, "Persistent state on all servers (updated on stable storage before responding to RPCs)",
 * with §5.2 (one vote per term, which a crash must not make the node forget) and the contract's rule
 * that a message never depends on state outside this or an earlier Ready. Judged when a Ready's
 * messages go out, against the node's observed durable state: what its Readies asked to persist (the
 * simulator makes a Ready durable before sending its messages, with or without disk latency) and what
 * it read back when it last started. A write a faulty disk loses in a crash is the disk's fault: the
 * node is judged by what it asked for, and after a restart by what the disk gave back.
 *
 * - A granted vote of term T leaves only when the voter's durable term is T with votedFor the candidate.
 * - A RequestVote of term T leaves only when the candidate's durable term is T with its vote for itself.
 * - An AppendEntries success of term T for matchIndex i leaves only when the durable log holds index i.
 * - Any message of term T leaves only when the durable term is at least T.
 *
 * Accepted: message types an implementation declared for itself, whose term the host cannot read;
 * pre-votes and their answers (dissertation §9.6: the term is only proposed, nothing is
 * recorded); and a vote, RequestVote or acknowledgement of term T sent in the same Ready as a durable
 * term above T. Messages built before a later term arrived can share that Ready (a node stepping inputs
 * while its write is in flight hands them out together, as etcd does); once a later term is durable the
 * node never votes or asks in T again, and an acknowledgement of T is judged only by T's leader, whose
 * entries a newer leader may legitimately have cut since.
 */
export class PersistBeforeSendChecker implements Checker {
  readonly name = 'persist-before-send' as const;

  messagesSent(context: CheckContext, node: ObservedNode, messages: readonly Message[]): void {
    for (let index = 0; index < messages.length; index++) {
      const problem = persistenceProblem(node, messages[index]!);
      if (problem === null) continue;
      context.report(this.name, `node ${node.id} ${problem}, with term ${node.term}, votedFor ${node.votedFor ?? 'none'} and ${node.lastIndex()} entries durable`);
      return;
    }
  }
}

/** What `message` claims that the node's durable state does not back, or null. */
function persistenceProblem(node: ObservedNode, message: Message): string | null {
  // An implementation's own message type may carry a term only proposed (etcd's MsgPreVote): not judged.
  if (!isContractMessage(message)) return null;
  if (isPreVote(message)) return null;
  if (message.term > node.term) return `sent a ${message.type} of term ${message.term} to node ${message.to} before persisting that term`;
  // A later term is durable: the node can no longer vote or stand in this one, nor be held to its acknowledgement.
  if (message.term < node.term) return null;
  if (message.type === 'RequestVoteResponse' && message.voteGranted && node.votedFor !== message.to) {
    return `granted its vote in term ${message.term} to node ${message.to} before persisting that vote`;
  }
  if (message.type === 'RequestVoteRequest' && node.votedFor !== node.id) {
    return `asked node ${message.to} for its vote in term ${message.term} before persisting its vote for itself`;
  }
  if (message.type === 'AppendEntriesResponse' && message.success && message.matchIndex > node.lastIndex()) {
    return `acknowledged index ${message.matchIndex} to node ${message.to} in term ${message.term} before persisting it`;
  }
  return null;
}
