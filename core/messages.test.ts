import { describe, expect, it } from 'vitest';
import { isContractMessage, MESSAGE_TYPES } from './messages.js';

describe('MESSAGE_TYPES', () => {
  it('lists the six message types of the contract, each once', () => {
    expect([...MESSAGE_TYPES].sort()).toEqual([
      'AppendEntriesRequest',
      'AppendEntriesResponse',
      'InstallSnapshotRequest',
      'RequestVoteRequest',
      'RequestVoteResponse',
      'TimeoutNowRequest',
    ]);
  });
});

describe('isContractMessage', () => {
  it.each(MESSAGE_TYPES)('holds for the contract type %s', (type) => {
    expect(isContractMessage({ type })).toBe(true);
  });

  it('holds for a contract type spelled by a string built at run time', () => {
    const built = ['Append', 'Entries', 'Request'].join('');
    expect(isContractMessage({ type: built })).toBe(true);
  });

  it.each(['MsgHeartbeat', 'appendEntriesRequest', 'AppendEntries', '', 'toString', 'constructor'])('does not hold for %j', (type) => {
    expect(isContractMessage({ type })).toBe(false);
  });
});
