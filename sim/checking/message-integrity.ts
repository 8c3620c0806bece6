/**
 * The message-integrity rule, a rule only the host can judge: no node acts on a message an attack
 * corrupted, forged, or sent from outside the receiver's configuration (cluster/attacks.ts). Acting is
 * what the node hands out next: a term adopted from the message, a vote granted to the sender it names,
 * a vote counted (the node leads, or stands, right after it), entries appended or a commit index moved.
 * Without integrity (Raft's own fault model) nodes act on such messages, and this rule says so; with
 * it, they refuse them on sight. A replayed message is none of these: it is what its sender said, and
 * Raft's terms are its defence.
 */
import type { Ready } from '../../core/contract.js';
import type { Message } from '../../core/messages.js';
import type { NodeId } from '../../core/types.js';
import { TamperKind } from '../trace/trace.js';
import type { ObservedNode } from './observed-cluster.js';

/** How each attack that is judged left the message, as the report says it. */
const ALTERED: Readonly<Record<number, string>> = {
  [TamperKind.corrupted]: 'a corrupted',
  [TamperKind.forged]: 'a forged',
  [TamperKind.outsider]: "an outsider's",
};

interface Suspect {
  readonly message: Message;
  readonly kind: TamperKind;
  readonly termBefore: number;
  readonly votedForBefore: NodeId | null;
  readonly commitBefore: number;
}

export class MessageIntegrityRule {
  /** By node id: the altered message a node stepped, until its next Ready shows what it did with it. */
  private readonly suspects: (Suspect | undefined)[] = [];
  private pending = 0;

  constructor(private readonly report: (message: string) => void) {}

  /** Whether any node stepped an altered message whose effects are not judged yet. */
  get watching(): boolean {
    return this.pending > 0;
  }

  /** A node is handed a message an attack made (`kind`); `node` is what it had made durable before. */
  stepping(node: ObservedNode, message: Message, kind: TamperKind): void {
    if (this.suspects[node.id] === undefined) this.pending++;
    this.suspects[node.id] = { message, kind, termBefore: node.term, votedForBefore: node.votedFor, commitBefore: node.commitIndex };
  }

  /** The node's code starts afresh (a restart): what it had stepped went with the crash. */
  forget(node: NodeId): void {
    if (this.suspects[node] === undefined) return;
    this.suspects[node] = undefined;
    this.pending--;
  }

  /** The node handed out a Ready: whether it acted on the message it stepped. */
  readyTaken(node: NodeId, ready: Ready): void {
    const suspect = this.suspects[node];
    if (suspect === undefined) return;
    this.suspects[node] = undefined;
    this.pending--;
    if (ready.rejected?.some((rejected) => rejected.message === suspect.message) === true) return;
    const action = actionTaken(suspect, ready);
    if (action === null) return;
    const message = suspect.message;
    this.report(`node ${node} acted on ${ALTERED[suspect.kind]} ${message.type} of term ${message.term} naming node ${message.from} as its sender: ${action}`);
  }
}

/** What the node did on the message, in words; null when the Ready shows nothing of it. */
function actionTaken(suspect: Suspect, ready: Ready): string | null {
  const message = suspect.message;
  const hardState = ready.hardState;
  if (hardState !== null && hardState.term > suspect.termBefore && hardState.term === message.term) return `adopted its term ${message.term}`;
  switch (message.type) {
    case 'RequestVoteRequest':
      if (message.preVote !== true && hardState !== null && hardState.votedFor === message.from && suspect.votedForBefore !== message.from) return `granted node ${message.from} its vote`;
      return null;
    case 'RequestVoteResponse':
      if (ready.softState?.role === 'leader') return 'counted the vote and became leader';
      if (message.preVote === true && ready.softState?.role === 'candidate') return 'counted the pre-vote and stood';
      return null;
    case 'AppendEntriesRequest':
    case 'InstallSnapshotRequest':
      if (ready.logWrite !== null || (ready.snapshot ?? null) !== null) return 'wrote what it carried to its log';
      return ready.commitIndex > suspect.commitBefore ? `moved its commit index to ${ready.commitIndex}` : null;
    case 'AppendEntriesResponse':
      return ready.commitIndex > suspect.commitBefore ? `moved its commit index to ${ready.commitIndex}` : null;
    default:
      return null;
  }
}
