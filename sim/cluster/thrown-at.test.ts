import { describe, expect, it } from 'vitest';
import { isOwnCode, thrownAt } from './thrown-at.js';

function errorWithStack(stack: string): Error {
  const error = new Error('boom');
  error.stack = stack;
  return error;
}

const BUILT = '/opt/app/node_modules/raftsim/dist/';

describe('where an implementation threw', () => {
  it('names the function and the file alone, so that the text is the same wherever the code is installed', () => {
    expect(thrownAt(errorWithStack('Error: boom\n    at Node.step (file:///home/me/raft/node.js:169:19)\n    at x'), BUILT)).toBe('at Node.step (node.js:169:19)');
    expect(thrownAt(errorWithStack('Error: boom\n    at /tmp/ci/examples/minimal-raft.js:12:5'), BUILT)).toBe('at minimal-raft.js:12:5');
    expect(thrownAt(errorWithStack('Error: boom\n    at step (C:\\raft\\node.js:3:1)'), BUILT)).toBe('at step (node.js:3:1)');
  });

  it('names a frame of raftsim’s own code by its function alone, the same from its modules and from its bundle', () => {
    const modules = thrownAt(errorWithStack(`Error: boom\n    at RaftNode.sendAppend (file://${BUILT}core/node/leader-replication.js:169:19)\n    at x`), BUILT);
    const bundle = thrownAt(errorWithStack(`Error: boom\n    at RaftNode.sendAppend (file://${BUILT}bin/seed-worker.js:40211:13)\n    at x`), BUILT);
    expect(modules).toBe('at RaftNode.sendAppend');
    expect(bundle).toBe(modules);
    expect(thrownAt(errorWithStack(`Error: boom\n    at ${BUILT}bin/raftsim.js:10:2`), BUILT)).toBe('at an anonymous function');
  });

  it('counts as its own only the folders of its code under its root: not a file beside them, nor another package', () => {
    expect(isOwnCode(`file://${BUILT}sim/cluster/node-control.js`, BUILT)).toBe(true);
    expect(isOwnCode(`${BUILT}bugs/catalog.js`, BUILT)).toBe(true);
    expect(isOwnCode(`${BUILT}../examples/minimal-raft.js`.replace('dist/../', ''), BUILT)).toBe(false);
    expect(isOwnCode('/opt/app/src/core/node.js', BUILT)).toBe(false);
    expect(isOwnCode(`${BUILT}core/node.js`, null)).toBe(false);
    // From the source checkout (as under vitest), the test fixtures are not its own code.
    expect(isOwnCode('/work/raftsim/test/fixtures/throwing-raft.js', '/work/raftsim/')).toBe(false);
    expect(isOwnCode('/work/raftsim/core/node/raft-node.ts', '/work/raftsim/')).toBe(true);
  });

  it('has nothing to say of a thrown value that is not an Error', () => {
    expect(thrownAt('a string')).toBeUndefined();
  });
});
