import { describe, expect, it } from 'vitest';
import { thrownAt } from './thrown-at.js';

function errorWithStack(stack: string): Error {
  const error = new Error('boom');
  error.stack = stack;
  return error;
}

describe('where an implementation threw', () => {
  it('names the function and the file alone, so that the text is the same wherever the code is installed', () => {
    expect(thrownAt(errorWithStack('Error: boom\n    at RaftNode.sendAppend (file:///work/main/dist/core/node/leader-replication.js:169:19)\n    at x'))).toBe(
      'at RaftNode.sendAppend (leader-replication.js:169:19)',
    );
    expect(thrownAt(errorWithStack('Error: boom\n    at /tmp/ci/examples/minimal-raft.js:12:5'))).toBe('at minimal-raft.js:12:5');
    expect(thrownAt(errorWithStack('Error: boom\n    at step (C:\\raft\\node.js:3:1)'))).toBe('at step (node.js:3:1)');
  });

  it('has nothing to say of a thrown value that is not an Error', () => {
    expect(thrownAt('a string')).toBeUndefined();
  });
});
