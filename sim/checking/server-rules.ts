/**
 * Two of Figure 2's rules for servers that no log or state checker can see, because they are about what
 * a node does with a message or with time rather than about its state:
 *
 * - term-adoption (§5.1): a request or response with a term above the node's makes it adopt that term.
 *   Checked when the node had no write outstanding as the message arrived (so its observed term is its
 *   real one): the first Ready after the message must persist a term at least as high. Vote requests are
 *   left out, since CheckQuorum's leader stickiness ignores them by design, and so are pre-votes, whose
 *   terms are only proposed.
 * - election-timer (§5.2): a follower that hears nothing from a current leader and grants no vote for
 *   its longest election timeout must stand. Counted in the node's own ticks since the last event that
 *   may restart its timer (a start, a role change, AppendEntries of at least its observed term, a
 *   granted vote), with one tick of grace; never judged while a write may be hiding a role change, nor
 *   for a server that may not stand: one outside both its latest and its committed configuration (§4).
 *
 * Each of them errs only towards silence: what the host cannot see for certain is not held against the node.
 */
import type { Ready } from '../../core/contract.js';
import type { Message } from '../../core/messages.js';
import type { NodeId } from '../../core/types.js';

export type ServerRuleName = 'term-adoption' | 'election-timer';

class NodeWatch {
  /** A term the node must show in its next Ready; 0 for none. */
  termToAdopt = 0;
  adoptFrom = '';
  /** The role of the last softState handed out. */
  role = 'follower';
  ticksSinceReset = 0;
}

export class ServerRules {
  private readonly watches: NodeWatch[] = [];

  constructor(
    nodeCount: number,
    /** Each node's longest election timeout, in ticks. */
    private readonly maxTimeoutTicks: (id: NodeId) => number,
    private readonly report: (rule: ServerRuleName, message: string) => void,
    /** Whether the node's configuration, as observed, lets it stand for election. */
    private readonly mayStand: (id: NodeId) => boolean = () => true,
  ) {
    for (let id = 0; id <= nodeCount; id++) this.watches.push(new NodeWatch());
  }

  started(id: NodeId): void {
    this.watches[id] = new NodeWatch();
  }

  /** Before the node steps `message`; `observedTerm` is its durable term, `writing` whether a write is outstanding. */
  delivering(id: NodeId, message: Message, observedTerm: number, writing: boolean): void {
    const watch = this.watches[id]!;
    const fromLeader = message.type === 'AppendEntriesRequest' || message.type === 'InstallSnapshotRequest';
    if (fromLeader && message.term >= observedTerm) watch.ticksSinceReset = 0;
    if (writing || message.term <= observedTerm || !mustAdopt(message)) return;
    watch.termToAdopt = message.term;
    watch.adoptFrom = `${message.type} of term ${message.term} from node ${message.from} while in term ${observedTerm}`;
  }

  readyTaken(id: NodeId, ready: Ready): void {
    const watch = this.watches[id]!;
    if (watch.termToAdopt > 0) this.judgeAdoption(id, watch, ready.hardState?.term ?? 0);
    if (ready.softState !== null) {
      watch.role = ready.softState.role;
      watch.ticksSinceReset = 0;
    }
    for (const message of ready.messages) {
      if (message.type === 'RequestVoteResponse' && message.voteGranted && message.preVote !== true) watch.ticksSinceReset = 0;
    }
  }

  /** After the node handled an input and the host took what it had; `writing` whether a write is outstanding. */
  handled(id: NodeId, writing: boolean): void {
    const watch = this.watches[id]!;
    // No Ready at all after the message: the term was not adopted.
    if (watch.termToAdopt > 0) this.judgeAdoption(id, watch, 0);
    if (writing || watch.role !== 'follower') return;
    if (!this.mayStand(id)) {
      watch.ticksSinceReset = 0;
      return;
    }
    const limit = this.maxTimeoutTicks(id) + 1;
    if (watch.ticksSinceReset > limit) {
      this.report('election-timer', `node ${id} stayed a follower for ${watch.ticksSinceReset} ticks without hearing from a leader or granting a vote; its election timeout is at most ${limit - 1} ticks (§5.2)`);
      watch.ticksSinceReset = 0;
    }
  }

  ticked(id: NodeId): void {
    const watch = this.watches[id]!;
    if (watch.role === 'follower') watch.ticksSinceReset++;
  }

  private judgeAdoption(id: NodeId, watch: NodeWatch, persistedTerm: number): void {
    if (persistedTerm < watch.termToAdopt) {
      this.report('term-adoption', `node ${id} received ${watch.adoptFrom} and did not adopt the term (§5.1)`);
    }
    watch.termToAdopt = 0;
  }
}

function mustAdopt(message: Message): boolean {
  if (message.type === 'RequestVoteRequest') return false;
  // A granted pre-vote carries the term the candidate proposes, which nobody holds yet.
  return !(message.type === 'RequestVoteResponse' && message.preVote === true && message.voteGranted);
}
