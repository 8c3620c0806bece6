/**
 * An etcd-style implementation behind raftsim's node contract, for the test suite only: the port of
 * etcd/raft in `@coaty/consensus.raft` (its `ported/` folder: RawNode, MemoryStorage, Tick/Step/Ready/
 * Advance, line by line from etcd's Go), driven through this adapter and nothing else. It is how raftsim
 * is held to code it did not write: conformance and exploration must find nothing wrong with it.
 *
 *   npx raftsim conformance --impl test/etcd-style/adapter.ts
 *   npx raftsim explore --impl test/etcd-style/adapter.ts --policy preVote=on --policy checkQuorum=on
 *
 * What the adapter does, and nothing more:
 *
 * - Storage. Each node keeps an etcd MemoryStorage, filled at creation from what raftsim persisted
 *   (hardState, log; the configuration raftsim starts the cluster with as the storage's ConfState) and
 *   then, in advance(), with each Ready the host has made durable: HardState, entries, snapshot. The
 *   commit index is not part of raftsim's hard state, so a restarted node starts with commit 0 and
 *   learns it again from its leader; with `applied` 0 it hands everything committed out to apply again,
 *   as the host, whose state machine restarts empty, expects.
 * - Ready. One etcd Ready is one raftsim Ready: its HardState (when term or vote changed; etcd's
 *   HardState also changes with the commit index, which raftsim does not persist), its unstable entries
 *   as the log write (etcd truncates at the first entry's index, as raftsim's `logWrite` does), its
 *   messages, its committed entries, its SoftState. advance() hands the same etcd Ready back to RawNode.
 * - Entries. raftsim's `noop` is etcd's empty entry (data null) that a new leader appends; a command is
 *   etcd data holding the command's text.
 * - Options. etcd's electionTick is `electionTimeoutMinTicks` (its CheckQuorum interval and leader
 *   lease), heartbeatTick is `heartbeatTicks`, MaxInflightMsgs `maxInflightAppends`; PreVote and
 *   CheckQuorum as the options say. etcd caps messages in bytes, not entries: no cap is set, which the
 *   contract allows. etcd needs electionTick above heartbeatTick and refuses other options.
 * - Determinism. etcd draws its randomized election timeout with Math.random, in [electionTick,
 *   2 × electionTick − 1] (raft.js, resetRandomizedElectionTimeout). Each node's raft instance gets its
 *   own resetRandomizedElectionTimeout that draws from the node's RandomSource uniformly in
 *   [electionTimeoutMinTicks, electionTimeoutMaxTicks], the range the host's rules assume; the one draw
 *   made with Math.random while etcd builds the node is replaced at once. Nothing else in the port reads
 *   a clock or a random source (tracker.js copies a Date only if its configuration held one; it holds
 *   none). Logging goes to a silent logger of the adapter's, whose panics throw.
 * - Proposals. Only a leader takes them (etcd's forwarding to the leader is switched off: the contract
 *   answers a follower's proposal with the leader it knows).
 * - Messages, etcd -> raftsim (messages.ts). Every message also carries etcd's kind in `etcdType`.
 *     MsgVote, MsgPreVote        RequestVoteRequest (index, logTerm as lastLogIndex, lastLogTerm;
 *                                preVote: true for MsgPreVote; leadershipTransfer: true when the
 *                                context is etcd's transfer campaign)
 *     MsgVoteResp, MsgPreVoteResp RequestVoteResponse (voteGranted = !reject; preVote: true)
 *     MsgApp                     AppendEntriesRequest (index, logTerm, entries, commit as prevLogIndex,
 *                                prevLogTerm, entries, leaderCommit)
 *     MsgHeartbeat               AppendEntriesRequest with no entries, prevLogIndex = leaderCommit = the
 *                                heartbeat's commit (etcd's min(match, committed)), prevLogTerm the
 *                                leader's term there: under the paper's rules too it is a heartbeat that
 *                                the follower's log matches
 *     MsgAppResp                 AppendEntriesResponse: success = !reject, matchIndex = index; a refusal
 *                                has rejectedIndex = index and etcd's hint (rejectHint, logTerm) in
 *                                conflictIndex, conflictTerm, with etcd's meaning ("my entry at
 *                                rejectHint has term logTerm"). etcd's answer to a lower-term
 *                                AppendEntries under PreVote or CheckQuorum (a MsgAppResp of index 0,
 *                                not rejected, read by nobody but for its term) is the paper's
 *                                refusal: success false, rejectedIndex 0, at the higher term
 *     MsgHeartbeatResp           AppendEntriesResponse, success, matchIndex the commit index of the
 *                                heartbeat it answers (through which the follower holds the log)
 *     MsgTimeoutNow              TimeoutNowRequest
 *     MsgSnap                    InstallSnapshotRequest (metadata index, term, ConfState voters and data as
 *                                the snapshot's lastIndex, lastTerm, members and data); etcd answers it
 *                                with a MsgAppResp
 * - Messages, raftsim -> etcd. With `etcdType`, the same kind back (a heartbeat stays a heartbeat, and
 *   its answer a MsgHeartbeatResp). Without it (a conformance test, another implementation), an
 *   AppendEntriesRequest is a MsgApp, empty or not, and a refusal's raftsim hint (the term at the
 *   refused index and the first index of that term, or the last index + 1 and term 0) becomes an etcd
 *   hint naming an entry the follower holds. The simulator hands the message object itself from sender
 *   to receiver, duplicates included, so the extra field arrives; the trace (format version 2) keeps it
 *   too, as the message was sent (see docs/trace-format.md).
 *
 * - Snapshots. compact(index, data) is etcd's CreateSnapshot then Compact on the storage; a snapshot
 *   etcd installs comes out as the Ready's snapshot, and a restarted node's storage starts from the
 *   persisted one. etcd's leader waits for its transport to report a snapshot sent (ReportSnapshot)
 *   before it probes that follower again; the adapter reports each as finished once the host has sent
 *   its Ready, as etcd's own transport does, so a lost snapshot is sent again after a heartbeat.
 *
 * Left out, so raftsim does not exercise them: membership changes and reads.
 */
import { format } from 'node:util';
import { RaftConfig, StateType, noLimit } from '@coaty/consensus.raft/ported/raft.js';
import type { Raft } from '@coaty/consensus.raft/ported/raft.js';
import { RawNode } from '@coaty/consensus.raft/ported/rawnode.js';
import type { Ready as EtcdReady } from '@coaty/consensus.raft/ported/node.js';
import type { Logger } from '@coaty/consensus.raft/ported/logger.js';
import { SnapshotStatus } from '@coaty/consensus.raft/ported/node.js';
import { MessageType } from '@coaty/consensus.raft/ported/raftpb/raft.pb.js';
import type { Message as EtcdMessage } from '@coaty/consensus.raft/ported/raftpb/raft.pb.js';
import type { CoreOptions, Message, NodeConfig, ProposeResult, RaftImplementation, RaftNodeInstance, RandomSource, Ready, Role, Snapshot } from '../../core/index.js';
import { etcdId, fromEtcdEntry, fromEtcdSnapshot, raftsimId, toEtcd, toRaftsim } from './messages.js';
import type { SendingContext } from './messages.js';
import { storageFrom } from './storage.js';
import type { MemoryStorage } from '@coaty/consensus.raft/ported/storage.js';

const ROLES: Record<StateType, Role> = {
  [StateType.StateFollower]: 'follower',
  [StateType.StateCandidate]: 'candidate',
  [StateType.StateLeader]: 'leader',
  [StateType.StatePreCandidate]: 'precandidate',
  [StateType.numStates]: 'follower',
};

/** Says nothing; a panic in the port throws, so that raftsim reports it as the node's failure. */
const SILENT_LOGGER: Logger = {
  infof: () => undefined,
  warningf: () => undefined,
  errorf: () => undefined,
  debugf: () => undefined,
  fatalf: (text: string, ...values: unknown[]) => {
    throw new Error(`etcd raft fatal: ${format(text, ...values)}`);
  },
  panicf: (text: string, ...values: unknown[]) => {
    throw new Error(`etcd raft panic: ${format(text, ...values)}`);
  },
};

/** Replaces etcd's Math.random draw with the node's own source, in the contract's range. */
function drawElectionTimeoutsFrom(raft: Raft, random: RandomSource, options: CoreOptions): void {
  const min = options.electionTimeoutMinTicks;
  const span = options.electionTimeoutMaxTicks - min + 1;
  raft.resetRandomizedElectionTimeout = () => {
    raft.randomizedElectionTimeout = min + Math.floor(random.next() * span);
  };
  raft.resetRandomizedElectionTimeout();
}

class EtcdStyleNode implements RaftNodeInstance {
  private readonly storage: MemoryStorage;
  private readonly rawNode: RawNode;
  private readonly raft: Raft;
  /** The etcd Ready handed out and not yet advanced. */
  private pending: EtcdReady | null = null;
  /** The term and vote of the last hard state handed out, to leave out a change of commit alone. */
  private handedOut: { term: number; vote: string };
  /** Each heartbeat answer, with the commit index of the heartbeat it answers. */
  private readonly heartbeatCommits = new WeakMap<EtcdMessage, number>();
  /** The answers to AppendEntries of a lower term. */
  private readonly staleTermAnswers = new WeakSet<EtcdMessage>();
  private readonly sending: SendingContext = {
    termAt: (index) => this.raft.raftLog.zeroTermOnErrCompacted(...this.raft.raftLog.term(index)),
    heartbeatCommit: (message) => this.heartbeatCommits.get(message) ?? 0,
    answersStaleTerm: (message) => this.staleTermAnswers.has(message),
  };

  constructor(config: NodeConfig) {
    const { options } = config;
    if (options.heartbeatTicks >= options.electionTimeoutMinTicks) {
      throw new Error(`etcd's raft needs electionTimeoutMinTicks (${options.electionTimeoutMinTicks}) above heartbeatTicks (${options.heartbeatTicks})`);
    }
    this.storage = storageFrom(config);
    const raftConfig = new RaftConfig({
      id: etcdId(config.id),
      electionTick: options.electionTimeoutMinTicks,
      heartbeatTick: options.heartbeatTicks,
      storage: this.storage,
      maxSizePerMsg: noLimit,
      maxInflightMsgs: options.maxInflightAppends,
      checkQuorum: options.checkQuorum,
      preVote: options.preVote,
      logger: SILENT_LOGGER,
      disableProposalForwarding: true,
    });
    this.rawNode = RawNode.NewRawNode(raftConfig);
    this.raft = this.rawNode.raft;
    drawElectionTimeoutsFrom(this.raft, config.random, options);
    this.handedOut = { term: this.raft.term, vote: this.raft.vote };
  }

  tick(): void {
    this.rawNode.tick();
  }

  step(message: Message): void {
    const translated = toEtcd(message);
    if (translated === null) return;
    const sentBefore = this.raft.msgs.length;
    const staleTerm = translated.term < this.raft.term;
    // Refusals come back as values (a response from a stranger); etcd ignores such a message.
    this.rawNode.step(translated);
    for (const sent of this.raft.msgs.slice(sentBefore)) {
      if (sent.type === MessageType.MsgHeartbeatResp) this.heartbeatCommits.set(sent, translated.commit);
      if (sent.type === MessageType.MsgAppResp && staleTerm) this.staleTermAnswers.add(sent);
    }
  }

  propose(command: string): ProposeResult {
    const leaderId = raftsimId(this.raft.lead);
    if (this.raft.state !== StateType.StateLeader) return { accepted: false, leaderId };
    const index = this.raft.raftLog.lastIndex() + 1;
    const term = this.raft.term;
    const refused = this.rawNode.propose(command);
    if (refused !== null) return { accepted: false, leaderId, reason: refused.message };
    return { accepted: true, index, term };
  }

  transferLeadership(to: number): boolean {
    if (this.raft.state !== StateType.StateLeader || this.raft.prs.progress.get(etcdId(to)) === undefined) return false;
    if (to === raftsimId(this.raft.id)) return false;
    this.rawNode.transferLeader(etcdId(to));
    return true;
  }

  hasReady(): boolean {
    return this.rawNode.hasReady();
  }

  ready(): Ready {
    if (this.pending !== null) throw new Error('ready() called again before advance()');
    const ready = this.rawNode.ready();
    this.pending = ready;
    const entries = ready.entries ?? [];
    const committed = ready.committedEntries ?? [];
    return {
      hardState: this.hardStateChange(ready),
      logWrite: entries.length === 0 ? null : { fromIndex: entries[0]!.index, entries: entries.map(fromEtcdEntry) },
      messages: ready.messages.map((message) => toRaftsim(message, this.sending)),
      committedEntries: committed.length === 0 ? null : { fromIndex: committed[0]!.index, entries: committed.map(fromEtcdEntry) },
      softState: ready.softState === null ? null : { role: ROLES[ready.softState.raftState], leaderId: raftsimId(ready.softState.lead) },
      snapshot: ready.snapshot.isEmptySnap() ? null : fromEtcdSnapshot(ready.snapshot),
      commitIndex: this.raft.raftLog.committed,
    };
  }

  /** The host made the Ready durable and applied it: the storage takes what the disk now holds. */
  advance(): void {
    const ready = this.pending;
    if (ready === null) throw new Error('advance() called without a Ready');
    this.pending = null;
    if (!ready.hardState.isEmptyHardState()) this.storage.SetHardState(ready.hardState);
    if (!ready.snapshot.isEmptySnap()) this.storage.ApplySnapshot(ready.snapshot);
    this.storage.Append(ready.entries ?? []);
    this.rawNode.advance(ready);
    // The host has sent the Ready's messages: as etcd's transport does once a snapshot has gone out,
    // report it, so that the leader probes again (and sends it anew, if it was lost) after a heartbeat.
    for (const message of ready.messages) {
      if (message.type === MessageType.MsgSnap) this.rawNode.reportSnapshot(message.to, SnapshotStatus.SnapshotFinish);
    }
  }

  /** The host's state machine through `index` stands in for the log there (§7); null when etcd keeps its log. */
  compact(index: number, data: string): Snapshot | null {
    if (index > this.raft.raftLog.applied || index <= this.storage.snapshot.metadata.index) return null;
    const [snapshot, refused] = this.storage.CreateSnapshot(index, this.raft.prs.confState(), data);
    if (refused !== null) return null;
    const taken = fromEtcdSnapshot(snapshot);
    this.storage.Compact(index);
    return taken;
  }

  private hardStateChange(ready: EtcdReady): Ready['hardState'] {
    const { term, vote } = ready.hardState;
    if (ready.hardState.isEmptyHardState() || (term === this.handedOut.term && vote === this.handedOut.vote)) return null;
    this.handedOut = { term, vote };
    return { term, votedFor: raftsimId(vote) };
  }
}

export const implementation: RaftImplementation = {
  name: 'etcd-style (@coaty/consensus.raft)',
  create: (config) => new EtcdStyleNode(config),
};

export default implementation;
