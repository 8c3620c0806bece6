/**
 * Implementations may send more than the contract asks (docs/contract.md, Messages): fields of their
 * own on the contract's messages (etcd's commit on a heartbeat, a context) and message types they
 * declared. The trace keeps such a message whole; every other message it keeps as numbers.
 */
import type { Message } from '../../core/messages.js';

/** Whether `key` is a field the contract names for every message (a seal only with integrity on). */
function isCommonField(key: string): boolean {
  return key === 'type' || key === 'from' || key === 'to' || key === 'term' || key === 'seal';
}

/**
 * Whether the message has a field the contract does not name for its type, or a type of the
 * implementation's own. This runs for every field of every message sent: the type is settled once,
 * and each field is then compared with the constant names of that type's fields, which costs next
 * to nothing for names written as literals.
 */
export function carriesExtras(message: Message): boolean {
  switch (message.type) {
    case 'AppendEntriesRequest':
      for (const key in message) if (!(isCommonField(key) || key === 'prevLogIndex' || key === 'prevLogTerm' || key === 'entries' || key === 'leaderCommit' || key === 'round')) return true;
      return false;
    case 'AppendEntriesResponse':
      for (const key in message) {
        if (!(isCommonField(key) || key === 'success' || key === 'matchIndex' || key === 'rejectedIndex' || key === 'conflictTerm' || key === 'conflictIndex' || key === 'round')) return true;
      }
      return false;
    case 'RequestVoteRequest':
      for (const key in message) if (!(isCommonField(key) || key === 'lastLogIndex' || key === 'lastLogTerm' || key === 'preVote' || key === 'leadershipTransfer')) return true;
      return false;
    case 'RequestVoteResponse':
      for (const key in message) if (!(isCommonField(key) || key === 'voteGranted' || key === 'preVote')) return true;
      return false;
    case 'InstallSnapshotRequest':
      for (const key in message) if (!(isCommonField(key) || key === 'snapshot' || key === 'round')) return true;
      return false;
    case 'TimeoutNowRequest':
      for (const key in message) if (!isCommonField(key)) return true;
      return false;
    default:
      return true;
  }
}
