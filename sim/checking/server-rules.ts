/**
 * Two of Figure 2's rules for servers that no log or state checker can see, because they are about what
 * a node does with a message or with time rather than about its state. Each errs only towards silence:
 * what the host cannot see for certain, and every variant the paper leaves open, is not held against the
 * node. docs/checkers.md gives the paper's text and the variants each must accept.
 *
 * - term-adoption (§5.1, Figure 2 "Rules for Servers, All Servers": "If RPC request or response contains
 *   term T > currentTerm: set currentTerm = T, convert to follower"). After such a message, met while the
 *   node had no write outstanding (so its observed term is its real one), the node must not act in its
 *   old term: a leader, candidate or pre-candidate that hands out nothing has not stepped down, and a
 *   request of a term below T sent before the node persists a term of at least T was sent in the old
 *   term. Accepted: persisting T at once (etcd) or only before it next sends (the paper asks the term to
 *   be durable only before answering); ignoring vote requests (CheckQuorum's leader stickiness, §4.2.3
 *   of the dissertation), pre-votes and their answers (a pre-vote term is only proposed, §9.6), and
 *   stale messages (lower terms are not this rule's concern: they may be refused or ignored).
 * - election-timer (§5.2, Figure 2 "Followers": "If election timeout elapses without receiving
 *   AppendEntries RPC from current leader or granting vote to candidate: convert to candidate"). A
 *   follower that goes more than its longest election timeout (and one tick of grace) of its own ticks
 *   without any event that may restart its timer, and stays a follower, is reported. Events that restart
 *   it: a start; any Ready with a role or leader (softState) or a hard state (a higher term adopted from
 *   any message, a vote recorded: etcd restarts its timer in becomeFollower, even for a vote it then
 *   refuses); any granted vote or pre-vote (a voter may treat a pre-vote as a vote); any message of a
 *   term above the observed durable term except a pre-vote request; and any message of at least that
 *   term that may come from a leader (AppendEntries, heartbeats, snapshots, TimeoutNow, message types
 *   the contract does not know). Only refused vote requests and pre-votes of no higher term, responses
 *   and older leaders' requests leave the count running. Never judged while a write may hide a role
 *   change, nor for a server outside both its latest and its committed configuration (§4), which may
 *   not stand. Candidates are not judged: a candidate may resend RequestVote within its term (§5.1)
 *   rather than stand again.
 */
import type { Ready } from '../../core/contract.js';
import { isContractMessage, isPreVote } from '../../core/messages.js';
import type { Message } from '../../core/messages.js';
import type { NodeId } from '../../core/types.js';

/** The host's rules: these two, and durable-restart (durable-restart.ts), the simulator's promise about disks. */
export type ServerRuleName = 'term-adoption' | 'election-timer' | 'durable-restart' | 'message-integrity';

/**
 * Messages that only a follower, a candidate or a deposed node sends: hearing one of the current term is
 * not hearing a leader. Constant comparisons rather than a set's lookup: this runs for every delivery.
 */
function notFromALeader(type: string): boolean {
  return type === 'AppendEntriesResponse' || type === 'RequestVoteRequest' || type === 'RequestVoteResponse';
}

/** Requests a node sends on its own as leader or candidate, which carry its current term. */
const REQUESTS_OF_ITS_TERM: ReadonlySet<string> = new Set(['RequestVoteRequest', 'AppendEntriesRequest', 'InstallSnapshotRequest', 'TimeoutNowRequest']);

class NodeWatch {
  /** A term the node was shown and must not act below; 0 for none. */
  termToAdopt = 0;
  adoptFrom = '';
  /** Whether the node led, stood or polled for votes when it was shown termToAdopt, so that it had to step down. */
  mustStepDown = false;
  /** Whether no Ready was taken since termToAdopt was shown. */
  awaitingReady = false;
  /** The role of the last softState handed out. */
  role = 'follower';
  ticksSinceReset = 0;

  constructor(
    /** Ticks past which a follower that heard nothing has overstayed: its longest timeout and one tick of grace. */
    readonly tickLimit: number,
  ) {}
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
    for (let id = 0; id <= nodeCount; id++) this.watches.push(this.newWatch(id));
  }

  started(id: NodeId): void {
    this.watches[id] = this.newWatch(id);
  }

  /** The limit is read after every tick and message a follower handles: asked for once per start. */
  private newWatch(id: NodeId): NodeWatch {
    return new NodeWatch(id === 0 ? 0 : this.maxTimeoutTicks(id) + 1);
  }

  /** Before the node steps `message`; `observedTerm` is its durable term, `writing` whether a write is outstanding. */
  delivering(id: NodeId, message: Message, observedTerm: number, writing: boolean): void {
    const watch = this.watches[id]!;
    if (mayRestartTimer(message, observedTerm)) watch.ticksSinceReset = 0;
    if (writing || message.term <= observedTerm || !mustAdopt(message)) return;
    if (message.term <= watch.termToAdopt) return;
    watch.termToAdopt = message.term;
    watch.adoptFrom = `${message.type} of term ${message.term} from node ${message.from} while in term ${observedTerm}`;
    watch.mustStepDown = watch.role !== 'follower';
    watch.awaitingReady = true;
  }

  readyTaken(id: NodeId, ready: Ready): void {
    const watch = this.watches[id]!;
    if (watch.termToAdopt > 0) this.judgeAdoption(id, watch, ready);
    if (ready.softState !== null) watch.role = ready.softState.role;
    if (ready.softState !== null || ready.hardState !== null || grantsAVote(ready.messages)) watch.ticksSinceReset = 0;
  }

  /** After the node handled an input and the host took what it had; `writing` whether a write is outstanding. */
  handled(id: NodeId, writing: boolean): void {
    const watch = this.watches[id]!;
    if (watch.awaitingReady) {
      watch.awaitingReady = false;
      // A step down is a role change, handed out in a Ready: with none, the node still leads or stands in its old term.
      if (watch.mustStepDown) this.reportAdoption(id, watch);
    }
    if (writing || watch.role !== 'follower') return;
    if (!this.mayStand(id)) {
      watch.ticksSinceReset = 0;
      return;
    }
    const limit = watch.tickLimit;
    if (watch.ticksSinceReset > limit) {
      this.report(
        'election-timer',
        `node ${id} stayed a follower for ${watch.ticksSinceReset} ticks without hearing from a leader, adopting a term or granting a vote; its election timeout is at most ${limit - 1} ticks (§5.2)`,
      );
      watch.ticksSinceReset = 0;
    }
  }

  ticked(id: NodeId): void {
    const watch = this.watches[id]!;
    if (watch.role === 'follower') watch.ticksSinceReset++;
  }

  /**
   * A Ready after a higher term: persisting a term at least as high settles it. Before that, a request
   * of a lower term is the node acting in its old term, and so is a leader, candidate or pre-candidate
   * not stepping down. A follower that persists the term later (before it next sends) is watched on.
   */
  private judgeAdoption(id: NodeId, watch: NodeWatch, ready: Ready): void {
    const firstReady = watch.awaitingReady;
    watch.awaitingReady = false;
    if ((ready.hardState?.term ?? 0) >= watch.termToAdopt) {
      watch.termToAdopt = 0;
      return;
    }
    const stale = ready.messages.find((message) => REQUESTS_OF_ITS_TERM.has(message.type) && message.term < watch.termToAdopt && !isPreVote(message));
    const role = ready.softState?.role ?? watch.role;
    if (stale !== undefined) {
      this.reportAdoption(id, watch, ` and went on to send a ${stale.type} of term ${stale.term}`);
    } else if (firstReady && watch.mustStepDown && role !== 'follower') {
      this.reportAdoption(id, watch, ` and went on as ${role}`);
    } else if (role === 'leader' || role === 'candidate') {
      // Standing again would have persisted a term above the one shown.
      this.reportAdoption(id, watch, ` and went on as ${role} of an older term`);
    }
  }

  private reportAdoption(id: NodeId, watch: NodeWatch, what = ''): void {
    this.report('term-adoption', `node ${id} received ${watch.adoptFrom} and did not adopt the term${what} (§5.1)`);
    watch.termToAdopt = 0;
  }
}

function mustAdopt(message: Message): boolean {
  // Vote requests may be ignored under CheckQuorum's stickiness; pre-votes and their answers carry proposed
  // terms; so may an implementation's own message types, whose meaning the host does not know.
  return isContractMessage(message) && message.type !== 'RequestVoteRequest' && !isPreVote(message);
}

/** Whether hearing `message` may restart a follower's timer in some implementation the paper allows. */
function mayRestartTimer(message: Message, observedTerm: number): boolean {
  if (message.term > observedTerm) return !(message.type === 'RequestVoteRequest' && message.preVote === true);
  return message.term === observedTerm && !notFromALeader(message.type);
}

function grantsAVote(messages: readonly Message[]): boolean {
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index]!;
    if (message.type === 'RequestVoteResponse' && message.voteGranted) return true;
  }
  return false;
}
