/**
 * Implementations may send more than the contract asks (docs/contract.md, Messages): fields of their
 * own on the contract's messages (etcd's commit on a heartbeat, a context) and message types they
 * declared. The trace keeps such a message whole; every other message it keeps as numbers.
 */
import type { Message, MessageType } from '../../core/messages.js';

const COMMON = ['type', 'from', 'to', 'term'];

/** The fields of each of the contract's message types, optional ones included. */
const CONTRACT_FIELDS: Readonly<Record<MessageType, ReadonlySet<string>>> = {
  RequestVoteRequest: new Set([...COMMON, 'lastLogIndex', 'lastLogTerm', 'preVote', 'leadershipTransfer']),
  RequestVoteResponse: new Set([...COMMON, 'voteGranted', 'preVote']),
  AppendEntriesRequest: new Set([...COMMON, 'prevLogIndex', 'prevLogTerm', 'entries', 'leaderCommit', 'round']),
  AppendEntriesResponse: new Set([...COMMON, 'success', 'matchIndex', 'rejectedIndex', 'conflictTerm', 'conflictIndex', 'round']),
  InstallSnapshotRequest: new Set([...COMMON, 'snapshot', 'round']),
  TimeoutNowRequest: new Set(COMMON),
};

/** Whether the message has a field the contract does not name for its type, or a type of the implementation's own. */
export function carriesExtras(message: Message): boolean {
  const fields = Object.hasOwn(CONTRACT_FIELDS, message.type) ? CONTRACT_FIELDS[message.type] : undefined;
  if (fields === undefined) return true;
  for (const key in message) if (!fields.has(key)) return true;
  return false;
}
