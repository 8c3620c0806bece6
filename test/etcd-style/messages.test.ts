import { Message as EtcdMessage, MessageType } from '@coaty/consensus.raft/ported/raftpb/raft.pb.js';
import { CampaignType } from '@coaty/consensus.raft/ported/raft.js';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../core/index.js';
import { fromEtcdEntry, toEtcd, toEtcdEntry, toEtcdSnapshot, toRaftsim } from './messages.js';
import type { SendingContext } from './messages.js';

const CONTEXT: SendingContext = { termAt: (index) => (index === 0 ? 0 : 2), heartbeatCommit: () => 4, answersStaleTerm: () => false };
const ENVELOPE = { from: '1', to: '2', term: 3 };

/** The fields etcd reads of a message, to compare what was sent with what arrives. */
function essence(message: EtcdMessage | null): Record<string, unknown> {
  if (message === null) return {};
  const { type, from, to, term, index, logTerm, commit, reject, rejectHint, context } = message;
  const entries = (message.entries ?? []).map((entry) => [entry.index, entry.term, entry.data]);
  const { metadata, data } = message.snapshot;
  const snapshot = [metadata.index, metadata.term, metadata.confState.voters, data ?? null];
  return { type, from, to, term, index, logTerm, commit, reject, rejectHint, context: context ?? null, entries, snapshot };
}

describe('the etcd-style adapter’s message mapping', () => {
  const sent: EtcdMessage[] = [
    new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgVote, index: 7, logTerm: 2, context: null }),
    new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgPreVote, term: 4, index: 7, logTerm: 2, context: null }),
    new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgVote, index: 7, logTerm: 2, context: CampaignType.campaignTransfer }),
    new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgVoteResp, reject: true }),
    new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgPreVoteResp, reject: false }),
    new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgApp, index: 5, logTerm: 2, commit: 4, entries: [toEtcdEntry({ term: 3, kind: 'noop', command: '' }, 6), toEtcdEntry({ term: 3, kind: 'command', command: 'x' }, 7)] }),
    new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgApp, index: 5, logTerm: 2, commit: 4, entries: [] }),
    new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgHeartbeat, commit: 4 }),
    new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgHeartbeatResp }),
    new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgAppResp, index: 9 }),
    new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgAppResp, index: 9, reject: true, rejectHint: 6, logTerm: 1 }),
    new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgTimeoutNow }),
    new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgSnap, snapshot: toEtcdSnapshot({ lastIndex: 6, lastTerm: 2, members: [1, 2, 3], data: 'state' }) }),
  ];

  it.each(sent.map((message) => [MessageType[message.type], message] as const))('an adapter receives %s exactly as another adapter sent it', (_, message) => {
    expect(essence(toEtcd(toRaftsim(message, CONTEXT)))).toEqual(essence(message));
  });

  it('an etcd heartbeat reads as the paper’s heartbeat: AppendEntries without entries, checked at the commit it carries', () => {
    const heartbeat = toRaftsim(new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgHeartbeat, commit: 4 }), CONTEXT);
    expect(heartbeat).toMatchObject({ type: 'AppendEntriesRequest', prevLogIndex: 4, prevLogTerm: 2, entries: [], leaderCommit: 4, etcdType: 'MsgHeartbeat' });
    const answer = toRaftsim(new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgHeartbeatResp }), CONTEXT);
    expect(answer).toMatchObject({ type: 'AppendEntriesResponse', success: true, matchIndex: 4 });
  });

  it('etcd’s answer to a stale leader reads as the paper’s refusal, and arrives as etcd sent it', () => {
    const answer = new EtcdMessage({ ...ENVELOPE, type: MessageType.MsgAppResp });
    const translated = toRaftsim(answer, { ...CONTEXT, answersStaleTerm: () => true });
    expect(translated).toMatchObject({ type: 'AppendEntriesResponse', term: 3, success: false, rejectedIndex: 0 });
    expect(essence(toEtcd(translated))).toEqual(essence(answer));
  });

  it('reads messages of other implementations with raftsim’s meaning: an AppendEntries is a MsgApp, a refusal’s hint names an entry the follower holds', () => {
    const base = { from: 1, to: 2, term: 3 };
    const heartbeat: Message = { ...base, type: 'AppendEntriesRequest', prevLogIndex: 4, prevLogTerm: 2, entries: [], leaderCommit: 4 };
    expect(toEtcd(heartbeat)).toMatchObject({ type: MessageType.MsgApp, index: 4, logTerm: 2, commit: 4 });
    const refusal = { ...base, type: 'AppendEntriesResponse', success: false, matchIndex: 0, rejectedIndex: 8 } as const;
    expect(toEtcd({ ...refusal, conflictTerm: 2, conflictIndex: 5 })).toMatchObject({ reject: true, index: 8, rejectHint: 8, logTerm: 2 });
    expect(toEtcd({ ...refusal, conflictTerm: 0, conflictIndex: 4 })).toMatchObject({ reject: true, index: 8, rejectHint: 3, logTerm: 0 });
    expect(toEtcd({ ...refusal, conflictTerm: 0, conflictIndex: 0 })).toMatchObject({ reject: true, index: 8, rejectHint: 7, logTerm: 0 });
  });

  it('keeps an entry’s kind: a no-op is etcd’s empty entry, a command its data', () => {
    for (const entry of [{ term: 2, kind: 'noop', command: '' }, { term: 2, kind: 'command', command: '' }, { term: 2, kind: 'command', command: 'set x' }] as const) {
      expect(fromEtcdEntry(toEtcdEntry(entry, 1))).toEqual(entry);
    }
    expect(toEtcdEntry({ term: 2, kind: 'noop', command: '' }, 1).data).toBeNull();
  });
});
