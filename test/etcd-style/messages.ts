/**
 * Translation between raftsim's messages and etcd's raftpb messages, both ways, for the etcd-style
 * adapter (adapter.ts). The mapping is described in full in adapter.ts's header.
 *
 * Every message the adapter sends names etcd's kind for it in an extra field, `etcdType`, so that the
 * adapter on the other side gives its etcd node exactly the message that was sent (a heartbeat as a
 * heartbeat; a refusal's hint with etcd's meaning). A message without the field comes from another
 * implementation or a conformance test and is read with raftsim's meaning of each field.
 */
import { ConfState, Entry, EntryType, Message as EtcdMessage, MessageType, Snapshot, SnapshotMetadata } from '@coaty/consensus.raft/ported/raftpb/raft.pb.js';
import { CampaignType } from '@coaty/consensus.raft/ported/raft.js';
import type { Entry as RaftsimEntry, Message, NodeId, Snapshot as RaftsimSnapshot } from '../../core/index.js';

/** etcd's name for the kind of a message the adapter sent. */
export type EtcdType = keyof typeof MessageType;

/** A raftsim message as the adapter sends it: the contract's fields, and etcd's kind. */
export type TaggedMessage = Message & { readonly etcdType?: EtcdType };

/**
 * etcd's entry data: null for the entry a new leader appends (raftsim's `noop`), the command's text for
 * a client command, and `{ config }` for a configuration entry, which this adapter never creates.
 */
type EntryData = null | string | { readonly config: string };

export function toEtcdEntry(entry: RaftsimEntry, index: number): Entry {
  const data: EntryData = entry.kind === 'noop' ? null : entry.kind === 'command' ? entry.command : { config: entry.command };
  return new Entry({ term: entry.term, index, type: EntryType.EntryNormal, data });
}

export function fromEtcdEntry(entry: Entry): RaftsimEntry {
  const data = entry.data as EntryData | undefined;
  if (data === null || data === undefined) return { term: entry.term, kind: 'noop', command: '' };
  if (typeof data === 'string') return { term: entry.term, kind: 'command', command: data };
  return { term: entry.term, kind: 'config', command: data.config };
}

/** A raftsim snapshot as etcd's: its configuration is the ConfState's voters. */
export function toEtcdSnapshot(snapshot: RaftsimSnapshot): Snapshot {
  const confState = new ConfState({ voters: snapshot.members.map(etcdId) });
  return new Snapshot({ data: snapshot.data, metadata: new SnapshotMetadata({ index: snapshot.lastIndex, term: snapshot.lastTerm, confState }) });
}

export function fromEtcdSnapshot(snapshot: Snapshot): RaftsimSnapshot {
  const { index, term, confState } = snapshot.metadata;
  return { lastIndex: index, lastTerm: term, members: confState.voters.map(Number), data: snapshot.data as string };
}

export function etcdId(id: NodeId): string {
  return String(id);
}

/** etcd's "no node" is the empty id. */
export function raftsimId(id: string): NodeId | null {
  return id === '' ? null : Number(id);
}

/** What the sending side knows that an etcd message does not carry. */
export interface SendingContext {
  /** The term of the sender's entry at `index`: what a heartbeat's prevLogTerm is. */
  readonly termAt: (index: number) => number;
  /** For a heartbeat's answer: the commit index of the heartbeat it answers, through which the follower holds the log. */
  readonly heartbeatCommit: (message: EtcdMessage) => number;
  /** Whether a MsgAppResp answers an AppendEntries of a lower term (sent under PreVote or CheckQuorum). */
  readonly answersStaleTerm: (message: EtcdMessage) => boolean;
}

/** An etcd message as raftsim's message of the same meaning, tagged with etcd's kind. */
export function toRaftsim(message: EtcdMessage, context: SendingContext): TaggedMessage {
  const envelope = { from: Number(message.from), to: Number(message.to), term: message.term };
  const etcdType = MessageType[message.type] as EtcdType;
  const tagged = <T extends Message>(fields: T): TaggedMessage => ({ ...fields, etcdType });
  switch (message.type) {
    case MessageType.MsgVote:
    case MessageType.MsgPreVote:
      return tagged({
        type: 'RequestVoteRequest',
        ...envelope,
        lastLogIndex: message.index,
        lastLogTerm: message.logTerm,
        ...(message.type === MessageType.MsgPreVote ? { preVote: true } : {}),
        ...(message.context === CampaignType.campaignTransfer ? { leadershipTransfer: true } : {}),
      });
    case MessageType.MsgVoteResp:
    case MessageType.MsgPreVoteResp:
      return tagged({
        type: 'RequestVoteResponse',
        ...envelope,
        voteGranted: !message.reject,
        ...(message.type === MessageType.MsgPreVoteResp ? { preVote: true } : {}),
      });
    case MessageType.MsgApp:
      return tagged({
        type: 'AppendEntriesRequest',
        ...envelope,
        prevLogIndex: message.index,
        prevLogTerm: message.logTerm,
        entries: (message.entries ?? []).map(fromEtcdEntry),
        leaderCommit: message.commit,
      });
    case MessageType.MsgHeartbeat:
      // The paper's heartbeat: no entries, checked at the follower's match (a heartbeat's commit is at
      // most the follower's match), so that it reads right under the paper's rules as well.
      return tagged({
        type: 'AppendEntriesRequest',
        ...envelope,
        prevLogIndex: message.commit,
        prevLogTerm: context.termAt(message.commit),
        entries: [],
        leaderCommit: message.commit,
      });
    case MessageType.MsgAppResp:
      // etcd tells a stale leader its term with a MsgAppResp of index 0 whose content nobody reads;
      // raftsim's reading of it is the paper's refusal, with no index refused.
      if (context.answersStaleTerm(message)) {
        return tagged({ type: 'AppendEntriesResponse', ...envelope, success: false, matchIndex: 0, rejectedIndex: 0, conflictTerm: 0, conflictIndex: 0 });
      }
      return tagged({
        type: 'AppendEntriesResponse',
        ...envelope,
        success: !message.reject,
        matchIndex: message.reject ? 0 : message.index,
        rejectedIndex: message.reject ? message.index : 0,
        // etcd's hint, with etcd's meaning: the follower's entry at rejectHint has term logTerm.
        conflictTerm: message.reject ? message.logTerm : 0,
        conflictIndex: message.reject ? message.rejectHint : 0,
      });
    case MessageType.MsgHeartbeatResp:
      return tagged({
        type: 'AppendEntriesResponse',
        ...envelope,
        success: true,
        matchIndex: context.heartbeatCommit(message),
        rejectedIndex: 0,
        conflictTerm: 0,
        conflictIndex: 0,
      });
    case MessageType.MsgTimeoutNow:
      return tagged({ type: 'TimeoutNowRequest', ...envelope });
    case MessageType.MsgSnap:
      return tagged({ type: 'InstallSnapshotRequest', ...envelope, snapshot: fromEtcdSnapshot(message.snapshot) });
    default:
      throw new Error(`the etcd-style adapter cannot send etcd's ${etcdType} (from ${message.from} to ${message.to})`);
  }
}

/** A raftsim message as the etcd message its sender meant; null for one etcd has no counterpart of. */
export function toEtcd(message: TaggedMessage): EtcdMessage | null {
  const envelope = { from: etcdId(message.from), to: etcdId(message.to), term: message.term };
  switch (message.type) {
    case 'RequestVoteRequest':
      return new EtcdMessage({
        ...envelope,
        type: message.preVote === true ? MessageType.MsgPreVote : MessageType.MsgVote,
        index: message.lastLogIndex,
        logTerm: message.lastLogTerm,
        context: message.leadershipTransfer === true ? CampaignType.campaignTransfer : null,
      });
    case 'RequestVoteResponse':
      return new EtcdMessage({
        ...envelope,
        type: message.preVote === true ? MessageType.MsgPreVoteResp : MessageType.MsgVoteResp,
        reject: !message.voteGranted,
      });
    case 'AppendEntriesRequest':
      if (message.etcdType === 'MsgHeartbeat') return new EtcdMessage({ ...envelope, type: MessageType.MsgHeartbeat, commit: message.leaderCommit });
      return new EtcdMessage({
        ...envelope,
        type: MessageType.MsgApp,
        index: message.prevLogIndex,
        logTerm: message.prevLogTerm,
        entries: message.entries.map((entry, offset) => toEtcdEntry(entry, message.prevLogIndex + offset + 1)),
        commit: message.leaderCommit,
      });
    case 'AppendEntriesResponse':
      if (message.etcdType === 'MsgHeartbeatResp') return new EtcdMessage({ ...envelope, type: MessageType.MsgHeartbeatResp });
      if (message.success) return new EtcdMessage({ ...envelope, type: MessageType.MsgAppResp, index: message.matchIndex });
      // etcd refuses no index 0 (every log holds the empty prefix): this is its answer to a stale term.
      if (message.etcdType === 'MsgAppResp' && message.rejectedIndex === 0) return new EtcdMessage({ ...envelope, type: MessageType.MsgAppResp });
      return new EtcdMessage({ ...envelope, type: MessageType.MsgAppResp, reject: true, index: message.rejectedIndex, ...refusalHint(message) });
    case 'TimeoutNowRequest':
      return new EtcdMessage({ ...envelope, type: MessageType.MsgTimeoutNow });
    case 'InstallSnapshotRequest':
      return new EtcdMessage({ ...envelope, type: MessageType.MsgSnap, snapshot: toEtcdSnapshot(message.snapshot) });
    default:
      return null;
  }
}

/**
 * etcd's hint (rejectHint, logTerm): an entry the follower holds, at or below the refused index, whose
 * term is at most the leader's there. From another etcd node it is in the fields as sent. raftsim's
 * hint (§5.3) names the term of the follower's entry at the refused index and the first index of that
 * term, or, with no entry there, the follower's last index + 1 and term 0; both say which entry the
 * follower holds, so either reads as an etcd hint. Without a hint (0, 0), the leader backs up by one.
 */
function refusalHint(message: Extract<TaggedMessage, { type: 'AppendEntriesResponse' }>): { rejectHint: number; logTerm: number } {
  if (message.etcdType === 'MsgAppResp') return { rejectHint: message.conflictIndex, logTerm: message.conflictTerm };
  if (message.conflictTerm > 0) return { rejectHint: message.rejectedIndex, logTerm: message.conflictTerm };
  if (message.conflictIndex > 0) return { rejectHint: Math.min(message.conflictIndex - 1, message.rejectedIndex - 1), logTerm: 0 };
  return { rejectHint: Math.max(message.rejectedIndex - 1, 0), logTerm: 0 };
}
