import { describe, expect, it } from 'vitest';
import type { Message } from '../../core/messages.js';
import { carriesExtras } from './message-extras.js';

const common = { from: 1, to: 2, term: 3 };
const snapshot = { lastIndex: 4, lastTerm: 2, members: [1, 2, 3], data: '' };

/** One message of each contract type with every field the contract names for it, optional ones included. */
const FULL_MESSAGES: readonly Message[] = [
  { type: 'AppendEntriesRequest', ...common, prevLogIndex: 1, prevLogTerm: 1, entries: [], leaderCommit: 0, round: 2 },
  { type: 'AppendEntriesResponse', ...common, success: true, matchIndex: 1, rejectedIndex: 0, conflictTerm: 0, conflictIndex: 0, round: 2 },
  { type: 'RequestVoteRequest', ...common, lastLogIndex: 1, lastLogTerm: 1, preVote: true, leadershipTransfer: false },
  { type: 'RequestVoteResponse', ...common, voteGranted: true, preVote: false },
  { type: 'InstallSnapshotRequest', ...common, snapshot, round: 1 },
  { type: 'TimeoutNowRequest', ...common },
];

/** A field of another type's, for each type: the contract does not name it for this one. */
const FOREIGN_FIELD: Readonly<Record<string, string>> = {
  AppendEntriesRequest: 'voteGranted',
  AppendEntriesResponse: 'entries',
  RequestVoteRequest: 'round',
  RequestVoteResponse: 'lastLogIndex',
  InstallSnapshotRequest: 'prevLogIndex',
  TimeoutNowRequest: 'round',
};

describe('carriesExtras', () => {
  it.each(FULL_MESSAGES.map((message) => [message.type, message] as const))('is false for a %s with every field the contract names for it', (_type, message) => {
    expect(carriesExtras(message)).toBe(false);
  });

  it.each(FULL_MESSAGES.map((message) => [message.type, message] as const))('is true for a %s with a field of its own', (_type, message) => {
    expect(carriesExtras({ ...message, context: 'x' } as unknown as Message)).toBe(true);
  });

  it.each(FULL_MESSAGES.map((message) => [message.type, message] as const))('is true for a %s with a field the contract names only for another type', (type, message) => {
    expect(carriesExtras({ ...message, [FOREIGN_FIELD[type]!]: 1 } as unknown as Message)).toBe(true);
  });

  it('is false without the optional fields, and true for a type the contract does not define', () => {
    expect(carriesExtras({ type: 'RequestVoteResponse', ...common, voteGranted: false })).toBe(false);
    expect(carriesExtras({ type: 'MsgHeartbeat', ...common } as unknown as Message)).toBe(true);
  });

  it('counts an enumerable field the message inherits', () => {
    const inherited = Object.create({ context: 'x' }) as Record<string, unknown>;
    Object.assign(inherited, { type: 'TimeoutNowRequest', ...common });
    expect(carriesExtras(inherited as unknown as Message)).toBe(true);
  });
});
