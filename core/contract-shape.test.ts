import { describe, expect, it } from 'vitest';
import { checkArguments } from './argument-checks.js';
import { ImplementationUnreachable } from './contract.js';
import { implementationShapeProblem, isRaftImplementation, nodeShapeProblem, RAFT_IMPLEMENTATION, SAMPLE_NODE_CONFIG } from './contract-shape.js';
import { referenceImplementation } from './node.js';
import { coreOptionsProblem } from './options.js';

const create = () => ({});
const NODE_METHODS = ['tick', 'step', 'propose', 'hasReady', 'ready', 'advance'] as const;
const OPTIONAL_NODE_METHODS = ['transferLeadership', 'compact', 'proposeConfigChange', 'read', 'close'] as const;

/** A node object with every required method, and the fields given in place of theirs. */
function nodeWith(changes: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...Object.fromEntries(NODE_METHODS.map((method) => [method, () => undefined])), ...changes };
}

describe('the shape of an exported implementation', () => {
  it('is kept by the reference implementation and by a bare { name, create }', () => {
    expect(implementationShapeProblem(referenceImplementation)).toBeNull();
    expect(implementationShapeProblem({ name: 'bare', create })).toBeNull();
    expect(isRaftImplementation(referenceImplementation)).toBe(true);
  });

  it('is not kept by a module that exports something other than an object', () => {
    for (const exported of [undefined, null, 42, 'raft', Object.assign(function raft() {}, { create })]) {
      expect(implementationShapeProblem(exported), String(exported)).toBe(
        'exports neither `implementation` nor a default export that is a RaftImplementation { name, create(config) }',
      );
      expect(isRaftImplementation(exported)).toBe(false);
    }
  });

  it('wants a name that says something: a string with more than blanks in it', () => {
    for (const name of [undefined, 7, '', '  \t']) {
      expect(implementationShapeProblem({ name, create }), JSON.stringify(name)).toBe('export `name` must be a non-empty string');
    }
    expect(implementationShapeProblem({ name: ' raft ', create })).toBeNull();
  });

  it('wants create to be a function', () => {
    expect(implementationShapeProblem({ name: 'x', create: { tick() {} } })).toBe('export `create` must be a function');
    expect(implementationShapeProblem({ name: 'x' })).toBe('export `create` must be a function');
    expect(isRaftImplementation({ name: 'x' })).toBe(false);
  });

  it('takes message types of its own, each a non-empty string', () => {
    expect(implementationShapeProblem({ name: 'x', create, extraMessageTypes: [] })).toBeNull();
    expect(implementationShapeProblem({ name: 'x', create, extraMessageTypes: ['MsgHeartbeat', 'MsgHeartbeatResp'] })).toBeNull();
    const problem = 'export `extraMessageTypes` must be an array of non-empty strings when present';
    for (const extraMessageTypes of ['MsgHeartbeat', ['MsgHeartbeat', 3], ['MsgHeartbeat', ''], [' ', 'MsgHeartbeat'], [null]]) {
      expect(implementationShapeProblem({ name: 'x', create, extraMessageTypes }), JSON.stringify(extraMessageTypes)).toBe(problem);
    }
  });

  it('does not take, as a type of its own, a message type the contract defines', () => {
    expect(implementationShapeProblem({ name: 'x', create, extraMessageTypes: ['MsgHeartbeat', 'AppendEntriesRequest'] })).toBe(
      'export `extraMessageTypes` names AppendEntriesRequest, a message type of the contract already',
    );
    expect(implementationShapeProblem({ name: 'x', create, extraMessageTypes: ['TimeoutNowRequest'] })).toMatch(/names TimeoutNowRequest/);
  });

  it('is asked of an implementation argument, which throws a TypeError pointing at the contract', () => {
    expect(() => checkArguments('f', ['implementation', referenceImplementation, RAFT_IMPLEMENTATION])).not.toThrow();
    expect(() => checkArguments('f', ['implementation', { name: 'x' }, RAFT_IMPLEMENTATION])).toThrow(
      new TypeError('f: implementation must be a RaftImplementation { name, create(config) } (see docs/contract.md), got an object with name'),
    );
  });
});

describe('the shape of a node create(config) returns', () => {
  it('is kept by a node of the reference implementation, and by an object with the required methods alone', () => {
    expect(nodeShapeProblem(referenceImplementation.create(SAMPLE_NODE_CONFIG))).toBeNull();
    expect(nodeShapeProblem(nodeWith())).toBeNull();
  });

  it('is not kept by something other than an object', () => {
    for (const node of [undefined, null, 1, 'node', () => nodeWith()]) {
      expect(nodeShapeProblem(node), String(node)).toBe('`create(config)` must return a node object');
    }
  });

  it.each(NODE_METHODS)('is not kept by a node without a method %s, which is named', (method) => {
    expect(nodeShapeProblem(nodeWith({ [method]: undefined }))).toBe(`the node \`create(config)\` returns must have a method \`${method}\``);
    expect(nodeShapeProblem(nodeWith({ [method]: 'yes' }))).toBe(`the node \`create(config)\` returns must have a method \`${method}\``);
  });

  it.each(OPTIONAL_NODE_METHODS)('lets a node leave out %s, but not give it as something other than a function', (method) => {
    expect(nodeShapeProblem(nodeWith({ [method]: () => undefined }))).toBeNull();
    expect(nodeShapeProblem(nodeWith({ [method]: true }))).toBe(`the optional \`${method}\` of a node must be a function when present`);
    expect(nodeShapeProblem(nodeWith({ [method]: null }))).toBe(`the optional \`${method}\` of a node must be a function when present`);
  });

  it('names the first required method missing before any optional one given wrong', () => {
    expect(nodeShapeProblem(nodeWith({ ready: undefined, close: 1 }))).toMatch(/must have a method `ready`/);
  });
});

describe('the sample configuration a loaded implementation is tried with', () => {
  it('is a fresh node of a three-node cluster it belongs to, with usable options', () => {
    expect(SAMPLE_NODE_CONFIG.members).toHaveLength(3);
    expect(SAMPLE_NODE_CONFIG.members).toContain(SAMPLE_NODE_CONFIG.id);
    expect(SAMPLE_NODE_CONFIG.persisted).toBeNull();
    expect(coreOptionsProblem(SAMPLE_NODE_CONFIG.options)).toBeNull();
  });
});

describe('the configuration create(config) checks', () => {
  const make = (changes: Record<string, unknown>) => () => referenceImplementation.create({ ...SAMPLE_NODE_CONFIG, ...changes } as never);

  it('names something other than a configuration as a whole', () => {
    expect(() => referenceImplementation.create(5 as never)).toThrow(new TypeError('create: config must be a NodeConfig { id, members, options, random, persisted }, got 5'));
    expect(() => referenceImplementation.create({ nodeId: 1 } as never)).toThrow(/^create: config must be a NodeConfig \{ id, members, options, random, persisted \}, got an object with nodeId$/);
  });

  it('names the field that is wrong, down to a field inside a field', () => {
    expect(make({ id: 0 })).toThrow(new RangeError('create: config.id must be an integer ≥ 1, got 0'));
    expect(make({ members: [1, 'two', 3] })).toThrow(new TypeError('create: config.members[1] must be an integer ≥ 1, got "two"'));
    expect(make({ options: 'fast' })).toThrow(new TypeError('create: config.options must be a CoreOptions object, got "fast"'));
    expect(make({ random: () => 0.5 })).toThrow(new TypeError('create: config.random must be a RandomSource { next() }, got a function'));
    expect(make({ random: { next: 0.5 } })).toThrow(new TypeError('create: config.random.next must be a function, got 0.5'));
  });

  it('takes no persisted state or a whole one, naming what is wrong inside it', () => {
    const hardState = { term: 2, votedFor: 1 };
    expect(make({ persisted: { hardState, log: [] } })).not.toThrow();
    expect(make({ persisted: 'empty' })).toThrow(new TypeError('create: config.persisted must be null or a PersistentState { hardState, log }, got "empty"'));
    expect(make({ persisted: { hardState, log: 'none' } })).toThrow(new TypeError('create: config.persisted.log must be an array, got "none"'));
    expect(make({ persisted: { hardState: 2, log: [] } })).toThrow(new TypeError('create: config.persisted.hardState must be a HardState { term, votedFor }, got 2'));
    expect(make({ persisted: { hardState: { ...hardState, term: -1 }, log: [] } })).toThrow(new RangeError('create: config.persisted.hardState.term must be an integer ≥ 0, got -1'));
  });
});

describe('an implementation that cannot be reached', () => {
  it('is an Error of its own name, carrying the kind of failure', () => {
    const error = new ImplementationUnreachable('implementation-exit', 'the process exited with code 1');
    expect(error).toBeInstanceOf(Error);
    expect(error.kind).toBe('implementation-exit');
    expect(String(error)).toBe('ImplementationUnreachable: the process exited with code 1');
  });
});
