/**
 * Implementations may send more than the contract asks (docs/contract.md, Messages): fields of their
 * own on the contract's messages (etcd's commit on a heartbeat, a context) and message types they
 * declared. The trace keeps such a message whole; every other message it keeps as numbers.
 */
import { isContractMessage } from '../../core/messages.js';
import type { Message, MessageType } from '../../core/messages.js';

/** Whether `key` is a field the contract names for every message. */
function isCommonField(key: string): boolean {
  return key === 'type' || key === 'from' || key === 'to' || key === 'term';
}

/**
 * Whether `key` is a field the contract names for messages of `type`. Written as comparisons of
 * constant strings, which cost next to nothing: this runs for every field of every message sent.
 */
function isContractField(type: MessageType, key: string): boolean {
  if (isCommonField(key)) return true;
  switch (type) {
    case 'AppendEntriesRequest':
      return key === 'prevLogIndex' || key === 'prevLogTerm' || key === 'entries' || key === 'leaderCommit' || key === 'round';
    case 'AppendEntriesResponse':
      return key === 'success' || key === 'matchIndex' || key === 'rejectedIndex' || key === 'conflictTerm' || key === 'conflictIndex' || key === 'round';
    case 'RequestVoteRequest':
      return key === 'lastLogIndex' || key === 'lastLogTerm' || key === 'preVote' || key === 'leadershipTransfer';
    case 'RequestVoteResponse':
      return key === 'voteGranted' || key === 'preVote';
    case 'InstallSnapshotRequest':
      return key === 'snapshot' || key === 'round';
    case 'TimeoutNowRequest':
      return false;
  }
}

/** Whether the message has a field the contract does not name for its type, or a type of the implementation's own. */
export function carriesExtras(message: Message): boolean {
  const type = message.type;
  if (!isContractMessage(message)) return true;
  for (const key in message) if (!isContractField(type, key)) return true;
  return false;
}
